import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The console's HTTP server (Hummingbird, as the operations port and the simulator use it), as a
/// swift-service-lifecycle service: it serves ``ConsoleApp``'s routes until graceful shutdown, then
/// closes the app's connections.
public struct ConsoleServer: Service {
    let app: ConsoleApp
    let onServerRunning: @Sendable (Int) async -> Void

    /// A server of `app`; `onServerRunning` receives the port bound (useful with `CONSOLE_PORT=0`).
    public init(app: ConsoleApp, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) {
        self.app = app
        self.onServerRunning = onServerRunning
    }

    public func run() async throws {
        let configuration = app.configuration
        var quiet = app.logger
        if quiet.logLevel < .warning { quiet.logLevel = .warning }  // Hummingbird logs every request at info
        let application = Application(
            router: app.makeRouter(),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "autoresponder-console"),
            onServerRunning: { [logger = app.logger, onServerRunning, host = configuration.host] channel in
                let bound = channel.localAddress?.port ?? configuration.port
                logger.info("console listening", metadata: ["console.url": "http://\(host):\(bound)/"])
                await onServerRunning(bound)
            },
            logger: quiet)
        do {
            try await application.run()
        } catch {
            await app.close()
            throw error
        }
        await app.close()
    }
}
