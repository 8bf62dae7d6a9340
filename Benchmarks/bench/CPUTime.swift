import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// CPU time (user + system) consumed so far by this process, all threads included.
func processCPUTime() -> Duration {
    var usage = rusage()
    #if canImport(Glibc)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
    #else
        let who = RUSAGE_SELF
    #endif
    guard getrusage(who, &usage) == 0 else { return .zero }
    func duration(_ time: timeval) -> Duration {
        .seconds(Int64(time.tv_sec)) + .microseconds(Int64(time.tv_usec))
    }
    return duration(usage.ru_utime) + duration(usage.ru_stime)
}

/// CPU time of another process and its children, read from `/proc` (Linux only; `nil` elsewhere or
/// when the process is gone).
///
/// Counts the process's own user+system time, the time of its children it has already reaped
/// (`cutime`/`cstime`: PostgreSQL backends that have exited) and that of its living children
/// (backends, RabbitMQ's port programs). Resolution is one clock tick (usually 10 ms).
struct ProcessTreeCPU: Sendable {
    /// The root process.
    let pid: Int32

    /// The CPU time so far, or `nil` when `/proc/<pid>/stat` cannot be read.
    func sample() -> Duration? {
        guard let root = ProcStat(pid: pid) else { return nil }
        var ticks = root.utime + root.stime + root.cutime + root.cstime
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let child = Int32(entry), child != pid, let stat = ProcStat(pid: child), stat.ppid == pid else {
                continue
            }
            ticks += stat.utime + stat.stime
        }
        let ticksPerSecond = max(1, Int64(sysconf(Int32(_SC_CLK_TCK))))
        return .nanoseconds(ticks * 1_000_000_000 / ticksPerSecond)
    }
}

/// The fields of `/proc/<pid>/stat` used here (see proc(5)).
private struct ProcStat {
    let ppid: Int32
    let utime: Int64
    let stime: Int64
    let cutime: Int64
    let cstime: Int64

    init?(pid: Int32) {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        // After "pid (comm)": field 3 (state) is index 0, so field n is index n - 3.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 14, let ppid = Int32(fields[1]), let utime = Int64(fields[11]),
            let stime = Int64(fields[12]), let cutime = Int64(fields[13]), let cstime = Int64(fields[14])
        else { return nil }
        self.ppid = ppid
        self.utime = utime
        self.stime = stime
        self.cutime = cutime
        self.cstime = cstime
    }
}

/// The 1-minute load average of the machine, or `nil` when `/proc/loadavg` cannot be read.
func loadAverage() -> String? {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
    return text.split(separator: " ").first.map(String.init)
}

/// The three load averages (1, 5, 15 minutes) as `/proc/loadavg` shows them.
func loadAverages() -> String {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}
