import Logging
import ServiceLifecycle

/// An HTTP/1.1 and HTTP/2 client over libcurl, for many concurrent requests from one process.
///
/// Each client owns one thread (started on the first request) that runs every transfer through a libcurl multi handle, so
/// requests run side by side and reuse kept-alive connections (up to the configured limits).
/// Awaiting tasks never block: they are resumed from that thread. Create one client per process
/// (or per group of upstream hosts), share it, and run it as a swift-service-lifecycle service
/// (``run()``) before the services that use it, or call ``shutdown()`` when done.
///
/// ```swift
/// let client = HTTPClient(configuration: .init(requestTimeout: .seconds(5)), logger: logger)
/// let tracking = try await client.postJSON(
///     "\(base)/tracking", body: ["id_sale": "123456"], headers: ["authorization": token],
///     as: Tracking.self)
/// ```
public final class HTTPClient: Service, Sendable {
    /// The settings the client was created with.
    public let configuration: HTTPClientConfiguration
    private let engine: TransferEngine

    /// A client; its thread starts with the first request. Requests and failures are logged at debug
    /// level (without credentials) to `logger`.
    public init(configuration: HTTPClientConfiguration = HTTPClientConfiguration(), logger: Logger) {
        self.configuration = configuration
        engine = TransferEngine(configuration: configuration, logger: logger)
    }

    deinit { engine.stop() }

    /// Runs as a swift-service-lifecycle service: waits for the graceful shutdown (or cancellation) of
    /// its group, then shuts the client down (see ``shutdown()``).
    public func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }

    /// Sends the request and returns the response, whatever its status (see ``postJSON(_:body:headers:timeout:)``
    /// for calls where only 2xx is a success).
    ///
    /// Cancelling the awaiting task ends the wait at once with ``HTTPError/Code/cancelled`` and
    /// drops the transfer. Throws ``HTTPError`` on timeout, connection failure, transport errors,
    /// a body over ``HTTPClientConfiguration/maxBodyBytes``, or after ``shutdown()``.
    public func execute(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        let pending = PendingRequest(request: request)
        let engine = self.engine
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                guard pending.attach(continuation) else { return }
                if !engine.submit(pending) {
                    pending.finish(
                        .failure(pending.error(.shutdown, "The HTTP client is shut down; create a new one.")))
                }
            }
        } onCancel: {
            if pending.cancel() { engine.cancel(pending) }
        }
        return try result.get()
    }

    /// Fails every pending request with ``HTTPError/Code/shutdown``, refuses new ones, and returns
    /// when the client's thread has ended. Calling it again does nothing.
    public func shutdown() async {
        engine.stop()
        await engine.waitUntilStopped()
    }

    /// Requests completed and connections opened so far (fewer connections than requests means
    /// connections were reused).
    public var statistics: HTTPClientStatistics { engine.statistics }
}
