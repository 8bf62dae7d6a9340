import AutoResponderService
import Foundation
import Hummingbird

extension ConsoleApp {
    /// `GET /overview`: replies per minute by resolver, hand-off rate, latency, queues, processes,
    /// parked conversations and the latest replies. Refreshes itself.
    func overviewPage(_ request: Request, context: ConsoleContext) async throws -> Response {
        async let reports = ops.scrape()
        async let statusResult = attempt { try await operatorClient.status() }
        let activity = try await operatorClient.replyActivity()
        let parked = try await operatorClient.parkedConversations(limit: 50)
        let status = await statusResult
        let format = formatting(context)
        let t = context.language.strings
        let processes = await reports
        let latency = Histogram("autoresponder_reply_latency_seconds", in: processes.compactMap(\.metrics))
        let model = OverviewModel(
            tiles: tiles(status: try? status.get(), activity: activity, format: format),
            activity: activityRows(activity, format: format), latency: latency.flatMap { latencyModel($0, format: format) },
            queues: (try? status.get().queues.map(queueRow)) ?? [],
            queuesError: status.failureText.map { context.language.format("queues_unavailable", format.short($0, limit: 300)) },
            processes: processes.map { processRow($0, t: t, format: format) }, hasProcesses: !processes.isEmpty,
            parked: parked.map {
                .init(
                    conversationID: $0.conversationID, path: Paths.conversation($0.conversationID), parkedAt: format.time($0.parkedAt),
                    attempts: $0.attempts, reason: format.short($0.reason, limit: 300))
            }, hasParked: !parked.isEmpty, parkedCount: (try? status.get().parkedConversations) ?? parked.count,
            recent: activity.recent.map {
                .init(
                    conversationID: $0.conversationID, path: Paths.conversation($0.conversationID), resolver: format.short($0.resolver),
                    language: format.short($0.language), sentAt: format.time($0.sentAt), route: format.briefRoute($0.route))
            }, hasRecent: !activity.recent.isEmpty, csrf: context.session?.csrfToken ?? "")
        return await page(
            "overview", title: t["overview_title"] ?? "", section: .overview, model: model, context: context,
            flash: flash(request, context: context), refresh: true)
    }

    private func tiles(status: DeploymentStatus?, activity: ReplyActivity, format: Formatting) -> [OverviewModel.Tile] {
        let t = format.language.strings
        func tile(_ key: String, _ value: String, _ tone: String = "") -> OverviewModel.Tile {
            .init(key: key, label: t["tile_" + key] ?? key, value: value, tone: tone)
        }
        let unknown = "?"
        let rate = activity.repliesLastHour > 0
            ? String(format: "%.0f %%", 100 * Double(activity.handOffsLastHour) / Double(activity.repliesLastHour)) : "—"
        let dead = status?.queues.first { $0.name.hasSuffix(".dead-letters") }?.messages.map(Int.init)
        let oldest = status?.oldestWaitingSince
        return [
            tile("open_handoffs", status.map { String($0.openHandOffs) } ?? unknown, (status?.openHandOffs ?? 0) > 0 ? "warn" : "ok"),
            tile("replies_hour", String(activity.repliesLastHour)),
            tile("handoff_rate", rate),
            tile("active", status.map { String($0.activeConversations) } ?? unknown),
            tile("waiting", status.map { String($0.waitingConversations) } ?? unknown, (status?.waitingConversations ?? 0) > 0 ? "warn" : ""),
            tile("oldest_waiting", oldest.map { format.age(since: $0) } ?? "—", (oldest.map { Date().timeIntervalSince($0) } ?? 0) > 60 ? "bad" : ""),
            tile("parked", status.map { String($0.parkedConversations) } ?? unknown, (status?.parkedConversations ?? 0) > 0 ? "bad" : "ok"),
            tile("dead_letters", dead.map(String.init) ?? unknown, (dead ?? 0) > 0 ? "bad" : "ok"),
        ]
    }

    private func activityRows(_ activity: ReplyActivity, format: Formatting) -> [OverviewModel.Activity] {
        var totals: [String: Int] = [:]
        for minute in activity.minutes { for (resolver, count) in minute.byResolver { totals[resolver, default: 0] += count } }
        let peak = activity.minutes.flatMap(\.byResolver.values).max() ?? 0
        return totals.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.map { resolver, total in
            let bars = activity.minutes.map { minute -> OverviewModel.Bar in
                let count = minute.byResolver[resolver] ?? 0
                let height = count == 0 || peak == 0 ? 0 : max(1, Int((10 * Double(count) / Double(peak)).rounded()))
                return .init(height: "h\(height)", title: "\(format.time(minute.start).suffix(8).prefix(5)) · \(count)")
            }
            return .init(
                name: format.short(resolver), total: total,
                perMinute: String(format: "%.1f", Double(total) / Double(max(1, activity.minutes.count))), bars: bars)
        }
    }

    private func latencyModel(_ histogram: Histogram, format: Formatting) -> OverviewModel.Latency? {
        guard histogram.count > 0 else { return nil }
        func quantile(_ q: Double) -> String {
            guard let value = histogram.quantile(q) else { return "—" }
            // In the +Inf bucket the estimate is only a floor.
            return (histogram.isBeyondLastBound(q) ? "≥ " : "") + format.duration(value)
        }
        return .init(
            count: String(Int(histogram.count)), mean: format.duration(histogram.sum / histogram.count),
            p50: quantile(0.5), p95: quantile(0.95))
    }

    private func queueRow(_ queue: DeploymentStatus.Queue) -> OverviewModel.Queue {
        .init(
            name: queue.name, messages: queue.messages.map(String.init) ?? "—", consumers: queue.consumers.map(String.init) ?? "—",
            error: queue.error.map { String($0.prefix(300)) })
    }

    private func processRow(_ report: ProcessReport, t: [String: String], format: Formatting) -> OverviewModel.Process {
        func answer(_ value: Bool?) -> (String, String) {
            switch value {
            case true?: (t["check_ok"] ?? "ok", "ok")
            case false?: (t["check_failing"] ?? "failing", "bad")
            case nil: (t["check_no_answer"] ?? "no answer", "bad")
            }
        }
        func number(_ name: String) -> String {
            report.metrics?.sum(name).map { String(Int($0)) } ?? "—"
        }
        let breakers = (report.metrics?.values("autoresponder_circuit_breaker_state", by: "api") ?? []).map { api, value in
            let (state, tone) = switch Int(value) {
            case 0: (t["breaker_closed"] ?? "closed", "ok")
            case 1: (t["breaker_half_open"] ?? "half-open", "warn")
            default: (t["breaker_open"] ?? "open", "bad")
            }
            return OverviewModel.Breaker(api: format.short(api), state: state, tone: tone)
        }
        let (live, liveTone) = answer(report.live)
        let (ready, readyTone) = answer(report.ready)
        return .init(
            target: format.short(report.target), kind: report.kind.flatMap { t["kind_" + $0] } ?? "—", live: live,
            liveTone: liveTone, ready: ready, readyTone: readyTone, readyDetail: report.detail.map { format.short($0, limit: 300) },
            inFlight: number("autoresponder_jobs_in_flight"), replies: number("autoresponder_replies_sent_total"),
            errors: number("autoresponder_upstream_errors_total"), breakers: breakers)
    }
}

/// The result of `body`, its error included.
func attempt<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
    do {
        return .success(try await body())
    } catch {
        return .failure(error)
    }
}

extension Result where Failure == any Error {
    /// The failure's description, if this is one.
    var failureText: String? {
        if case .failure(let error) = self { "\(error)" } else { nil }
    }
}
