/// The conservative syntax shared by the opaque identifiers: 1 to `maxLength` ASCII letters, digits,
/// `-`, `_`, `.` or `:`, first character a letter or digit. Nothing else (no spaces, quotes, slashes,
/// control characters or non-ASCII) ever passes.
enum IdentifierSyntax {
    /// The default longest identifier accepted.
    static let defaultMaxLength = 64

    /// Returns `value` if it is a valid identifier of `kind`, throws otherwise.
    static func validate(
        _ value: String, kind: String, maxLength: Int = defaultMaxLength
    ) throws(IdentifierError) -> String {
        let scalars = value.unicodeScalars
        guard !scalars.isEmpty else { throw IdentifierError(code: .empty, kind: kind, value: value) }
        guard scalars.count <= maxLength else {
            throw IdentifierError(code: .tooLong, kind: kind, value: value)
        }
        for (index, scalar) in scalars.enumerated() {
            let allowed = isAlphanumeric(scalar) || (index > 0 && "-_.:".unicodeScalars.contains(scalar))
            guard allowed else { throw IdentifierError(code: .invalidCharacter, kind: kind, value: value) }
        }
        return value
    }

    /// Whether `scalar` is an ASCII letter or digit.
    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: false
        }
    }

    /// Whether `scalar` is an ASCII digit.
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(scalar.value)
    }
}
