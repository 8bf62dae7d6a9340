import Digest
import Foundation
import Synchronization

/// A signed-in operator: who, and the token their forms must carry (CSRF).
public struct Session: Sendable, Equatable {
    /// The session's id: the cookie's value (random, 256 bits).
    public let id: String
    /// Who signed in (recorded when they resolve a hand-off).
    public let user: String
    /// The token every state-changing form of this session carries (random, 256 bits).
    public let csrfToken: String
    /// When the session ends, whatever happens.
    public let expiresAt: Date

    /// Whether `token` is this session's CSRF token (compared in constant time).
    public func acceptsCSRF(_ token: String?) -> Bool {
        guard let token else { return false }
        return constantTimeEquals(Array(token.utf8), Array(csrfToken.utf8))
    }
}

/// The sessions of signed-in operators, in memory: a restart signs everyone out, and several console
/// processes behind one address need sticky sessions. Bounded: past ``capacity`` the oldest goes.
public final class SessionStore: Sendable {
    private let sessions = Mutex<[String: Session]>([:])
    /// How long a session lasts.
    public let lifetime: Duration
    /// Most sessions kept at once.
    public let capacity: Int

    /// An empty store.
    public init(lifetime: Duration, capacity: Int = 1000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// A new session for `user`.
    public func open(user: String, now: Date = Date()) -> Session {
        let session = Session(
            id: RandomToken.make(), user: user, csrfToken: RandomToken.make(),
            expiresAt: now.addingTimeInterval(Double(lifetime.components.seconds)))
        sessions.withLock { sessions in
            sessions = sessions.filter { $0.value.expiresAt > now }
            if sessions.count >= capacity, let oldest = sessions.values.min(by: { $0.expiresAt < $1.expiresAt }) {
                sessions[oldest.id] = nil
            }
            sessions[session.id] = session
        }
        return session
    }

    /// The live session whose id is `id`, if any.
    public func session(_ id: String?, now: Date = Date()) -> Session? {
        guard let id, !id.isEmpty else { return nil }
        return sessions.withLock { sessions in
            guard let session = sessions[id] else { return nil }
            guard session.expiresAt > now else {
                sessions[id] = nil
                return nil
            }
            return session
        }
    }

    /// Ends a session (signing out).
    public func close(_ id: String) {
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }
}

/// Random tokens for session ids and CSRF tokens.
enum RandomToken {
    /// 32 random bytes as URL-safe base64 (43 characters). `SystemRandomNumberGenerator` reads the
    /// operating system's cryptographically secure source (getrandom on Linux).
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Whether `text` has the form of a token (43 URL-safe base64 characters).
    static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 43
            && text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
    }
}
