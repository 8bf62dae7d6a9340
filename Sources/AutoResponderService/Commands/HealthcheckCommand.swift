import ArgumentParser
import Foundation
import Operations

/// `<executable> healthcheck`: asks the running process's operations server for `/healthz` (or
/// `/readyz`) and exits 0 when it answers 200, 1 otherwise. For container health checks: the image
/// needs no curl.
public struct HealthcheckCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "healthcheck",
        abstract: "Exit 0 if this process's /healthz (or /readyz) on 127.0.0.1:OPS_PORT answers 200.")

    @Option(help: "The operations port (default: OPS_PORT, else 9090).")
    var port: Int?

    @Flag(help: "Check /readyz instead of /healthz.")
    var ready = false

    @Option(help: "Seconds to wait for an answer.")
    var timeout: Int = 3

    public init() {}

    public func run() async throws {
        let environment = ProcessInfo.processInfo.environment["OPS_PORT"].flatMap { Int($0) }
        let port = self.port ?? environment ?? 9090
        guard port > 0 else {
            print("OPS_PORT=0: the operations server is off; nothing to check")
            throw ExitCode(1)
        }
        let path = ready ? "/readyz" : "/healthz"
        do {
            let (status, body) = try await OperationsProbe.get(port: port, path: path, timeout: .seconds(timeout))
            print(body.trimmingCharacters(in: .whitespacesAndNewlines))
            if status != 200 { throw ExitCode(1) }
        } catch let error as ExitCode {
            throw error
        } catch {
            print("no answer from http://127.0.0.1:\(port)\(path): \(error)")
            throw ExitCode(1)
        }
    }
}
