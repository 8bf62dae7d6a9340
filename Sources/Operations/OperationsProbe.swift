import HTTP
import Logging

/// Asks a running process's operations server how it is: the `healthcheck` subcommand of the
/// executables (container health checks without curl in the image).
public enum OperationsProbe {
    /// `GET http://host:port/path`; returns the status code and body, or throws ``HTTPError`` when
    /// nothing answers within `timeout`.
    public static func get(
        host: String = "127.0.0.1", port: Int, path: String = "/healthz", timeout: Duration = .seconds(3)
    ) async throws(HTTPError) -> (status: Int, body: String) {
        let client = HTTPClient(
            configuration: HTTPClientConfiguration(connectTimeout: timeout, requestTimeout: timeout),
            logger: Logger(label: "healthcheck", factory: { _ in SwiftLogNoOpLogHandler() }))
        let result: Result<HTTPResponse, HTTPError>
        do {
            result = .success(try await client.execute(HTTPRequest(method: .get, url: "http://\(host):\(port)\(path)")))
        } catch {
            result = .failure(error)
        }
        await client.shutdown()
        let response = try result.get()
        return (response.status, String(decoding: response.body, as: UTF8.self))
    }
}
