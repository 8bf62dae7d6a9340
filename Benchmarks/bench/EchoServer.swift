import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// What the echo endpoint takes and gives back: a small JSON object.
struct EchoMessage: ResponseCodable, Sendable {
    var id: Int
    var text: String
}

/// An in-process Hummingbird server on 127.0.0.1 with one endpoint, `POST /echo`, which decodes
/// an ``EchoMessage`` and answers it back as JSON.
enum EchoServer {
    /// Starts the server on a free port, runs `body` with its base URL (`http://127.0.0.1:<port>`),
    /// then stops the server.
    static func withServer<T: Sendable>(
        logger: Logger, _ body: @escaping @Sendable (String) async throws -> T
    ) async throws -> T {
        var serverLogger = logger
        serverLogger.logLevel = .critical  // stopping the server at the end logs errors that mean nothing here
        let router = Router()
        router.post("echo") { request, context -> EchoMessage in
            try await request.decode(as: EchoMessage.self, context: context)
        }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: serverLogger)
        let services = ServiceGroup(configuration: .init(services: [app], logger: serverLogger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var port = 0
            for await bound in ports { port = bound }
            defer { group.cancelAll() }
            guard port > 0 else { throw BenchError("the echo server did not start") }
            return try await body("http://127.0.0.1:\(port)")
        }
    }
}
