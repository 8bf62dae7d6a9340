import Hummingbird
import NIOCore

/// Hummingbird's request context plus the connection's channel, so that a fault can drop the
/// connection without an answer (`send_reset_after_share`).
public struct SimulatorRequestContext: RequestContext {
    /// Hummingbird's own context storage.
    public var coreContext: CoreRequestContextStorage
    /// The connection the request came on.
    let channel: any Channel

    /// A context for a request of `source`'s connection.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
