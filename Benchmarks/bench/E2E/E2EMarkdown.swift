import Foundation

/// Writes `docs/benchmarks.md`: a fixed header (how to run, what each figure measures) and one
/// section per mode between markers. A run replaces its own section and keeps everything else of the
/// file as it is, text written by hand outside the markers included; a new file gets the header and a
/// placeholder for every section.
enum E2EMarkdown {
    static let sections = ["burst", "scaling", "steady", "steady-settled", "steady-push"]

    /// The file with `section` replaced by `body`.
    static func update(existing: String?, section: String, body: String) -> String {
        func block(_ name: String, _ content: String) -> String {
            "<!-- bench-e2e:\(name) -->\n\(content.trimmingCharacters(in: .newlines))\n<!-- /bench-e2e:\(name) -->"
        }
        let replacement = block(section, body)
        guard var text = existing, !text.isEmpty else {
            var text = header
            for name in sections {
                let content = name == section ? body : "## \(titles[name] ?? name)\n\nNot run yet: `make bench-e2e BENCH_MODE=\(name)`."
                text += "\n\(block(name, content))\n"
            }
            return text
        }
        if let range = markedRange(of: section, in: text) {
            text.replaceSubrange(range, with: replacement)
            return text
        }
        // A section the file does not have yet: after the nearest earlier section it has, else at the end.
        let earlier = sections.prefix { $0 != section }.reversed()
        if let previous = earlier.lazy.compactMap({ markedRange(of: $0, in: text) }).first {
            text.insert(contentsOf: "\n\n" + replacement, at: previous.upperBound)
        } else {
            text += (text.hasSuffix("\n") ? "\n" : "\n\n") + replacement + "\n"
        }
        return text
    }

    /// Where a section is in `text`, its markers included.
    private static func markedRange(of name: String, in text: String) -> Range<String.Index>? {
        guard let start = text.range(of: "<!-- bench-e2e:\(name) -->"),
            let end = text.range(of: "<!-- /bench-e2e:\(name) -->", range: start.upperBound..<text.endIndex)
        else { return nil }
        return start.lowerBound..<end.upperBound
    }

    static let titles = [
        "burst": "Burst: every conversation active at once",
        "scaling": "Scaling with the number of workers",
        "steady": "Long-lived conversations: the cost of staying open, and follow-ups",
        "steady-settled": "Long-lived conversations, quiet for minutes",
        "steady-push": "Long-lived conversations with pushed events",
    ]

    static let header = """
        # Benchmarks

        End-to-end figures of the whole system on one machine: `make bench-e2e` (scripts/bench-e2e.sh, which
        runs `bench e2e`). It starts the local servers (`scripts/servers.sh start`), generates a world of N
        merchants and N conversations (`worldgen generate --seed 7`), loads it into a database of its own
        (`autoresponder_bench`) with `scripts/load-world.sh`, creates the service's least-privilege role there
        (`scripts/service-role.sh`), then for each run: drops the service's schema, starts `apisim` with that
        world on a free port, a dispatcher and W workers (`WORKER_CONCURRENCY` C, their own `AMQP_PREFIX` and
        `OPS_PORT`s), activates every conversation at once and measures until each has its reply. Release build.
        Raw output (each run's text, JSON and the processes' logs) stays under `.run/bench-e2e/`.

            make bench-e2e                                   # burst, N=2000, W=2, C=32, latency 50 ± 20 ms
            BENCH_CONVERSATIONS=5000 make bench-e2e          # the issue's conditions (issue 11)
            make bench-e2e BENCH_MODE=scaling                # W = 1, 2, 4 (BENCH_SCALING_WORKERS), same N
            make bench-e2e BENCH_MODE=steady                 # long-lived conversations (BENCH_STEADY_*)
            make bench-e2e BENCH_MODE=steady-settled         # the same, measured after they were quiet for minutes
            make bench-e2e BENCH_MODE=steady-push            # the same, the simulator pushing events (POST /events)
            make bench-e2e BENCH_MODE=all                    # all five, one after the other

        Settings (environment): `BENCH_CONVERSATIONS` (2000), `BENCH_WORKERS` (2), `BENCH_CONCURRENCY` (32),
        `BENCH_LATENCY_MS` (30) + `BENCH_JITTER_MS` (40: a uniform 0…40 ms added, so 50 ± 20 ms),
        `BENCH_CLOSE_AFTER` (60: the simulator's default), `BENCH_TIMEOUT` (900 s), `BENCH_SCALING_WORKERS`
        ("1 2 4"), `BENCH_STEADY_CONVERSATIONS` (1000), `BENCH_STEADY_SECONDS` (60), `BENCH_FOLLOW_UP_SHARE` (0.2),
        `BENCH_FOLLOW_UP_DELAY` (2 s), `BENCH_STEADY_SETTLE` (120 s, `steady-settled` only), `BENCH_BUILD_FLAGS`
        (extra `swift build` flags: `"--static-swift-stdlib --scratch-path .build-static"` builds as the
        Dockerfile does, what production runs; default none, as the figures below). The service's own
        variables (`RECHECK_INTERVAL_MS`, `LOG_LEVEL`, …) pass through. Figures are reported, never asserted;
        the machine is shared, so each run records its load average. Text outside the sections' markers is
        kept when a run rewrites its section.

        ## What the figures measure

        - **conversations/s**: answered conversations ÷ (the chats API receiving the last first reply − the
          dispatcher's first `/conversations` call after the activation). The start is when the dispatcher's
          poll reached the simulator (seen by polling `/_sim/stats` every 20 ms), just before it claims and
          publishes the first jobs.
        - **reply latency p50/p95/p99**: per conversation, from its activation (`POST /_sim/reset`, which makes
          all N active at the same instant; the world's message times are in 2021 and are not used) to the
          moment the simulator received its first answering `/send_message` (`at` in `/_sim/sent`, before the
          simulator's added latency). It includes the wait for the dispatcher's next poll (≤ `POLL_INTERVAL_MS`).
        - **CPU ms per conversation**: utime + stime from `/proc/PID/stat` (all threads; one clock tick = 10 ms
          resolution), the difference between a sample taken just before the activation and one taken when the
          last conversation was seen answered (polled every 250 ms), divided by the answered conversations.
          *Service*: the dispatcher and the workers, each process on its own. *PostgreSQL*: the postmaster and
          all its descendants, each counted with the children it has reaped (`cutime`/`cstime`), so backends
          that came and went are included; this includes autovacuum, the checkpointer and the WAL writer.
          *RabbitMQ*: beam.smp and its descendants, the same way. apisim's CPU is shown for scale (it is the
          simulated upstream, not the service). The servers are the benchmark's only clients while it runs
          (if other programs use the same servers, their CPU is counted too).
        - **upstream requests per conversation**: the simulator's request counters per endpoint (`/_sim/stats`,
          reset at the activation).
        - **database statements per conversation**: `pg_stat_statements` calls of the service's role in the
          benchmark database (statements of the dispatcher and the workers; `BEGIN`/`COMMIT` included), reset
          before the run. `scripts/servers.sh` starts PostgreSQL with `shared_preload_libraries=pg_stat_statements`.
        - **broker messages per conversation**: RabbitMQ's own global counters (`rabbit_global_counters`, read
          with `rabbitmqctl eval`; no plugin needed): messages published to the broker (received), delivered to
          consumers, acknowledged, publisher confirms sent, redelivered. The service's `/metrics` counters (jobs
          published by reason, consumed, by outcome) are given next to them as a cross-check.
          **Jobs left in the queue at the end**: jobs the dispatcher published (`/metrics`) that no worker
          had consumed when the last conversation was answered (re-check jobs published while the burst was
          still queued); their later consumption is not in the costs above.
        - **peak RSS**: `VmHWM` from `/proc/PID/status` of each process, read just before stopping it.
        - **machine CPU**: the whole machine's busy time over the same stretch (`/proc/stat`, all cores) and
          the part of it that no measured process used ("other processes": other sessions' builds and tests
          on a shared machine, and the benchmark's own polling). A high share means the figures are noisy.
        - The slow readers (pg_stat_statements, `rabbitmqctl eval`, ~1–5 s) run before the CPU baseline, while
          nothing is active, and at the end with the service's processes paused (SIGSTOP) right after the CPU
          sample, so that neither their own cost nor the service's work after the sample is counted. (At the
          start of the steady window the service runs: RabbitMQ's counters are read there up to a few tenths
          of a second before the CPU sample.)
        - **Long-lived mode** (`steady`): N conversations activated at once, the simulator never closes them
          (`close_after_seconds` never), a share writes a follow-up some seconds after the first reply. After
          every first reply and every follow-up is answered, a window (60 s) with all N open and nothing new:
          its CPU, upstream requests, statements and broker messages per open conversation per minute.
          **Follow-up latency**: from the follow-up's creation (the simulator writes it exactly at first reply +
          delay) to the simulator receiving its reply. The window starts as soon as the last follow-up is
          answered, so it measures the first minute after the replies, when re-checks are most frequent.
        - **Quiet for minutes** (`steady-settled`): the same, but the window starts `BENCH_STEADY_SETTLE`
          seconds after the last follow-up was answered: the cost of a conversation left open and quiet, once
          the re-checks have backed off.
        - **Pushed events** (`steady-push`): the same as `steady`, with the simulator signing and POSTing each
          new client message to the dispatcher's `/events` (README, "Pushed events"), so a follow-up is
          claimed and published the moment it is written; polling still runs, at
          `RECHECK_PUSHED_INTERVAL_MS`, as the safety net.

        """
}

extension E2EResult {
    /// The burst section: one run in detail.
    var burstMarkdown: String {
        var lines = ["## \(E2EMarkdown.titles["burst"]!)", "", "Conditions: \(conditions).", "", "Ran on: \(machineLine).", ""]
        lines += ["| figure | value |", "|---|---|"]
        lines += summaryRows.map { "| \($0.0) | \($0.1) |" }
        lines += ["", "Statements per answered conversation (pg_stat_statements, the service's role):", ""]
        lines += statementTable(burst, per: { burst.per($0) })
        if !notes.isEmpty { lines += [""] + notes.map { "- note: \($0)" } }
        return lines.joined(separator: "\n")
    }

    /// The figures of the burst table, in order.
    var summaryRows: [(String, String)] {
        let b = burst
        let service = Format.processOrder(b.serviceCPUMs.keys).map { "\($0) \(Format.fixed(b.per(b.serviceCPUMs[$0] ?? 0)))" }
        let rss = Format.processOrder(peakRSSKB.keys).map { "\($0) \(Format.megabytes(peakRSSKB[$0]))" }
        var rows: [(String, String)] = [
            ("answered", "\(answered)/\(settings.conversations)\(complete ? "" : " (incomplete)"), duplicate replies \(duplicateReplies)"),
            ("conversations/s", Format.fixed(conversationsPerSecond, 1)),
            ("activation → first poll / first job / last reply", "\(Format.seconds(activationToFirstPoll)) / \(Format.seconds(activationToFirstJob)) / \(Format.seconds(activationToLastReply))"),
        ]
        if let l = replyLatency {
            rows.append(("reply latency p50 / p95 / p99 / max", "\(Format.seconds(l.p50)) / \(Format.seconds(l.p95)) / \(Format.seconds(l.p99)) / \(Format.seconds(l.max))"))
        }
        rows += [
            ("CPU ms per conversation: service", "**\(Format.fixed(b.per(b.serviceCPUTotalMs)))** (\(service.joined(separator: ", ")))"),
            ("CPU ms per conversation: PostgreSQL", Format.fixed(b.postgresCPUMs.map(b.per))),
            ("CPU ms per conversation: RabbitMQ", Format.fixed(b.rabbitmqCPUMs.map(b.per))),
            ("CPU ms per conversation: apisim (for scale)", Format.fixed(b.apisimCPUMs.map(b.per))),
            ("machine CPU during the run", b.machineLoadText),
            ("upstream requests per conversation", "\(Format.fixed(b.per(Double(b.upstreamTotal)))) (\(Format.breakdown(b.upstreamRequests.mapValues { b.per(Double($0)) })))"),
            ("database statements per conversation", Format.fixed(b.statementsTotal.map { b.per(Double($0)) })),
            ("broker messages per conversation", brokerText(b, per: { b.per($0) })),
            ("service counters per conversation (/metrics)", Format.breakdown(b.serviceCounters.mapValues(b.per))),
            ("peak RSS, MB (VmHWM)", rss.joined(separator: ", ")),
        ]
        return rows
    }

    /// "93 % / 4 %": the machine's busy share and other processes' share over the burst.
    var busyOther: String {
        let b = burst
        guard let busy = b.machineBusyMs, let total = b.machineTotalMs, total > 0, let other = b.otherCPUMs else { return "–" }
        return String(format: "%.0f %% / %.0f %%", busy / total * 100, other / total * 100)
    }

    func brokerText(_ c: Costs, per: (Double) -> Double) -> String {
        guard let broker = c.broker else { return "–" }
        let names = [("messages_received_total", "published"), ("messages_delivered_total", "delivered"),
                     ("messages_acknowledged_total", "acked"), ("messages_confirmed_total", "confirmed"),
                     ("messages_redelivered_total", "redelivered")]
        return names.map { "\($0.1) \(Format.fixed(per(Double(broker[$0.0] ?? 0))))" }.joined(separator: ", ")
    }

    func statementTable(_ c: Costs, per: (Double) -> Double, limit: Int = 15) -> [String] {
        guard let statements = c.statements else { return ["(not available)"] }
        var lines = ["| per conv. | statement |", "|---:|---|"]
        for (query, calls) in statements.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).prefix(limit) {
            let text = query.count > 140 ? query.prefix(140) + "…" : Substring(query)
            lines.append("| \(Format.fixed(per(Double(calls)), 3)) | `\(text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "`", with: "'"))` |")
        }
        if statements.count > limit { lines.append("| | … \(statements.count - limit) more |") }
        return lines
    }

    /// The steady section: one run.
    func steadyMarkdown(title: String) -> String {
        var lines = ["## \(title)", "", "Conditions: \(conditions); window \(Format.fixed(settings.steadySeconds, 0)) s.", "",
                     "Ran on: \(machineLine).", ""]
        guard let steady else { return (lines + ["(no steady window: the first phase did not complete)"] + notes.map { "- note: \($0)" }).joined(separator: "\n") }
        let c = steady.costs
        let per = { steady.perConversationMinute($0) }
        let service = Format.processOrder(c.serviceCPUMs.keys).map { "\($0) \(Format.fixed(per(c.serviceCPUMs[$0] ?? 0), 3))" }
        lines += [
            "Window: \(Format.fixed(c.seconds, 1)) s with \(steady.openAtStart) conversations open (\(steady.openAtEnd) at its end), "
                + "\(steady.clientMessagesInWindow) client messages written in it.", "",
            "| per open conversation per minute | value |", "|---|---|",
            "| CPU ms: service | **\(Format.fixed(per(c.serviceCPUTotalMs), 3))** (\(service.joined(separator: ", "))) |",
            "| CPU ms: PostgreSQL | \(Format.fixed(c.postgresCPUMs.map(per), 3)) |",
            "| CPU ms: RabbitMQ | \(Format.fixed(c.rabbitmqCPUMs.map(per), 3)) |",
            "| CPU ms: apisim (for scale) | \(Format.fixed(c.apisimCPUMs.map(per), 3)) |",
            "| machine CPU during the window | \(c.machineLoadText) |",
            "| upstream requests | \(Format.fixed(per(Double(c.upstreamTotal)), 3)) (\(Format.breakdown(c.upstreamRequests.mapValues { per(Double($0)) }, digits: 3))) |",
            "| database statements | \(Format.fixed(c.statementsTotal.map { per(Double($0)) }, 3)) |",
            "| broker messages | \(brokerText(c, per: per)) |",
            "| service counters (/metrics) | \(Format.breakdown(c.serviceCounters.mapValues(per), digits: 3)) |",
            "",
        ]
        if let f = steady.followUps {
            lines.append("Follow-ups: \(f.count) answered; from the follow-up's creation to its reply p50 **\(Format.seconds(f.p50))**, "
                + "p95 \(Format.seconds(f.p95)), max \(Format.seconds(f.max)).")
        } else {
            lines.append("Follow-ups: none answered.")
        }
        let b = burst
        lines += ["", "First phase (activation of the \(settings.conversations) conversations → the window's start, first replies and follow-ups): "
            + "\(Format.fixed(conversationsPerSecond, 1)) conversations/s, reply latency p50 \(Format.seconds(replyLatency?.p50)), "
            + "p99 \(Format.seconds(replyLatency?.p99)); service CPU \(Format.fixed(b.per(b.serviceCPUTotalMs))) ms per conversation, "
            + "PostgreSQL \(Format.fixed(b.postgresCPUMs.map(b.per))), RabbitMQ \(Format.fixed(b.rabbitmqCPUMs.map(b.per))); "
            + "peak RSS \(Format.processOrder(peakRSSKB.keys).map { "\($0) \(Format.megabytes(peakRSSKB[$0]))" }.joined(separator: ", ")) MB."]
        lines += ["", "Statements per open conversation per minute in the window:", ""]
        lines += statementTable(c, per: per, limit: 10)
        if !notes.isEmpty { lines += [""] + notes.map { "- note: \($0)" } }
        return lines.joined(separator: "\n")
    }
}

extension [E2EResult] {
    /// The scaling section: one row per run.
    var scalingMarkdown: String {
        guard let first else { return "## \(E2EMarkdown.titles["scaling"]!)\n\n(no run)" }
        var lines = ["## \(E2EMarkdown.titles["scaling"]!)", "",
                     "Conditions: as below, one run per row, same world; W workers each with WORKER_CONCURRENCY \(first.settings.concurrency).", "",
                     "| W | answered | conv/s | p50 | p95 | p99 | CPU ms/conv service | PostgreSQL | RabbitMQ | upstream req/conv | statements/conv | broker published/conv | peak RSS MB (dispatcher / largest worker) | jobs left queued | machine busy / other processes | load avg before → after |",
                     "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---|"]
        for r in self {
            let b = r.burst
            let workerPeak = r.peakRSSKB.filter { $0.key.hasPrefix("worker-") }.values.max()
            lines.append("| \(r.settings.workers) | \(r.answered)/\(r.settings.conversations) | \(Format.fixed(r.conversationsPerSecond, 1)) "
                + "| \(Format.seconds(r.replyLatency?.p50)) | \(Format.seconds(r.replyLatency?.p95)) | \(Format.seconds(r.replyLatency?.p99)) "
                + "| \(Format.fixed(b.per(b.serviceCPUTotalMs))) | \(Format.fixed(b.postgresCPUMs.map(b.per))) | \(Format.fixed(b.rabbitmqCPUMs.map(b.per))) "
                + "| \(Format.fixed(b.per(Double(b.upstreamTotal)))) | \(Format.fixed(b.statementsTotal.map { b.per(Double($0)) })) "
                + "| \(Format.fixed(b.brokerPublished.map { b.per(Double($0)) })) "
                + "| \(Format.megabytes(r.peakRSSKB["dispatcher"])) / \(Format.megabytes(workerPeak)) "
                + "| \(Format.fixed(b.serviceCounters["jobs left in the queue at the end"], 0)) | \(r.busyOther) | \(r.machine.loadBefore) → \(r.machine.loadAfter) |")
        }
        lines += ["", "Conditions: \(first.conditions.replacingOccurrences(of: "\(first.settings.workers) worker(s)", with: "W workers")).", "",
                  "Ran on: \(first.machineLine) (first run; each row's load is in the table)."]
        for r in self where !r.notes.isEmpty { lines += r.notes.map { "- note (W=\(r.settings.workers)): \($0)" } }
        return lines.joined(separator: "\n")
    }
}
