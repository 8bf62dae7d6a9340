/// An identifier received from upstream (chats API, logistics, telecom, database) was rejected.
///
/// Upstream strings are never trusted: they are parsed into the typed identifiers of this module
/// (``ConversationID``, ``MerchantID``, ``SaleID``, ``ChipID``, ``MessageID``, ``ZipCode``) before use,
/// and garbage fails with this error instead of reaching a query, a URL or a reply.
public struct IdentifierError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong with the value. Opaque, so that cases can be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The value was empty (or only whitespace).
        public static let empty = Code("empty")
        /// The value was longer than the identifier allows.
        public static let tooLong = Code("tooLong")
        /// The value held a character outside the identifier's conservative character set.
        public static let invalidCharacter = Code("invalidCharacter")
        /// The value had the right characters but not the identifier's shape (e.g. a zip code's length).
        public static let invalidFormat = Code("invalidFormat")

        /// The code's name.
        public var description: String { name }
    }

    /// What was wrong.
    public let code: Code
    /// Which kind of identifier was being parsed, e.g. `merchant id`.
    public let kind: String
    /// A short, printable excerpt of the rejected value (never more than 40 characters, escaped).
    public let excerpt: String

    /// Creates the error for a rejected `value` of identifier `kind`.
    public init(code: Code, kind: String, value: String) {
        self.code = code
        self.kind = kind
        let prefix = value.prefix(40)
        let escaped = prefix.unicodeScalars.map { $0.escaped(asASCII: true) }.joined()
        self.excerpt = value.count > 40 ? escaped + "…" : escaped
    }

    /// Says what failed and what to do about it.
    public var description: String {
        "invalid \(kind) \"\(excerpt)\" (\(code)): the upstream sent a value that is not a valid \(kind); "
            + "it was not used. Check the upstream data."
    }
}
