import Foundation

/// The outages now and to come (`GET /_sim/outage`, and the answer of `POST` and `DELETE /_sim/outage`).
public struct OutageStatus: Sendable, Hashable, Codable {
    /// One outage window not over yet.
    public struct Window: Sendable, Hashable, Codable {
        /// The endpoints out.
        public var endpoints: [Endpoint]
        /// The status answered (when not hanging).
        public var status: Int
        /// Whether requests hang instead.
        public var hang: Bool
        /// When it starts or started (Unix seconds on the simulator's clock).
        public var startsAt: Double
        /// When it ends (nil: until stopped).
        public var endsAt: Double?
        /// Whether it is in progress.
        public var active: Bool
        /// `knob` (the `outages` knob) or `control` (`POST /_sim/outage`).
        public var source: String

        enum CodingKeys: String, CodingKey {
            case endpoints, status, hang, startsAt = "starts_at", endsAt = "ends_at", active, source
        }

        /// Encodes every key, an open end as `null`.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(endpoints, forKey: .endpoints)
            try c.encode(status, forKey: .status)
            try c.encode(hang, forKey: .hang)
            try c.encode(startsAt, forKey: .startsAt)
            try c.encode(endsAt, forKey: .endsAt)
            try c.encode(active, forKey: .active)
            try c.encode(source, forKey: .source)
        }
    }

    /// Whether some endpoint is out now (`outage_active`).
    public var outageActive: Bool
    /// The endpoints out now (`outage_endpoints`).
    public var outageEndpoints: [Endpoint]
    /// The windows in progress or to come, in the order they were set (`outages`).
    public var outages: [Window]
    /// When the last outage started (`last_outage_started_at`, Unix seconds; nil: none yet).
    public var lastOutageStartedAt: Double?
    /// When the last outage ended (`last_outage_ended_at`, Unix seconds; nil: none yet).
    public var lastOutageEndedAt: Double?
    /// How many outages in progress `DELETE /_sim/outage` just stopped (`stopped`; nil otherwise).
    public var stopped: Int?

    enum CodingKeys: String, CodingKey {
        case outageActive = "outage_active", outageEndpoints = "outage_endpoints", outages
        case lastOutageStartedAt = "last_outage_started_at", lastOutageEndedAt = "last_outage_ended_at", stopped
    }

    /// Encodes every key, unknown times as `null` (`stopped` only when set).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(outageActive, forKey: .outageActive)
        try c.encode(outageEndpoints, forKey: .outageEndpoints)
        try c.encode(outages, forKey: .outages)
        try c.encode(lastOutageStartedAt, forKey: .lastOutageStartedAt)
        try c.encode(lastOutageEndedAt, forKey: .lastOutageEndedAt)
        try c.encodeIfPresent(stopped, forKey: .stopped)
    }

    init(_ schedule: OutageSchedule, now: Double, stopped: Int? = nil) {
        let endpoints = schedule.activeEndpoints(at: now)
        outageActive = !endpoints.isEmpty
        outageEndpoints = endpoints
        outages = schedule.windows.map { window in
            Window(
                endpoints: window.outage.endpoints, status: window.outage.status, hang: window.outage.hang,
                startsAt: window.start, endsAt: window.end, active: window.isActive(at: now),
                source: window.fromControl ? "control" : "knob")
        }
        lastOutageStartedAt = schedule.lastStartedAt
        lastOutageEndedAt = schedule.lastEndedAt
        self.stopped = stopped
    }
}
