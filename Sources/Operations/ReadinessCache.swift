import Synchronization

/// The last result of every readiness check, refreshed by ``refresh(timeout:)``.
///
/// A check that does not answer within the deadline reports failing; it is not started again while
/// an earlier run is still waiting (a stalled database must not pile up probes).
final class ReadinessCache: Sendable {
    private let checks: [ReadinessCheck]
    private let state: Mutex<State>

    struct State {
        var results: [String: CheckResult]
        var running: Set<String> = []
        var stopping = false
    }

    init(_ checks: [ReadinessCheck]) {
        self.checks = checks
        state = Mutex(State(results: Dictionary(uniqueKeysWithValues: checks.map { ($0.name, .failing("not checked yet")) })))
    }

    /// The process stops taking work: report not ready from now on.
    func markStopping() { state.withLock { $0.stopping = true } }

    /// The last results, and whether all are ok (and the process is not stopping).
    var report: (ready: Bool, checks: [(String, CheckResult)]) {
        state.withLock { state in
            var checks = self.checks.map { ($0.name, state.results[$0.name] ?? .failing("not checked yet")) }
            if state.stopping { checks.append(("process", .failing("shutting down"))) }
            return (checks.allSatisfy { $0.1.isOK }, checks)
        }
    }

    /// Runs every check (concurrently), each with `timeout`, and stores the results.
    func refresh(timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            for check in checks {
                group.addTask { await self.run(check, timeout: timeout) }
            }
        }
    }

    private func run(_ check: ReadinessCheck, timeout: Duration) async {
        let started = state.withLock { $0.running.insert(check.name).inserted }
        guard started else {
            store(check.name, .failing("no answer for more than \(timeout.roundedSeconds) s"))
            return
        }
        let result = await Self.firstOf(timeout: timeout, fallback: .failing("no answer within \(timeout.roundedSeconds) s")) {
            let result = await check.check()
            self.state.withLock { _ = $0.running.remove(check.name) }
            return result
        }
        store(check.name, result)
    }

    private func store(_ name: String, _ result: CheckResult) {
        state.withLock { $0.results[name] = result }
    }

    /// The result of `body`, or `fallback` if `body` has not returned within `timeout` (it then goes
    /// on in the background until it returns).
    static func firstOf(
        timeout: Duration, fallback: CheckResult, _ body: @escaping @Sendable () async -> CheckResult
    ) async -> CheckResult {
        await withCheckedContinuation { (continuation: CheckedContinuation<CheckResult, Never>) in
            let once = Mutex<CheckedContinuation<CheckResult, Never>?>(continuation)
            let resume: @Sendable (CheckResult) -> Void = { result in
                once.withLock { pending in
                    pending?.resume(returning: result)
                    pending = nil
                }
            }
            Task { resume(await body()) }
            Task {
                try? await Task.sleep(for: timeout)
                resume(fallback)
            }
        }
    }
}
