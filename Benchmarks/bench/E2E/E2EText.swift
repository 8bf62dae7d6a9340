import Foundation

/// Number formatting shared by the text and markdown reports.
enum Format {
    static func fixed(_ value: Double?, _ digits: Int = 2) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.\(digits)f", value)
    }

    static func seconds(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return value < 10 ? String(format: "%.2f s", value) : String(format: "%.1f s", value)
    }

    static func megabytes(_ kilobytes: Int?) -> String {
        guard let kilobytes else { return "–" }
        return String(format: "%.1f", Double(kilobytes) / 1024)
    }

    /// `name value` pairs, largest first, as `name 1.23, other 0.50`.
    static func breakdown(_ values: [String: Double], digits: Int = 2, limit: Int = 12) -> String {
        values.filter { $0.value != 0 }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(limit)
            .map { "\($0.key) \(fixed($0.value, digits))" }.joined(separator: ", ")
    }

    /// Service processes in a stable order: dispatcher, worker-1, worker-2, …, then the rest.
    static func processOrder(_ names: some Sequence<String>) -> [String] {
        names.sorted { a, b in
            func key(_ name: String) -> (Int, Int, String) {
                if name == "dispatcher" { return (0, 0, name) }
                if name.hasPrefix("worker-"), let n = Int(name.dropFirst(7)) { return (1, n, name) }
                return (2, 0, name)
            }
            return key(a) < key(b)
        }
    }
}

extension E2EResult {
    /// The settings on one line.
    var conditions: String {
        let s = settings
        var text = "\(s.conversations) conversations, \(s.workers) worker(s) × WORKER_CONCURRENCY \(s.concurrency), "
            + "upstream latency \(s.latencyMs) + 0…\(s.jitterMs) ms (mean \(s.latencyMs + s.jitterMs / 2)), close after \(s.closeAfter)"
            + (s.closeAfter == "never" ? "" : " s")
        if s.followUpShare > 0 { text += ", follow-ups \(Int(s.followUpShare * 100)) % after \(Format.fixed(s.followUpDelaySeconds, 1)) s" }
        if s.push == true { text += ", events pushed to the dispatcher (POST /events)" }
        if let settle = s.steadySettleSeconds { text += ", window starting \(Format.fixed(settle, 0)) s after the last follow-up was answered" }
        if let recheck = s.recheckIntervalMs { text += ", RECHECK_INTERVAL_MS=\(recheck)" }
        if let poll = s.pollIntervalMs { text += ", POLL_INTERVAL_MS=\(poll)" }
        text += ", LOG_LEVEL=\(s.logLevel)"
        if let servers = s.servers { text += "; servers: \(servers)" }
        return text
    }

    /// Where and when, on one line.
    var machineLine: String {
        let m = machine
        return "\(m.cores) cores (\(m.cpuModel)), \(m.memoryMB / 1024) GB, Linux \(m.kernel), \(m.swiftVersion), commit \(m.commit), "
            + "\(m.date), load average \(m.loadBefore) → \(m.loadAfter)"
    }

    /// The human-readable report of one run (standard output of `bench e2e`).
    var text: String {
        let b = burst
        var lines = ["== bench e2e \(label) (\(mode)): \(conditions)", "machine: \(machineLine)"]
        func row(_ name: String, _ value: String) { lines.append(name.padding(toLength: 26, withPad: " ", startingAt: 0) + value) }
        row("answered", "\(answered)/\(settings.conversations)\(complete ? "" : " (INCOMPLETE)"); duplicate replies \(duplicateReplies), replies to inactive \(repliesToInactive)")
        row("throughput", "\(Format.fixed(conversationsPerSecond, 1)) conversations/s (answered ÷ dispatcher's first poll → last first reply)")
        row("timeline", "activation → first poll \(Format.seconds(activationToFirstPoll)), → first job \(Format.seconds(activationToFirstJob)), → last reply \(Format.seconds(activationToLastReply))")
        if let l = replyLatency {
            row("reply latency", "p50 \(Format.seconds(l.p50))  p95 \(Format.seconds(l.p95))  p99 \(Format.seconds(l.p99))  max \(Format.seconds(l.max))  (activation → chats API receives the first reply)")
        }
        lines.append(contentsOf: costLines(b, unit: "conv", scope: mode == "steady" ? "activation → steady window (first replies and follow-ups)" : "baseline just before activation → all answered"))
        let rss = Format.processOrder(peakRSSKB.keys).map { "\($0) \(Format.megabytes(peakRSSKB[$0]))" }.joined(separator: ", ")
        row("peak RSS (MB, VmHWM)", rss)
        if let steady {
            let c = steady.costs
            lines.append("-- steady window: \(Format.fixed(c.seconds, 1)) s, \(steady.openAtStart) open conversations (\(steady.openAtEnd) at the end), \(steady.clientMessagesInWindow) client messages written in it")
            lines.append(contentsOf: costLines(c, unit: "open conv/min", scale: { steady.perConversationMinute($0) }, scope: "per open conversation per minute"))
            if let f = steady.followUps {
                row("follow-up latency", "p50 \(Format.seconds(f.p50))  p95 \(Format.seconds(f.p95))  max \(Format.seconds(f.max))  (\(f.count) follow-ups; creation → chats API receives the reply)")
            }
        }
        for note in notes { lines.append("note: \(note)") }
        return lines.joined(separator: "\n")
    }

    private func costLines(_ c: Costs, unit: String, scale: ((Double) -> Double)? = nil, scope: String) -> [String] {
        let per = scale ?? { c.per($0) }
        var lines: [String] = ["-- costs per \(unit) (\(scope); \(Format.fixed(c.seconds, 1)) s, ÷ \(c.conversations))"]
        func row(_ name: String, _ value: String) { lines.append(name.padding(toLength: 26, withPad: " ", startingAt: 0) + value) }
        let service = Format.processOrder(c.serviceCPUMs.keys).map { "\($0) \(Format.fixed(per(c.serviceCPUMs[$0] ?? 0)))" }.joined(separator: ", ")
        row("CPU ms service", "\(Format.fixed(per(c.serviceCPUTotalMs))) [\(service)]")
        row("CPU ms servers", "PostgreSQL \(Format.fixed(c.postgresCPUMs.map(per))), RabbitMQ \(Format.fixed(c.rabbitmqCPUMs.map(per))), (apisim \(Format.fixed(c.apisimCPUMs.map(per))))")
        row("machine CPU", c.machineLoadText)
        row("upstream requests", "\(Format.fixed(per(Double(c.upstreamTotal)))) [\(Format.breakdown(c.upstreamRequests.mapValues { per(Double($0)) }))]")
        if let total = c.statementsTotal, let statements = c.statements {
            row("DB statements", "\(Format.fixed(per(Double(total)))) (pg_stat_statements, the service's role)")
            for (query, calls) in statements.sorted(by: { $0.value > $1.value }).prefix(8) {
                lines.append("    \(Format.fixed(per(Double(calls)), 3).padding(toLength: 8, withPad: " ", startingAt: 0)) \(query.prefix(110))")
            }
        } else {
            row("DB statements", "– (pg_stat_statements not available)")
        }
        if c.broker != nil {
            row("broker messages", brokerText(c, per: per) + " (RabbitMQ's global counters)")
        } else {
            row("broker messages", "– (RabbitMQ counters not available)")
        }
        row("service counters", Format.breakdown(c.serviceCounters.mapValues(per)))
        return lines
    }
}
