import Hummingbird
import Logging
import NIOCore

/// The request context of the console: who is signed in (set by ``SessionMiddleware``) and the
/// language of the page (from `Accept-Language`).
public struct ConsoleContext: RequestContext {
    /// Hummingbird's part of the context.
    public var coreContext: CoreRequestContextStorage
    /// The signed-in operator's session, if any.
    public var session: Session?
    /// The UI language chosen for this request.
    public var language: UILanguage = .english
    /// Whether the request came through TLS (a proxy's `X-Forwarded-Proto: https`).
    public var viaTLS = false

    /// A context for a new request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Form posts are small: a token, an id, a name and a password at most.
    public var maxUploadSize: Int { 16 * 1024 }
}
