import Foundation

/// A request between the awaiting task and the engine: holds the continuation and resumes it once,
/// with the engine's result, or at once with a cancellation or shutdown error.
final class PendingRequest: @unchecked Sendable {
    // Safe to share: `state` is only read and written under `lock`; `request` is immutable.
    typealias Continuation = CheckedContinuation<Result<HTTPResponse, HTTPError>, Never>

    private enum State {
        case created
        case cancelledBeforeWaiting
        case waiting(Continuation)
        case finished
    }

    let request: HTTPRequest
    private let lock = NSLock()
    private var state = State.created

    init(request: HTTPRequest) { self.request = request }

    /// Stores the continuation; false if the task was already cancelled (the continuation is
    /// then resumed with a cancellation error and the request must not be submitted).
    func attach(_ continuation: Continuation) -> Bool {
        let attached: Bool = lock.withLock {
            guard case .created = state else {
                state = .finished
                return false
            }
            state = .waiting(continuation)
            return true
        }
        if !attached { continuation.resume(returning: .failure(cancelledError)) }
        return attached
    }

    /// Resumes the waiting task with a cancellation error; true if the engine may be running the
    /// transfer (and should drop it).
    func cancel() -> Bool {
        let continuation: Continuation? = lock.withLock {
            switch state {
            case .created:
                state = .cancelledBeforeWaiting
                return nil
            case .waiting(let continuation):
                state = .finished
                return continuation
            case .cancelledBeforeWaiting, .finished:
                return nil
            }
        }
        continuation?.resume(returning: .failure(cancelledError))
        return continuation != nil
    }

    /// Resumes the waiting task with `result`, unless it was resumed already.
    func finish(_ result: Result<HTTPResponse, HTTPError>) {
        let continuation: Continuation? = lock.withLock {
            guard case .waiting(let continuation) = state else { return nil }
            state = .finished
            return continuation
        }
        continuation?.resume(returning: result)
    }

    /// Whether the task has been resumed (or was cancelled before it waited).
    var isFinished: Bool {
        lock.withLock {
            if case .waiting = state { return false }
            if case .created = state { return false }
            return true
        }
    }

    /// An error of `code` for this request.
    func error(_ code: HTTPError.Code, _ message: String) -> HTTPError {
        HTTPError(code: code, message: message, method: request.method, url: request.url)
    }

    private var cancelledError: HTTPError {
        error(.cancelled, "The task awaiting the request was cancelled; the request was abandoned.")
    }
}
