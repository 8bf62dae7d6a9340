import Testing

@testable import SupportConsole

/// The overview's reading of the processes' `/metrics`.
@Suite struct MetricsTextTests {
    static let worker = """
        # TYPE autoresponder_jobs_in_flight gauge
        autoresponder_jobs_in_flight 3
        autoresponder_replies_sent_total{resolver="logistics",language="en"} 5
        autoresponder_replies_sent_total{language="pt-BR",resolver="receipt"} 2
        autoresponder_circuit_breaker_state{api="logistics"} 2
        autoresponder_circuit_breaker_state{api="telecom"} 0
        autoresponder_upstream_errors_total{api="chats",class="5xx"} 1
        odd_metric{text="a, b}=\\"c\\""} 7
        autoresponder_reply_latency_seconds_bucket{resolver="logistics",le="0.5"} 2
        autoresponder_reply_latency_seconds_bucket{resolver="logistics",le="1.0"} 4
        autoresponder_reply_latency_seconds_bucket{resolver="logistics",le="+Inf"} 5
        autoresponder_reply_latency_seconds_count{resolver="logistics"} 5
        autoresponder_reply_latency_seconds_sum{resolver="logistics"} 4.5
        not a sample
        """

    @Test func samplesAreSummedByName() {
        let text = MetricsText(Self.worker)
        #expect(text.sum("autoresponder_replies_sent_total") == 7)
        #expect(text.sum("autoresponder_replies_sent_total", ["resolver": "receipt"]) == 2)
        #expect(text.sum("autoresponder_absent") == nil)
        #expect(text.sum("odd_metric", ["text": "a, b}=\"c\""]) == 7)
        let breakers = Dictionary(uniqueKeysWithValues: text.values("autoresponder_circuit_breaker_state", by: "api"))
        #expect(breakers == ["logistics": 2, "telecom": 0])
        #expect(ProcessReport(target: "x", live: true, ready: true, detail: nil, metrics: text).kind == "worker")
    }

    @Test func histogramsAreSummedOverProcessesAndGiveQuantiles() throws {
        let one = MetricsText(Self.worker)
        let histogram = try #require(Histogram("autoresponder_reply_latency_seconds", in: [one, one]))
        #expect(histogram.count == 10)
        #expect(histogram.sum == 9)
        #expect(histogram.quantile(0.5) == 0.625)  // rank 5 of 10: a quarter into (0.5, 1.0], which holds 4
        #expect(histogram.quantile(0.2) == 0.25)
        #expect(histogram.quantile(0.99) == 1.0, "in the +Inf bucket: the highest finite bound")
        #expect(Histogram("autoresponder_absent", in: [one]) == nil)
    }
}
