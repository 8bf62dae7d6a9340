import Foundation
import Glibc
import HTTP
import Synchronization
import Testing

@Suite("HTTPClient: a request that is not idempotent is never sent twice by libcurl")
struct HTTPClientResendTests {
    /// libcurl re-sends a request by itself when the keep-alive connection it reused dies before any
    /// byte of the answer ("Connection died, retrying a fresh connect"). That is how a chats API that
    /// posted a message and then dropped the connection received the same `/send_message` twice.
    @Test func aRequestThatIsNotIdempotentIsSentOnceWhenTheServerDropsTheConnection() async throws {
        let server = try DroppingServer()
        defer { server.stop() }
        try await withClient { client in
            // A first request leaves a keep-alive connection in the client's cache.
            let first = try await client.execute(HTTPRequest(url: "\(server.baseURL)/answer"))
            #expect(first.status == 200)
            var request = HTTPRequest(url: "\(server.baseURL)/drop", body: Array("{}".utf8))
            request.isIdempotent = false
            let error = await httpError { try await client.execute(request) }
            #expect(error?.code == .transport)
            #expect(server.count(of: "/drop") == 1)
            // The connection cache still serves the other requests.
            let after = try await client.execute(HTTPRequest(url: "\(server.baseURL)/answer"))
            #expect(after.status == 200)
        }
    }

    /// The default (idempotent) keeps libcurl's behaviour: the request is sent again on a new
    /// connection. Pinned here so that a change of libcurl's shows.
    @Test func anIdempotentRequestIsResentByLibcurlOverAReusedConnection() async throws {
        let server = try DroppingServer()
        defer { server.stop() }
        try await withClient { client in
            _ = try await client.execute(HTTPRequest(url: "\(server.baseURL)/answer"))
            let error = await httpError {
                try await client.execute(HTTPRequest(url: "\(server.baseURL)/drop", body: Array("{}".utf8)))
            }
            #expect(error?.code == .transport)
            #expect(server.count(of: "/drop") == 2)
        }
    }
}

/// A bare HTTP/1.1 server on 127.0.0.1: `/drop` closes the connection once the whole request is
/// read, without answering (a server that acted and then lost the connection); any other path
/// answers 200 and keeps the connection open. It counts the requests it read, by path.
private final class DroppingServer: Sendable {
    let port: Int
    private let listener: Int32
    private let counts = Mutex<[String: Int]>([:])

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError() }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw SocketError()
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in
            while true {
                let connection = accept(fd, nil, nil)
                guard connection >= 0 else { return }  // the listener was shut down
                Thread.detachNewThread { self.serve(connection) }
            }
        }
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    func count(of path: String) -> Int { counts.withLock { $0[path] ?? 0 } }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var pending: [UInt8] = []
        while let path = readRequest(connection, &pending) {
            counts.withLock { $0[path, default: 0] += 1 }
            if path == "/drop" { return }
            let answer = Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok".utf8)
            guard answer.withUnsafeBytes({ send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == answer.count
            else { return }
        }
    }

    /// Reads one request (head and `Content-Length` body) and returns its path; nil at the end of
    /// the stream.
    private func readRequest(_ connection: Int32, _ pending: inout [UInt8]) -> String? {
        let separator = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        var bodyLength = 0
        while true {
            if headEnd == nil, let end = firstRange(of: separator, in: pending) {
                headEnd = end
                let head = String(decoding: pending[..<end], as: UTF8.self).lowercased()
                for line in head.split(separator: "\r\n") where line.hasPrefix("content-length:") {
                    bodyLength = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
            if let headEnd, pending.count >= headEnd + separator.count + bodyLength {
                let head = String(decoding: pending[..<headEnd], as: UTF8.self)
                pending.removeFirst(headEnd + separator.count + bodyLength)
                let requestLine = head.split(separator: "\r\n").first ?? ""
                let parts = requestLine.split(separator: " ")
                return parts.count >= 2 ? String(parts[1]) : ""
            }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let received = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard received > 0 else { return nil }
            pending.append(contentsOf: buffer[..<received])
        }
    }

    private func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
