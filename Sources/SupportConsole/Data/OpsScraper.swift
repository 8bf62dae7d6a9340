import Foundation
import HTTP
import Logging

/// What one process's operations port said: `/healthz`, `/readyz` and `/metrics`.
struct ProcessReport: Sendable {
    /// The base URL asked.
    let target: String
    /// `/healthz`: 200 (true), another status (false), no answer (nil).
    let live: Bool?
    /// `/readyz`: likewise.
    let ready: Bool?
    /// `/readyz`'s body when it is not 200 (it names the missing dependency), or why nothing answered.
    let detail: String?
    /// `/metrics`, when it answered.
    let metrics: MetricsText?

    /// `dispatcher`, `worker`, or nil when the metrics do not say.
    var kind: String? {
        guard let metrics else { return nil }
        if metrics.samples.contains(where: { $0.name.hasPrefix("autoresponder_dispatcher_") }) { return "dispatcher" }
        if metrics.samples.contains(where: { $0.name == "autoresponder_jobs_in_flight" }) { return "worker" }
        return nil
    }
}

/// Asks the processes listed in `CONSOLE_OPS_TARGETS` how they are, all at once, each call bounded
/// by the console's upstream timeout.
struct OpsScraper: Sendable {
    let targets: [String]
    private let client: HTTPClient

    init(targets: [String], timeout: Duration, logger: Logger) {
        self.targets = targets
        client = HTTPClient(
            configuration: HTTPClientConfiguration(connectTimeout: timeout, requestTimeout: timeout, maxBodyBytes: 4 << 20),
            logger: logger)
    }

    /// Every target's report, in the order of `targets`.
    func scrape() async -> [ProcessReport] {
        await withTaskGroup(of: (Int, ProcessReport).self) { group in
            for (index, target) in targets.enumerated() {
                group.addTask { (index, await report(target)) }
            }
            var reports: [(Int, ProcessReport)] = []
            for await report in group { reports.append(report) }
            return reports.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    func shutdown() async { await client.shutdown() }

    private func report(_ target: String) async -> ProcessReport {
        async let health = get(target + "/healthz")
        async let readiness = get(target + "/readyz")
        async let metrics = get(target + "/metrics")
        let (h, r, m) = await (health, readiness, metrics)
        let detail: String?
        switch r {
        case .success(let answer) where answer.status != 200: detail = String(answer.bodyText.prefix(500))
        case .failure(let error): detail = String(error.description.prefix(300))
        default: detail = nil
        }
        return ProcessReport(
            target: target, live: (try? h.get()).map { $0.status == 200 }, ready: (try? r.get()).map { $0.status == 200 },
            detail: detail,
            metrics: (try? m.get()).flatMap { $0.status == 200 ? MetricsText($0.bodyText) : nil })
    }

    private func get(_ url: String) async -> Result<HTTPResponse, HTTPError> {
        do {
            return .success(try await client.execute(HTTPRequest(method: .get, url: url)))
        } catch {
            return .failure(error)
        }
    }
}
