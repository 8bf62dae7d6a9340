/// JSON string literals written by hand for the two hot, tiny documents of this module (a log line,
/// a probe answer): Foundation's `JSONEncoder` would allocate an encoder, a `Data` and a dictionary
/// per line for the same bytes.
enum JSONText {
    /// `text` as a JSON string literal: quotes, backslashes and every control character escaped;
    /// bidi and zero-width format characters escaped too, so a hostile client text cannot reorder
    /// what a terminal shows of the line.
    static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || isFormatCharacter(scalar):
                out += "\\u" + hex4(scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }

    /// Bidi controls and zero-width characters (U+200B–U+200F, U+202A–U+202E, U+2060–U+2069, U+FEFF).
    static func isFormatCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF: true
        default: false
        }
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
