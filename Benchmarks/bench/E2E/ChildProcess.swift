import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A process the end-to-end benchmark starts (the simulator, the dispatcher, a worker), its output
/// appended to a log file. Stopped with SIGTERM (then SIGKILL), paused with SIGSTOP.
final class ChildProcess: @unchecked Sendable {
    // @unchecked: `process` is set up in init and only read afterwards (Foundation's Process is not
    // Sendable, but its pid and termination state may be read from any thread).
    /// Its name in reports (`dispatcher`, `worker-1`, `apisim`).
    let name: String
    /// Where its standard output and error go.
    let logPath: String
    private let process: Process

    /// Starts `executable` with `arguments` and `environment` (the whole environment of the child).
    init(name: String, executable: String, arguments: [String], environment: [String: String], logPath: String) throws {
        self.name = name
        self.logPath = logPath
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        guard let log = FileHandle(forWritingAtPath: logPath) else { throw BenchError("cannot write \(logPath)") }
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Its process id.
    var pid: Int32 { process.processIdentifier }

    /// Whether it is still running.
    var isRunning: Bool { process.isRunning }

    /// Sends a signal.
    func signal(_ number: Int32) { _ = kill(pid, number) }

    /// SIGTERM, then waits up to `grace` for it to exit, then SIGKILL. Returns its exit status
    /// (`nil` when it had to be killed).
    @discardableResult
    func stop(grace: Duration = .seconds(30)) async -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        signal(SIGCONT)
        signal(SIGTERM)
        let deadline = ContinuousClock.now + grace
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        guard process.isRunning else { return process.terminationStatus }
        signal(SIGKILL)
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        return nil
    }

    /// The last lines of its log, for error messages.
    func logTail(lines: Int = 20) -> String {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return "" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }
}

/// A TCP port of 127.0.0.1 that was free a moment ago (bound to port 0, then released).
func freeLocalPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw BenchError("socket() failed") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw BenchError("cannot bind a free port") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Runs a command to its end and returns its standard output (standard error goes to ours).
/// Throws when it exits non-zero.
func runCommand(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let output = Pipe()
    process.standardOutput = output
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard process.terminationStatus == 0 else {
        throw BenchError("\(executable) \(arguments.prefix(3).joined(separator: " ")) … exited \(process.terminationStatus): \(text.prefix(500))")
    }
    return text
}
