import Hummingbird
import NIOCore

extension OperationsServer {
    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/healthz") { _, _ -> Response in
            let checks = liveness.map { ($0.name, $0.check()) }
            let alive = checks.allSatisfy { $0.1.isOK }
            return Self.json(alive ? .ok : .serviceUnavailable, status: alive ? "alive" : "stuck", checks: checks)
        }
        router.get("/readyz") { _, _ -> Response in
            let report = readiness.report
            return Self.json(
                report.ready ? .ok : .serviceUnavailable, status: report.ready ? "ready" : "not ready",
                checks: report.checks)
        }
        router.get("/metrics") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: PrometheusMetrics.exposition())))
        }
        return router
    }

    /// `{"status": status, "checks": {name: "ok" | reason, ...}}`.
    static func json(_ code: HTTPResponse.Status, status: String, checks: [(String, CheckResult)]) -> Response {
        var body = "{\"status\":" + JSONText.quoted(status) + ",\"checks\":{"
        body += checks.map { JSONText.quoted($0.0) + ":" + JSONText.quoted($0.1.description) }.joined(separator: ",")
        body += "}}\n"
        return Response(
            status: code, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
