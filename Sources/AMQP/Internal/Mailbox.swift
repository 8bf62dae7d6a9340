#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The queue of commands sent to a connection thread, and the wakeup that interrupts its wait.
///
/// Any task may ``post(_:)``; only the owning thread calls ``take()`` and ``wait(socket:timeout:)``.
/// The wakeup is a non-blocking pipe polled together with the AMQP socket, so a command (an ack, a
/// publish) is handled at once instead of at the next heartbeat tick.
final class Mailbox<Command: Sendable>: @unchecked Sendable {
    // @unchecked: `commands`, `wakeupPending` and `isClosed` are only touched under `lock`; the
    // pipe's file descriptors are immutable after init and closed in deinit, when no one else
    // holds the mailbox.
    private let lock = NSLock()
    private var commands: [Command] = []
    private var wakeupPending = false
    private var isClosed = false
    private let readFD: Int32
    private let writeFD: Int32

    init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) != 0 { fatalError("AMQP: pipe() failed (errno \(errno)): out of file descriptors") }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC)
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        _ = Glibc.close(readFD)
        _ = Glibc.close(writeFD)
    }

    /// Queues a command and wakes the thread. Returns false once the mailbox is closed (the thread
    /// has exited or is exiting): the caller must fail the command itself.
    @discardableResult
    func post(_ command: Command) -> Bool {
        let mustWake: Bool
        lock.lock()
        if isClosed {
            lock.unlock()
            return false
        }
        commands.append(command)
        mustWake = !wakeupPending
        wakeupPending = true
        lock.unlock()
        if mustWake {
            var byte: UInt8 = 1
            _ = write(writeFD, &byte, 1)  // EAGAIN means the pipe is full: the thread is awake anyway
        }
        return true
    }

    /// Takes every queued command (owning thread only).
    func take() -> [Command] {
        drainPipe()  // before taking: a post after the take writes a new byte
        lock.lock()
        defer { lock.unlock() }
        let taken = commands
        commands.removeAll(keepingCapacity: true)
        wakeupPending = false
        return taken
    }

    /// Refuses further commands and returns those still queued (owning thread, on exit).
    func close() -> [Command] {
        lock.lock()
        defer { lock.unlock() }
        isClosed = true
        let remaining = commands
        commands = []
        return remaining
    }

    /// Waits until the socket is readable, a command is posted, or `timeout` passes.
    /// Returns true when the socket is readable (or in error: the next read reports it).
    func wait(socket: Int32?, timeout: Duration) -> Bool {
        var fds = [pollfd(fd: readFD, events: Int16(POLLIN), revents: 0)]
        if let socket, socket >= 0 {
            fds.append(pollfd(fd: socket, events: Int16(POLLIN), revents: 0))
        }
        let milliseconds = Int32(clamping: max(0, timeout.milliseconds))
        let ready = poll(&fds, nfds_t(fds.count), milliseconds)
        guard ready > 0, fds.count > 1 else { return false }
        return fds[1].revents != 0
    }

    private func drainPipe() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readFD, &buffer, buffer.count) > 0 {}
    }
}
