import Metrics

/// The service's metrics: every name, type and label set in one place (Prometheus refuses a name
/// reused with another type, and a family mixing labelled and unlabelled series). docs/operations.md
/// lists them for operators; the dashboard in deploy/grafana reads them.
enum ServiceMetrics {
    /// `autoresponder_jobs_consumed_total`: deliveries taken from the jobs queue.
    static func jobConsumed() { Counter(label: "autoresponder_jobs_consumed_total").increment() }

    /// `autoresponder_jobs_total{outcome, resolver}` and `autoresponder_job_duration_seconds{outcome}`.
    static func jobFinished(outcome: String, resolver: String?, duration: Duration) {
        Counter(label: "autoresponder_jobs_total", dimensions: [("outcome", outcome), ("resolver", resolver ?? "none")])
            .increment()
        Timer(label: "autoresponder_job_duration_seconds", dimensions: [("outcome", outcome)])
            .recordNanoseconds(duration.nanoseconds)
    }

    /// `autoresponder_jobs_in_flight`: jobs a worker is doing now.
    static func jobsInFlight(_ count: Int) { Gauge(label: "autoresponder_jobs_in_flight").record(count) }

    /// `autoresponder_replies_sent_total{resolver, language}`.
    static func replySent(resolver: String, language: String) {
        Counter(label: "autoresponder_replies_sent_total", dimensions: [("resolver", resolver), ("language", language)])
            .increment()
    }

    /// `autoresponder_reply_latency_seconds{resolver}`: from a client message's `created_at` to its reply.
    static func replyLatency(_ latency: Duration, resolver: String) {
        Timer(label: "autoresponder_reply_latency_seconds", dimensions: [("resolver", resolver)])
            .recordNanoseconds(max(0, latency.nanoseconds))
    }

    /// `autoresponder_upstream_request_duration_seconds{api}`.
    static func upstreamRequest(api: String, duration: Duration) {
        Timer(label: "autoresponder_upstream_request_duration_seconds", dimensions: [("api", api)])
            .recordNanoseconds(duration.nanoseconds)
    }

    /// `autoresponder_upstream_errors_total{api, class}`; class is `4xx`, `429`, `5xx`, `timeout` or `transport`.
    static func upstreamError(api: String, class errorClass: String) {
        Counter(label: "autoresponder_upstream_errors_total", dimensions: [("api", api), ("class", errorClass)])
            .increment()
    }

    /// `autoresponder_ledger_lost_claims_total`: replies posted after their claim was taken over (incidents).
    static func lostClaim() { Counter(label: "autoresponder_ledger_lost_claims_total").increment() }

    /// `autoresponder_ambiguous_sends_handed_off_total`: posts of unknown outcome handed to a person.
    static func ambiguousSendHandedOff() { Counter(label: "autoresponder_ambiguous_sends_handed_off_total").increment() }

    /// `autoresponder_circuit_breaker_state{api}`: 0 closed, 1 half-open, 2 open.
    static func breakerState(api: String, _ value: Int) {
        Gauge(label: "autoresponder_circuit_breaker_state", dimensions: [("api", api)]).record(value)
    }

    /// `autoresponder_dispatcher_active_conversations`: the chats API's active list at the last poll.
    static func activeConversations(_ count: Int) {
        Gauge(label: "autoresponder_dispatcher_active_conversations").record(count)
    }

    /// `autoresponder_dispatcher_jobs_published_total{reason}` (`new`, `recheck`).
    static func jobsPublished(_ count: Int, reason: String) {
        Counter(label: "autoresponder_dispatcher_jobs_published_total", dimensions: [("reason", reason)])
            .increment(by: count)
    }

    /// `autoresponder_queue_messages{queue}` and `autoresponder_queue_consumers{queue}`.
    static func queue(_ name: String, messages: UInt32, consumers: UInt32) {
        Gauge(label: "autoresponder_queue_messages", dimensions: [("queue", name)]).record(Int(messages))
        Gauge(label: "autoresponder_queue_consumers", dimensions: [("queue", name)]).record(Int(consumers))
    }
}
