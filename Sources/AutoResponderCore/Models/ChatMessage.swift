import Foundation

/// One message of a conversation, as the chats API lists it (client messages, and possibly echoes of
/// the replies this service sent).
public struct ChatMessage: Hashable, Sendable {
    /// The message's id.
    public var id: MessageID
    /// What was written (never trusted: routed and matched, never executed or interpolated into queries).
    public var text: String
    /// When it was written.
    public var createdAt: Date

    /// Creates a message from validated parts.
    public init(id: MessageID, text: String, createdAt: Date) {
        self.id = id
        self.text = text
        self.createdAt = createdAt
    }

    /// Parses the chats API's `created_at`: Unix seconds as a decimal string (`"1640197668"`,
    /// optionally with a fraction), between 1970 and 9999.
    /// - Throws: ``IdentifierError`` (`invalidFormat`) for anything else.
    public static func parseCreatedAt(_ raw: String) throws(IdentifierError) -> Date {
        let kind = "created_at"
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw IdentifierError(code: .empty, kind: kind, value: raw) }
        guard trimmed.count <= 24 else { throw IdentifierError(code: .tooLong, kind: kind, value: raw) }
        let parts = trimmed.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let allDigits = parts.allSatisfy { part in
            !part.isEmpty && part.unicodeScalars.allSatisfy(IdentifierSyntax.isDigit)
        }
        guard allDigits, let seconds = Double(trimmed), seconds < 253_402_300_800 else {
            throw IdentifierError(code: .invalidFormat, kind: kind, value: raw)
        }
        return Date(timeIntervalSince1970: seconds)
    }
}
