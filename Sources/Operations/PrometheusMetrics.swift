import CoreMetrics
import Prometheus

/// swift-metrics with swift-prometheus as its backend: bootstrapped once per process, read by
/// `GET /metrics`.
public enum PrometheusMetrics {
    /// The registry every swift-metrics metric of this process goes to. The first use bootstraps
    /// swift-metrics (a process-wide, once-only setting); later uses return the same registry.
    public static var registry: PrometheusCollectorRegistry { bootstrapped }

    private static let bootstrapped: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Latencies that are seconds, not milliseconds: a reply is due "within seconds", retries wait minutes.
        factory.durationHistogramBuckets["autoresponder_reply_latency_seconds"] = [
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(3), .seconds(5),
            .seconds(8), .seconds(13), .seconds(21), .seconds(34), .seconds(60), .seconds(120), .seconds(300),
            .seconds(900),
        ]
        factory.durationHistogramBuckets["autoresponder_job_duration_seconds"] = [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
            .seconds(30),
        ]
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    /// The Prometheus text exposition of every metric so far.
    public static func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16 * 1024)
        registry.emit(into: &buffer)
        return buffer
    }
}
