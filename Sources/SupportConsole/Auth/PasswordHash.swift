import Digest

/// An operator's password as `CONSOLE_USERS` holds it: a hash, never the password.
///
/// Forms: `sha256:<64 hex digits>` (or the 64 hex digits alone), and
/// `pbkdf2-sha256:<iterations>:<salt in hex>:<hash in hex>` (what `console hash-password` prints;
/// preferred: a leaked hash is then slow to guess).
public enum PasswordHash: Sendable, Equatable {
    /// SHA-256 of the password's UTF-8 bytes.
    case sha256([UInt8])
    /// PBKDF2-HMAC-SHA-256 of the password with a salt.
    case pbkdf2(iterations: Int, salt: [UInt8], hash: [UInt8])

    /// Iterations of ``make(password:iterations:)``'s default.
    public static let defaultIterations = 210_000

    /// Parses one of the forms above.
    /// - Throws: ``ConsoleConfigurationError`` naming `variable` (the text itself is never repeated).
    public init(parsing text: String, variable: String) throws(ConsoleConfigurationError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts.first?.lowercased() {
        case "sha256" where parts.count == 2:
            guard let digest = Hex.decode(parts[1]), digest.count == SHA256.byteCount else { throw Self.invalid(variable) }
            self = .sha256(digest)
        case "pbkdf2-sha256" where parts.count == 4:
            guard let iterations = Int(parts[1]), (1...10_000_000).contains(iterations), let salt = Hex.decode(parts[2]),
                !salt.isEmpty, let hash = Hex.decode(parts[3]), hash.count >= 16
            else { throw Self.invalid(variable) }
            self = .pbkdf2(iterations: iterations, salt: salt, hash: hash)
        case _ where parts.count == 1:
            guard let digest = Hex.decode(text), digest.count == SHA256.byteCount else { throw Self.invalid(variable) }
            self = .sha256(digest)
        default:
            throw Self.invalid(variable)
        }
    }

    /// A new PBKDF2 hash of `password` with a random 16-byte salt.
    public static func make(password: String, iterations: Int = defaultIterations) -> PasswordHash {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return .pbkdf2(
            iterations: iterations, salt: salt,
            hash: PBKDF2.derive(password: Array(password.utf8), salt: salt, iterations: iterations))
    }

    /// Whether `password` hashes to this (compared in constant time).
    public func matches(_ password: String) -> Bool {
        switch self {
        case .sha256(let digest):
            return constantTimeEquals(SHA256.hash(password.utf8), digest)
        case .pbkdf2(let iterations, let salt, let hash):
            let derived = PBKDF2.derive(
                password: Array(password.utf8), salt: salt, iterations: iterations, byteCount: hash.count)
            return constantTimeEquals(derived, hash)
        }
    }

    /// The text form (`pbkdf2-sha256:…` or `sha256:…`), for `CONSOLE_USERS`.
    public var encoded: String {
        switch self {
        case .sha256(let digest): "sha256:" + Hex.encode(digest)
        case .pbkdf2(let iterations, let salt, let hash): "pbkdf2-sha256:\(iterations):\(Hex.encode(salt)):\(Hex.encode(hash))"
        }
    }

    private static func invalid(_ variable: String) -> ConsoleConfigurationError {
        ConsoleConfigurationError(
            variable: variable,
            message: "holds a password hash that is neither sha256:<64 hex digits> nor "
                + "pbkdf2-sha256:<iterations>:<salt hex>:<hash hex> (make one with `console hash-password`)")
    }
}

/// Lower-case hexadecimal.
enum Hex {
    static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] })
    }

    static func decode(_ text: String) -> [UInt8]? {
        let nibbles = text.utf8.map { byte -> UInt8? in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        guard nibbles.count % 2 == 0, !nibbles.contains(nil) else { return nil }
        let values = nibbles.compactMap { $0 }
        return stride(from: 0, to: values.count, by: 2).map { values[$0] << 4 | values[$0 + 1] }
    }
}
