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

/// CPU time of another process and all its descendants, read from `/proc` (Linux only; `nil`
/// elsewhere or when the process is gone).
///
/// Counts, for the process and every living descendant (children, grandchildren: PostgreSQL's
/// backends, RabbitMQ's port programs), its own user+system time and the time of the children it
/// has already reaped (`cutime`/`cstime`). A backend that came and went between two samples is
/// therefore counted once, in its parent's `cutime`/`cstime`, so the difference of two samples is
/// the tree's CPU time in between. Resolution is one clock tick (usually 10 ms).
struct ProcessTreeCPU: Sendable {
    /// The root process.
    let pid: Int32

    /// The CPU time so far, or `nil` when `/proc/<pid>/stat` cannot be read.
    func sample() -> Duration? {
        guard let root = ProcStat(pid: pid) else { return nil }
        var children: [Int32: [Int32]] = [:]
        var stats: [Int32: ProcStat] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let process = Int32(entry), process != pid, let stat = ProcStat(pid: process) else { continue }
            stats[process] = stat
            children[stat.ppid, default: []].append(process)
        }
        var ticks = root.treeTicks
        var stack = children[pid] ?? []
        while let process = stack.popLast() {
            guard let stat = stats.removeValue(forKey: process) else { continue }
            ticks += stat.treeTicks
            stack += children[process] ?? []
        }
        return clockTicks(ticks)
    }
}

/// User+system CPU time of one process (all its threads), or `nil` when it cannot be read.
func processCPU(pid: Int32) -> Duration? {
    ProcStat(pid: pid).map { clockTicks($0.utime + $0.stime) }
}

/// `VmHWM` (peak resident set) and `VmRSS` of a process in kB, from `/proc/<pid>/status`.
func residentMemory(pid: Int32) -> (peakKB: Int, currentKB: Int)? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    var peak: Int?
    var current: Int?
    for line in text.split(separator: "\n") {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count >= 2 else { continue }
        if fields[0] == "VmHWM:" { peak = Int(fields[1]) }
        if fields[0] == "VmRSS:" { current = Int(fields[1]) }
    }
    guard let peak, let current else { return nil }
    return (peak, current)
}

/// CPU time of the whole machine so far, all cores, from the first line of `/proc/stat`: busy (every
/// state but idle and iowait) and total; `nil` when it cannot be read.
func machineCPU() -> (busy: Duration, total: Duration)? {
    guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
        let line = text.split(separator: "\n").first, line.hasPrefix("cpu ")
    else { return nil }
    // user nice system idle iowait irq softirq steal (guest times are already in user and nice).
    let ticks = line.split(separator: " ").dropFirst().prefix(8).compactMap { Int64($0) }
    guard ticks.count == 8 else { return nil }
    let total = ticks.reduce(0, +)
    return (clockTicks(total - ticks[3] - ticks[4]), clockTicks(total))
}

/// The parent's pid of a process, or `nil` when it cannot be read.
func parentPid(of pid: Int32) -> Int32? { ProcStat(pid: pid)?.ppid }

private func clockTicks(_ ticks: Int64) -> Duration {
    let ticksPerSecond = max(1, Int64(sysconf(Int32(_SC_CLK_TCK))))
    return .nanoseconds(ticks * 1_000_000_000 / ticksPerSecond)
}

/// The fields of `/proc/<pid>/stat` used here (see proc(5)).
private struct ProcStat {
    let ppid: Int32
    let utime: Int64
    let stime: Int64
    let cutime: Int64
    let cstime: Int64

    /// Its own time and that of the children it reaped.
    var treeTicks: Int64 { utime + stime + cutime + cstime }

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
