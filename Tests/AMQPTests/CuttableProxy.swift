#if canImport(Glibc)
import Glibc
import Foundation
import Synchronization

/// A TCP forwarder on 127.0.0.1 to the broker that can cut its connections in the middle of a
/// conversation: a lost network for the one client that goes through it, while the shared broker
/// runs on undisturbed (unlike the `DisruptiveTests`).
final class CuttableProxy: Sendable {
    /// The port to connect to, on 127.0.0.1.
    let port: Int
    private let listener: Int32
    private let state = Mutex(State())

    private struct State {
        /// Open connections: both sockets, and how many of their two pumps still run.
        var connections: [Int: (client: Int32, broker: Int32, pumps: Int)] = [:]
        var nextID = 0
        /// Bytes from the broker still forwarded before every connection is cut; nil: never.
        var cutAfter: Int?
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Listens on a free port and forwards every connection to `upstreamHost:upstreamPort`.
    init(upstreamHost: String, upstreamPort: Int) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.address(host: "127.0.0.1", port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        guard listener >= 0, bound == 0, named == 0, listen(listener, 8) == 0 else {
            if listener >= 0 { Glibc.close(listener) }
            throw Failure(description: "cannot listen on 127.0.0.1 (errno \(errno))")
        }
        self.listener = listener
        self.port = Int(UInt16(bigEndian: address.sin_port))
        let upstream = Self.address(host: upstreamHost == "localhost" ? "127.0.0.1" : upstreamHost, port: upstreamPort)
        let thread = Thread { [self] in acceptLoop(upstream: upstream) }
        thread.name = "cuttable-proxy"
        thread.start()
    }

    /// Cuts every connection once `bytes` more bytes came from the broker (then forwards again).
    func cut(afterBrokerBytes bytes: Int) {
        state.withLock { $0.cutAfter = bytes }
    }

    /// Stops accepting and cuts every connection.
    func close() {
        shutdown(listener, Int32(SHUT_RDWR))
        cutAll()
    }

    private func acceptLoop(upstream: sockaddr_in) {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                Glibc.close(listener)
                return
            }
            let broker = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var target = upstream
            let connected = withUnsafePointer(to: &target) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(broker, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard broker >= 0, connected == 0 else {
                Glibc.close(client)
                if broker >= 0 { Glibc.close(broker) }
                continue
            }
            let id = state.withLock { state in
                defer { state.nextID += 1 }
                state.connections[state.nextID] = (client, broker, 2)
                return state.nextID
            }
            Thread { [self] in pump(id, from: client, to: broker, fromBroker: false) }.start()
            Thread { [self] in pump(id, from: broker, to: client, fromBroker: true) }.start()
        }
    }

    private func pump(_ id: Int, from source: Int32, to destination: Int32, fromBroker: Bool) {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        loop: while true {
            let count = buffer.withUnsafeMutableBytes { recv(source, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            var forward = count
            var cutNow = false
            if fromBroker {
                state.withLock { state in
                    guard let remaining = state.cutAfter else { return }
                    if count >= remaining {
                        forward = remaining
                        cutNow = true
                        state.cutAfter = nil
                    } else {
                        state.cutAfter = remaining - count
                    }
                }
            }
            var sent = 0
            while sent < forward {
                let written = buffer.withUnsafeBytes { send(destination, $0.baseAddress! + sent, forward - sent, Int32(MSG_NOSIGNAL)) }
                if written <= 0 { break loop }
                sent += written
            }
            if cutNow {
                cutAll()
                break
            }
        }
        shutdown(source, Int32(SHUT_RDWR))
        shutdown(destination, Int32(SHUT_RDWR))
        // The last pump of a connection closes its sockets.
        let finished = state.withLock { state -> (Int32, Int32)? in
            guard var connection = state.connections[id] else { return nil }
            connection.pumps -= 1
            state.connections[id] = connection.pumps == 0 ? nil : connection
            return connection.pumps == 0 ? (connection.client, connection.broker) : nil
        }
        if let (client, broker) = finished {
            Glibc.close(client)
            Glibc.close(broker)
        }
    }

    private func cutAll() {
        state.withLock { state in
            for connection in state.connections.values {
                shutdown(connection.client, Int32(SHUT_RDWR))
                shutdown(connection.broker, Int32(SHUT_RDWR))
            }
        }
    }

    private static func address(host: String, port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr(host)
        return address
    }
}
#endif
