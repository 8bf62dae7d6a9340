import Foundation
import Hummingbird
import Logging
import NIOCore
import World

/// Serves a ``Simulator`` over HTTP with Hummingbird: the nine contract endpoints (all `POST`) and
/// the inspection endpoints under `/_sim/` (no token needed):
///
/// - `GET /_sim/health` → `{"status":"ok"}`
/// - `GET /_sim/sent[?since=N&conversation_id=ID]` → `{"sent": [SentMessage], "stats": SimulatorStats}`
/// - `GET /_sim/stats` → ``SimulatorStats``
/// - `GET /_sim/active` → `{"conversation_ids": ["754893", ...]}` (strings; no faults, no token)
/// - `GET /_sim/conversations/{id}` → the conversation as served now
/// - `GET /_sim/service_orders` → `{"service_orders": [ServiceOrder]}`, every order, in the order opened
/// - `GET /_sim/config` → ``SimulatorKnobs``; `POST /_sim/config` with some knobs → the knobs in force
/// - `POST /_sim/reset` → back to the world's start (knobs kept)
/// - `GET /_sim/outage` → ``OutageStatus``; `POST /_sim/outage` with an ``Outage`` → starts it now
///   (or `start_after_seconds` from now); `DELETE /_sim/outage` or `POST /_sim/outage/stop` → ends
///   the outages in progress
public enum SimulatorServer {
    /// The Hummingbird application serving `simulator` on `host:port` (port 0: any free port;
    /// `onServerRunning` receives the port bound).
    public static func application(
        simulator: Simulator, host: String = "127.0.0.1", port: Int = 8080, logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router(context: SimulatorRequestContext.self)
        for endpoint in Endpoint.allCases {
            router.post(RouterPath(stringLiteral: endpoint.path)) { request, context -> Response in
                try await serve(endpoint, request: request, context: context, simulator: simulator, logger: logger)
            }
        }
        addInspection(to: router, simulator: simulator)
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "apisim"),
            services: [EventPusher(simulator: simulator)],
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// Serves `simulator` on `host:port` until SIGTERM or SIGINT, then stops gracefully (hangs in
    /// progress are released first, so they do not hold the shutdown).
    public static func run(
        simulator: Simulator, host: String, port: Int, logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        try await application(simulator: simulator, host: host, port: port, logger: logger, onServerRunning: onServerRunning)
            .runService()
    }

    /// Runs `simulator` on a free port of 127.0.0.1 while `body` runs, then stops it.
    /// `body` receives the base URL (`http://127.0.0.1:PORT`).
    public static func withRunning<Result: Sendable>(
        _ simulator: Simulator, logger: Logger, _ body: @Sendable (URL) async throws -> Result
    ) async throws -> Result {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = application(simulator: simulator, port: 0, logger: logger) { port in
            portContinuation.yield(port)
            portContinuation.finish()
        }
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                defer { portContinuation.finish() }  // a server that fails to start must not leave us waiting
                try await app.run()
                return nil
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                try await group.waitForAll()  // rethrows the server's error, e.g. the port is taken
                throw SimulatorError(.server, "the simulator's server stopped before it listened")
            }
            defer {
                simulator.releaseHangs()
                group.cancelAll()
            }
            return try await body(URL(string: "http://127.0.0.1:\(port)")!)
        }
    }

    private static func serve(
        _ endpoint: Endpoint, request: Request, context: SimulatorRequestContext, simulator: Simulator, logger: Logger
    ) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        let reply = simulator.handle(
            endpoint, body: Data(buffer.readableBytesView), authorization: request.headers[.authorization])
        if reply.delayMilliseconds > 0 { try? await Task.sleep(for: .milliseconds(reply.delayMilliseconds)) }
        switch reply.action {
        case .respond(let status, let body):
            if let fault = reply.fault {
                logger.debug("injected fault", metadata: ["endpoint": "\(endpoint)", "fault": "\(fault.rawValue)"])
            }
            return json(status, body, headers: reply.headers)
        case .hang(let seconds):
            logger.debug("injected hang", metadata: ["endpoint": "\(endpoint)", "hang.seconds": "\(seconds)"])
            await simulator.hang(seconds: seconds)
            return json(500, errorBody("simulated hang ended"))
        case .dropConnection:
            logger.debug("injected dropped connection", metadata: ["endpoint": "\(endpoint)"])
            try? await context.channel.close()
            throw SimulatorError(.server, "connection dropped on purpose")
        }
    }

    static func json(_ status: Int, _ body: Data, headers extra: [String: String] = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        for (name, value) in extra.sorted(by: { $0.key < $1.key }) {
            if let name = HTTPFields.Element.Name(name) { headers[name] = value }
        }
        return Response(
            status: HTTPResponse.Status(code: status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
