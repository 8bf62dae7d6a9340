import Digest
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Receives events pushed by a partner (a chat platform's webhook): `POST /events` with a JSON body,
/// authenticated the way chat platforms sign their webhooks: `X-Timestamp` (Unix seconds) and
/// `X-Signature: sha256=<hex of HMAC-SHA-256(secret, "<timestamp>.<body>")>`. A request without a valid
/// signature, or signed more than `maximumSkew` ago (a replay), is refused with 401 before its body
/// is looked at. Valid bodies go to `handle`, which answers the status (202 accepted, 400 bad body).
public struct SignedEventServer: Service {
    /// Where it listens and how it checks requests.
    public struct Configuration: Sendable {
        /// Interface to bind.
        public var host: String
        /// Port (`EVENTS_PORT`).
        public var port: Int
        /// The shared secret (`EVENTS_SECRET`). Never logged.
        public var secret: [UInt8]
        /// How far a request's timestamp may be from now.
        public var maximumSkew: Duration
        /// The largest body accepted.
        public var maximumBodyBytes: Int

        /// A configuration.
        public init(host: String = "0.0.0.0", port: Int, secret: String, maximumSkew: Duration = .seconds(300), maximumBodyBytes: Int = 64 * 1024) {
            self.host = host
            self.port = port
            self.secret = Array(secret.utf8)
            self.maximumSkew = maximumSkew
            self.maximumBodyBytes = maximumBodyBytes
        }
    }

    let configuration: Configuration
    let logger: Logger
    let handle: @Sendable ([UInt8]) async -> Int
    let onServerRunning: @Sendable (Int) async -> Void

    /// A server handing each authenticated body to `handle`.
    public init(
        configuration: Configuration, logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in },
        handle: @escaping @Sendable ([UInt8]) async -> Int
    ) {
        self.configuration = configuration
        self.logger = logger
        self.handle = handle
        self.onServerRunning = onServerRunning
    }

    /// The `X-Signature` value of `body` signed at `timestamp` with `secret` (for partners and tests).
    public static func signature(secret: [UInt8], timestamp: String, body: [UInt8]) -> String {
        "sha256=" + Hexadecimal.encode(PBKDF2.hmac(key: secret, message: Array(timestamp.utf8) + [UInt8(ascii: ".")] + body))
    }

    /// Whether a request is authentic and fresh.
    public static func verify(
        secret: [UInt8], timestamp: String?, signature: String?, body: [UInt8], now: Date, maximumSkew: Duration
    ) -> Bool {
        guard let timestamp, let signature, let seconds = Double(timestamp),
            abs(now.timeIntervalSince1970 - seconds) <= Double(maximumSkew.components.seconds)
        else { return false }
        let expected = Self.signature(secret: secret, timestamp: timestamp, body: body)
        return constantTimeEquals(Array(expected.utf8), Array(signature.utf8))
    }

    public func run() async throws {
        let router = Router()
        router.post("/events") { [configuration, handle, logger] request, _ -> Response in
            let buffer = try await request.body.collect(upTo: configuration.maximumBodyBytes)
            let body = Array(buffer.readableBytesView)
            guard
                Self.verify(
                    secret: configuration.secret, timestamp: HTTPFields.Element.Name("X-Timestamp").flatMap { request.headers[$0] },
                    signature: HTTPFields.Element.Name("X-Signature").flatMap { request.headers[$0] }, body: body, now: Date(),
                    maximumSkew: configuration.maximumSkew)
            else {
                logger.warning("refused an event without a valid signature")
                return Response(status: .unauthorized)
            }
            return Response(status: HTTPResponse.Status(code: await handle(body)))
        }
        let application = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "autoresponder-events"),
            onServerRunning: { [logger, onServerRunning, configuration] channel in
                let bound = channel.localAddress?.port ?? configuration.port
                logger.info("events receiver listening", metadata: ["events.port": "\(bound)"])
                await onServerRunning(bound)
            },
            logger: logger.withLevel(atLeast: .warning))
        try await application.run()
    }
}
