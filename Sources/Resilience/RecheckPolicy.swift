/// When an active conversation is looked at again for a new client message. Pure.
///
/// Polling is the only signal the chats API gives (unless it pushes events): a new message is found
/// only by reading the conversation. So the first look comes soon after a change (a reply, a new
/// conversation: follow-ups come early), and each look that finds nothing doubles the wait, up to
/// `maximum`; a reply starts over. While events are pushed (a webhook), polling is only a safety net:
/// every look waits `whilePushed`.
public struct RecheckPolicy: Sendable, Equatable {
    /// The first wait after a change (`RECHECK_INTERVAL_MS`).
    public var first: Duration
    /// The longest wait (`RECHECK_MAX_INTERVAL_MS`).
    public var maximum: Duration
    /// The wait while events are pushed (`RECHECK_PUSHED_INTERVAL_MS`).
    public var whilePushed: Duration
    /// Re-checks are skipped while more jobs than this wait in the jobs queue (they would only pile up
    /// behind the jobs that will answer; new conversations are still published).
    public var backlogLimit: Int

    /// A policy.
    public init(first: Duration, maximum: Duration, whilePushed: Duration, backlogLimit: Int) {
        self.first = first
        self.maximum = max(first, maximum)
        self.whilePushed = whilePushed
        self.backlogLimit = backlogLimit
    }

    /// The wait before the next look after `step` looks found nothing since the last change.
    public func wait(afterStep step: Int, pushed: Bool) -> Duration {
        if pushed { return whilePushed }
        var wait = first
        for _ in 0..<min(max(step, 0), 32) where wait < maximum { wait = wait * 2 }
        return min(wait, maximum)
    }
}
