/// Text from outside (clients' messages, subjects, upstream errors) made safe to show a person, before
/// Mustache escapes it for HTML:
///
/// - invisible characters that change how text around them reads are made visible as `[U+202E]`:
///   bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C),
///   zero-width characters and every other format (Cf) and control (Cc) character but tab and new line;
///   a line or paragraph separator becomes a new line;
/// - a grapheme cluster with more than ``maximumScalarsPerCharacter`` scalars (stacked combining
///   marks) keeps its first scalar and shows `[…]`;
/// - at most `limit` characters are kept; the rest is counted (``truncated``).
public struct DisplayText: Sendable, Equatable {
    /// The safe text (still to be HTML-escaped, which Mustache's `{{…}}` does).
    public let text: String
    /// Characters left out at the end.
    public let truncated: Int
    /// Invisible or control characters that were made visible.
    public let neutralised: Int

    /// More scalars than this in one character are cut (an emoji family sequence has at most 10 or so).
    public static let maximumScalarsPerCharacter = 16

    /// Cleans `raw` and keeps at most `limit` characters.
    public init(_ raw: String, limit: Int) {
        var output = ""
        var kept = 0
        var neutralised = 0
        var total = 0
        for character in raw {
            total += 1
            guard kept < limit else { continue }
            kept += 1
            if character.unicodeScalars.count > Self.maximumScalarsPerCharacter {
                output.unicodeScalars.append(character.unicodeScalars.first!)
                output += "[…]"
                neutralised += 1
                continue
            }
            for scalar in character.unicodeScalars {
                if let replacement = Self.replacement(for: scalar) {
                    output += replacement
                    if replacement != "\n" { neutralised += 1 }
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        text = output
        truncated = total - kept
        self.neutralised = neutralised
    }

    /// What shows in place of `scalar`, or nil to keep it.
    static func replacement(for scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x09, 0x0A: return nil
        case 0x0D: return ""  // a CR of CR LF
        case 0x2028, 0x2029: return "\n"
        default: break
        }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse:
            return "[U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(4) + "]"
        default:
            return nil
        }
    }
}

extension String {
    /// Padded with zeros on the left to `width`.
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
