import Digest
import Foundation

/// Who may sign in: operators with a password (`CONSOLE_USERS`) and holders of the shared token
/// (`CONSOLE_TOKEN`). Only hashes are kept; every comparison takes the same time whether the name
/// exists or not, and wherever the bytes differ.
public struct Credentials: Sendable {
    /// The operators and their password hashes.
    let users: [String: PasswordHash]
    /// SHA-256 of the shared token.
    let tokenDigest: [UInt8]?
    /// Checked when the name is unknown, so that the answer takes as long as for a known one: of the
    /// same kind and cost as the operators' hashes.
    private let decoy: PasswordHash

    /// The shortest token accepted (a shared secret must not be guessable).
    public static let minimumTokenLength = 16

    /// Credentials from the variables' values.
    /// - Parameters:
    ///   - users: `name:hash` entries separated by commas, spaces or new lines (``PasswordHash`` forms).
    ///   - token: the shared token itself, or `sha256:<hex>` of it.
    /// - Throws: ``ConsoleConfigurationError`` for a malformed entry, a short token, or neither given.
    public init(users: String?, token: String?) throws(ConsoleConfigurationError) {
        var parsed: [String: PasswordHash] = [:]
        let entries = (users ?? "").split(whereSeparator: { $0 == "," || $0.isWhitespace })
        for entry in entries {
            guard let colon = entry.firstIndex(of: ":") else {
                throw ConsoleConfigurationError(variable: "CONSOLE_USERS", message: "has an entry without name:hash")
            }
            let name = String(entry[..<colon])
            guard Self.isValidName(name) else {
                throw ConsoleConfigurationError(
                    variable: "CONSOLE_USERS", message: "has a user name that is not 1-64 of [A-Za-z0-9._@-]")
            }
            parsed[name] = try PasswordHash(parsing: String(entry[entry.index(after: colon)...]), variable: "CONSOLE_USERS")
        }
        self.users = parsed
        let costliest = parsed.values.compactMap { hash -> Int? in
            if case .pbkdf2(let iterations, _, _) = hash { iterations } else { nil }
        }.max()
        decoy = costliest.map { .pbkdf2(iterations: $0, salt: Array("decoy-salt".utf8), hash: [UInt8](repeating: 0, count: 32)) }
            ?? .sha256([UInt8](repeating: 0, count: 32))
        if let token = token?.trimmingCharacters(in: .whitespaces), !token.isEmpty {
            if token.lowercased().hasPrefix("sha256:") {
                guard case .sha256(let digest) = try PasswordHash(parsing: token, variable: "CONSOLE_TOKEN") else {
                    throw ConsoleConfigurationError(variable: "CONSOLE_TOKEN", message: "is not sha256:<64 hex digits>")
                }
                tokenDigest = digest
            } else {
                guard token.count >= Self.minimumTokenLength else {
                    throw ConsoleConfigurationError(
                        variable: "CONSOLE_TOKEN", message: "must have at least \(Self.minimumTokenLength) characters")
                }
                tokenDigest = SHA256.hash(token.utf8)
            }
        } else {
            tokenDigest = nil
        }
        guard !parsed.isEmpty || tokenDigest != nil else {
            throw ConsoleConfigurationError(
                variable: "CONSOLE_USERS",
                message: "or CONSOLE_TOKEN must be set: nobody could sign in (see `console hash-password`)")
        }
    }

    /// Whether some operators sign in with a name and password.
    public var acceptsPasswords: Bool { !users.isEmpty }
    /// Whether the shared token is accepted.
    public var acceptsToken: Bool { tokenDigest != nil }

    /// Whether `user` signs in with `password`. An unknown name costs the same as a wrong password.
    public func verify(user: String, password: String) -> Bool {
        guard let hash = users[user] else {
            _ = decoy.matches(password)
            return false
        }
        return hash.matches(password)
    }

    /// Whether `token` is the shared token (digests compared in constant time).
    public func verify(token: String) -> Bool {
        guard let tokenDigest else { return false }
        return constantTimeEquals(SHA256.hash(token.utf8), tokenDigest)
    }

    /// Whether `name` is a valid operator name (also for the name a token holder gives).
    public static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.count)
            && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || "0123456789._@-".unicodeScalars.contains($0)) }
    }
}
