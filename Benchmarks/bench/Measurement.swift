/// The outcome of one benchmark case: one row of the table.
struct Sample: Sendable {
    /// What was measured.
    let name: String
    /// Operations completed (messages, queries, requests).
    let count: Int
    /// Wall time from the first operation to the end of the last one.
    let elapsed: Duration
    /// CPU time of this process during the case.
    let cpu: Duration
    /// CPU time of the server's process tree during the case, when known.
    let serverCPU: Duration?
    /// The 1-minute load average at the end of the case.
    let load: String?

    /// Operations per second.
    var rate: Double { Double(count) / elapsed.seconds }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        let (whole, atto) = components
        return Double(whole) + Double(atto) / 1e18
    }
}

/// Runs `body` (which returns how many operations it completed) and samples wall time, this
/// process's CPU time and, if given, the server's CPU time around it.
func measure(
    _ name: String, server: ProcessTreeCPU? = nil, _ body: () async throws -> Int
) async rethrows -> Sample {
    let serverBefore = server?.sample()
    let cpuBefore = processCPUTime()
    let start = ContinuousClock.now
    let count = try await body()
    let elapsed = ContinuousClock.now - start
    let cpu = processCPUTime() - cpuBefore
    let serverCPU = serverBefore.flatMap { before in server?.sample().map { $0 - before } }
    return Sample(name: name, count: count, elapsed: elapsed, cpu: cpu, serverCPU: serverCPU, load: loadAverage())
}

/// Runs `operation` in a loop from `concurrency` tasks until `duration` has passed; each call
/// returns how many operations it did. Returns the total, once every task has finished its last call.
func runFor(
    _ duration: Duration, concurrency: Int, _ operation: @escaping @Sendable () async throws -> Int
) async throws -> Int {
    let deadline = ContinuousClock.now.advanced(by: duration)
    return try await withThrowingTaskGroup(of: Int.self) { group in
        for _ in 0..<concurrency {
            group.addTask {
                var done = 0
                while ContinuousClock.now < deadline { done += try await operation() }
                return done
            }
        }
        return try await group.reduce(0, +)
    }
}

/// Warms up with `operation` for the warm-up time, then measures it for the case's duration.
func timedCase(
    _ name: String, options: BenchOptions, concurrency: Int, server: ProcessTreeCPU? = nil,
    _ operation: @escaping @Sendable () async throws -> Int
) async throws -> Sample {
    if options.warmup > 0 { _ = try await runFor(options.warmupDuration, concurrency: concurrency, operation) }
    return try await measure(name, server: server) {
        try await runFor(options.timedDuration, concurrency: concurrency, operation)
    }
}
