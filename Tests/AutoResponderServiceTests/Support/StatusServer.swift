import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An HTTP server on 127.0.0.1 (Hummingbird, in this process): `POST /status/{code}` answers that
/// status (with `Retry-After` from the `retry-after` query item); `POST /slow` answers after 30 s.
struct StatusServer: Sendable {
    let port: Int
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Runs `body` with a server on a free port, then stops it.
    static func withServer<T: Sendable>(_ body: @Sendable (StatusServer) async throws -> T) async throws -> T {
        var logger = Logger(label: "status-server")
        logger.logLevel = .critical
        let router = Router()
        router.post("status/:code") { request, context -> Response in
            let code = context.parameters.get("code", as: Int.self) ?? 500
            var headers: HTTPFields = [.contentType: "text/plain"]
            if let retryAfter = request.uri.queryParameters.get("retry-after") { headers[.retryAfter] = retryAfter }
            return Response(
                status: .init(code: code), headers: headers, body: .init(byteBuffer: ByteBuffer(string: "status \(code)")))
        }
        router.post("slow") { _, _ -> Response in
            try await Task.sleep(for: .seconds(30))
            return Response(status: .ok)
        }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
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
            return try await body(StatusServer(port: port))
        }
    }

    /// A local port nobody listens on (bound, then closed).
    static func closedPort() throws -> Int {
        #if os(Linux)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
