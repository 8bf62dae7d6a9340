import Foundation
import TestSupport

/// Stops, starts and restarts the local PostgreSQL through scripts/servers.sh, like
/// `TestSupport.LocalServers`, but without its hang.
///
/// Why not `LocalServers`: on Linux, `Foundation.Process` learns that a child exited when a socket it
/// passes down to the child closes (swift-corelibs-foundation issue #4795). `servers.sh start` leaves a
/// daemon running (`postgres`) that inherits that socket, so `waitUntilExit()` never returns and the
/// test hangs. Here the script runs in a subshell that first closes every descriptor above 2, so the
/// daemon inherits nothing; the outer shell, which holds the socket, exits when the script does. The
/// wait is a termination handler resuming a continuation, so no cooperative thread blocks.
enum ServerControl {
    static func stop() async throws { try await run("stop") }
    static func start() async throws { try await run("start") }
    static func restart() async throws { try await run("restart") }

    private static func run(_ verb: String) async throws {
        let script = TestEnvironment.repositoryRoot.appendingPathComponent("scripts/servers.sh").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            "-c",
            """
            (for fd in /proc/$BASHPID/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done 2>/dev/null
             exec bash "$0" "$@")
            """,
            script, verb, "postgres",
        ]
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { process in continuation.resume(returning: process.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        guard status == 0 else {
            throw ServerControlError(description: "scripts/servers.sh \(verb) postgres exited \(status)")
        }
    }
}

/// scripts/servers.sh failed.
struct ServerControlError: Error, CustomStringConvertible {
    let description: String
}
