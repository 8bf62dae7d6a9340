import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A real HTTP/1.1 server on 127.0.0.1 (Hummingbird) for the client's tests. Endpoints:
/// - `POST /echo`: answers an ``EchoReply`` with the JSON body's id and text, and the method,
///   `authorization` and `content-type` it received.
/// - `POST /status/{code}`: answers that status with the body `status {code}`.
/// - `POST /text`: 200 with a body that is not JSON. `POST /wrong-shape`: 200 with `{"unexpected":true}`.
/// - `POST /slow`: answers after 30 s (the tests time out long before).
/// - `POST /bytes/{count}`: 200 with `count` bytes.
/// It counts requests and the distinct client ports they came from (one port = one connection).
final class TestServer: Sendable {
    let port: Int
    private let stats: ServerStats

    fileprivate init(port: Int, stats: ServerStats) {
        self.port = port
        self.stats = stats
    }

    /// `http://127.0.0.1:<port>`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Requests received so far.
    var requestCount: Int { stats.counts.withLock { $0.requests } }

    /// Connections that carried those requests (distinct client ports).
    var connectionCount: Int { stats.counts.withLock { $0.ports.count } }

    /// Runs `body` with a server started on a free port, then stops the server.
    static func withServer<T>(_ body: (TestServer) async throws -> T) async throws -> T {
        let stats = ServerStats()
        var logger = Logger(label: "test-server")
        logger.logLevel = .critical  // cancelling the server at the end logs errors that mean nothing here
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: makeRouter(stats: stats),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var port = 0
            for await bound in ports { port = bound }
            defer { group.cancelAll() }
            return try await body(TestServer(port: port, stats: stats))
        }
    }
}

/// What `POST /echo` answers.
struct EchoReply: Codable, Sendable, Equatable {
    var id: Int
    var text: String
    var method: String
    var authorization: String?
    var contentType: String?
}

/// What `POST /echo` expects.
struct EchoBody: Codable, Sendable {
    var id: Int
    var text: String
}

private final class ServerStats: Sendable {
    struct Counts {
        var requests = 0
        var ports: Set<Int> = []
    }

    let counts = Mutex(Counts())
}

/// The request context: Hummingbird's basics plus the client's port.
private struct TestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let clientPort: Int?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientPort = source.channel.remoteAddress?.port
    }
}

private struct CountingMiddleware: RouterMiddleware {
    typealias Context = TestContext
    let stats: ServerStats

    func handle(
        _ request: Request, context: TestContext, next: (Request, TestContext) async throws -> Response
    ) async throws -> Response {
        stats.counts.withLock { counts in
            counts.requests += 1
            if let port = context.clientPort { counts.ports.insert(port) }
        }
        return try await next(request, context)
    }
}

private func makeRouter(stats: ServerStats) -> Router<TestContext> {
    let router = Router(context: TestContext.self)
    router.add(middleware: CountingMiddleware(stats: stats))
    router.post("echo") { request, context -> Response in
        let body = try await request.decode(as: EchoBody.self, context: context)
        let reply = EchoReply(
            id: body.id, text: body.text, method: request.method.rawValue,
            authorization: request.headers[.authorization], contentType: request.headers[.contentType])
        return try JSONResponse.make(reply)
    }
    router.post("status/:code") { _, context -> Response in
        let code = context.parameters.get("code", as: Int.self) ?? 500
        return text("status \(code)", status: .init(code: code))
    }
    router.post("text") { _, _ in text("<html>this is not json</html>", status: .ok) }
    router.post("wrong-shape") { _, _ in try JSONResponse.make(["unexpected": true]) }
    router.post("slow") { _, _ -> Response in
        try await Task.sleep(for: .seconds(30))
        return text("too late", status: .ok)
    }
    router.post("bytes/:count") { _, context -> Response in
        let count = context.parameters.get("count", as: Int.self) ?? 0
        return text(String(repeating: "x", count: count), status: .ok)
    }
    return router
}

private func text(_ string: String, status: HTTPResponse.Status) -> Response {
    Response(
        status: status, headers: [.contentType: "text/plain"],
        body: .init(byteBuffer: ByteBuffer(string: string)))
}

private enum JSONResponse {
    static func make(_ value: some Encodable) throws -> Response {
        let data = try JSONEncoder().encode(value)
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
