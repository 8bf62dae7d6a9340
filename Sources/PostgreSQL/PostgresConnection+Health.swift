import CLibPQ
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension PostgresConnection {
    /// Whether an idle connection still looks usable, without a round trip to the server.
    ///
    /// An idle connection receives nothing unless the server is closing it (a server restart sends
    /// `57P01 terminating connection due to administrator command`, then closes the socket) or sends a
    /// notice. So when the socket is readable, libpq reads what arrived (`PQconsumeInput`), which marks the
    /// connection `CONNECTION_BAD` if the server closed it.
    func idleSocketIsHealthy() -> Bool {
        let socket = PQsocket(handle)
        guard socket >= 0 else { return false }
        // The first read may return only the server's goodbye message; the end of the stream shows on a
        // later read. A few rounds are enough: an idle connection has nothing else to read.
        for _ in 0..<4 {
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 0) > 0, descriptor.revents != 0 else { break }
            if PQconsumeInput(handle) == 0 { return false }
        }
        return PQstatus(handle) == CONNECTION_OK
    }
}

/// Forwards the server's notices (e.g. `table "x" does not exist, skipping`) to the logger at debug level,
/// instead of libpq's default of printing them to stderr.
final class NoticeSink {
    let logger: Logger

    init(logger: Logger) { self.logger = logger }

    func receive(_ result: OpaquePointer) {
        let message = PostgresConnection.cleaned(PQresultErrorField(result, PostgresDiagnosticField.messagePrimary))
        let severity = PQresultErrorField(result, PostgresDiagnosticField.severity).map { String(cString: $0) }
        logger.debug(
            "PostgreSQL notice: \(message)", metadata: ["postgres.severity": "\(severity ?? "NOTICE")"])
    }
}

/// The C callback given to `PQsetNoticeReceiver`; `argument` is an unretained ``NoticeSink`` that the
/// connection keeps alive for as long as the handle exists.
let postgresNoticeReceiver: PQnoticeReceiver = { argument, result in
    guard let argument, let result else { return }
    Unmanaged<NoticeSink>.fromOpaque(argument).takeUnretainedValue().receive(result)
}

/// The codes of `PQresultErrorField` (libpq's `PG_DIAG_*` character macros).
enum PostgresDiagnosticField {
    static let severity = Int32(UInt8(ascii: "S"))
    static let sqlState = Int32(UInt8(ascii: "C"))
    static let messagePrimary = Int32(UInt8(ascii: "M"))
    static let messageDetail = Int32(UInt8(ascii: "D"))
    static let messageHint = Int32(UInt8(ascii: "H"))
    static let constraintName = Int32(UInt8(ascii: "n"))
}
