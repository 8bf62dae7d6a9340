import Glibc
import HTTP
import Logging
import Testing

/// A logger for clients under test (info and above only, so runs stay quiet).
let testLogger = Logger(label: "http-tests")

/// Runs `body` with a new client, then shuts the client down.
func withClient<T>(
    _ configuration: HTTPClientConfiguration = HTTPClientConfiguration(),
    _ body: (HTTPClient) async throws -> T
) async throws -> T {
    let client = HTTPClient(configuration: configuration, logger: testLogger)
    do {
        let value = try await body(client)
        await client.shutdown()
        return value
    } catch {
        await client.shutdown()
        throw error
    }
}

/// The ``HTTPError`` that `operation` throws; records an issue (and returns nil) if it succeeds
/// or throws something else.
func httpError<T>(
    _ operation: () async throws -> T, sourceLocation: SourceLocation = #_sourceLocation
) async -> HTTPError? {
    do {
        let value = try await operation()
        Issue.record("expected an HTTPError, got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch let error as HTTPError {
        return error
    } catch {
        Issue.record("expected an HTTPError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// A loopback TCP port that nothing listens on: bound to learn a free number, then closed.
func closedPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw SocketError() }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
        }
    }
    guard bound else { throw SocketError() }
    return Int(UInt16(bigEndian: address.sin_port))
}

struct SocketError: Error {}

/// Polls `condition` every 10 ms for at most 10 s; false if it never held.
func eventually(_ condition: () -> Bool) async throws -> Bool {
    for _ in 0..<1000 {
        if condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}
