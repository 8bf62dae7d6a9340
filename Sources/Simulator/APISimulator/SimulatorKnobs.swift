import Foundation

/// The simulator's behaviour knobs: faults, replies and how conversations come and go.
/// Set from flags or the environment at start (`apisim --help`), and changed at run time with
/// `POST /_sim/config` (a JSON object with any of these keys; `null` clears an optional knob).
public struct SimulatorKnobs: Sendable, Hashable, Codable {
    /// Added latency of every answer of the fault endpoints, in milliseconds (`latency_ms`).
    public var latencyMilliseconds: Int = 0
    /// Random extra latency, uniform in 0...jitter milliseconds (`jitter_ms`).
    public var jitterMilliseconds: Int = 0
    /// Share of requests answered 500 (`error_share`, 0...1).
    public var errorShare: Double = 0
    /// Share of requests that hang (`hang_share`, 0...1) ...
    public var hangShare: Double = 0
    /// ... for this many seconds, or until `POST /_sim/reset` or shutdown, then answer 500 (`hang_seconds`).
    public var hangSeconds: Double = 120
    /// Share of requests answered 200 with valid JSON of the wrong shape (`wrong_shape_share`, 0...1).
    /// `/send_message` still posts the message then.
    public var wrongShapeShare: Double = 0
    /// Share of calls of the `after_effect_endpoints` (`/send_message` unless set) that act (post the
    /// message, open the service order) and then answer 500 (`send_error_after_share`): a failure
    /// *after* the effect. Independent of the faults above, which act before it.
    public var sendErrorAfterShare: Double = 0
    /// Share of those calls that act and then hang for `hang_seconds` (`send_hang_after_share`): the
    /// client times out although the effect happened.
    public var sendHangAfterShare: Double = 0
    /// Share of those calls that act and then drop the connection without an answer
    /// (`send_reset_after_share`).
    public var sendResetAfterShare: Double = 0
    /// The endpoints the `send_*_after_share` knobs apply to (`after_effect_endpoints`): those that
    /// act, `send_message` (default) and `service_orders`.
    public var afterEffectEndpoints: [Endpoint] = [.sendMessage]
    /// Conversations whose `/conversation_info` always answers 200 with a body that is never a valid
    /// conversation (`broken_conversations`): a permanent failure, until the knob is cleared.
    public var brokenConversations: [String] = []
    /// Where to push an event when a conversation becomes active or its client writes again
    /// (`push_events_url`, e.g. the dispatcher's `http://127.0.0.1:9095/events`; nil: no push), signed
    /// with `push_events_secret` (`X-Timestamp`, `X-Signature: sha256=<HMAC>`).
    public var pushEventsURL: String?
    /// The shared secret of pushed events (`push_events_secret`).
    public var pushEventsSecret: String?
    /// The endpoints latency and faults apply to (`fault_endpoints`; default all nine).
    public var faultEndpoints: [Endpoint] = Endpoint.allCases
    /// Whether `/send_message` appends the reply to the conversation's messages (`echo_replies`).
    public var echoReplies: Bool = true
    /// At most this many conversations active at once (`max_active`; nil: no cap). A client's
    /// follow-up may reopen a conversation beyond the cap.
    public var maxActive: Int?
    /// How many conversations are active at start or reset (`initial_active`; nil: as many as the cap allows).
    public var initialActive: Int?
    /// How fast the others become active, per second (`arrival_per_second`; nil: as soon as there is
    /// room under the cap).
    public var arrivalPerSecond: Double?
    /// A conversation leaves the active list this many seconds after the reply that answered its last
    /// client message (`close_after_seconds`; nil: never). Never while a client message is unanswered
    /// or a follow-up is due.
    public var closeAfterSeconds: Double? = 60
    /// Share of conversations whose client writes one more message after the first reply (`follow_up_share`).
    public var followUpShare: Double = 0
    /// How long after the first reply the follow-up is written (`follow_up_delay_seconds`).
    public var followUpDelaySeconds: Double = 2
    /// Seeds the fault draws and the choice of follow-up conversations (`seed`).
    public var seed: UInt64 = 1
    /// Outage windows (`outages`): chosen endpoints answer a status (or hang) for a time, counted from
    /// the simulator's start, its reset, or the moment this knob is set (`POST /_sim/config`).
    /// Checked before anything but the rate limits; see ``Outage``.
    public var outages: [Outage] = []
    /// Requests per second each API accepts (`rate_limits`, e.g. `{"chats": 300, "logistics": 100}`;
    /// an API left out is not limited): a token bucket holding one second's worth (at least one
    /// request); beyond it, 429 with `Retry-After` before anything else, authorization included.
    public var rateLimits: [UpstreamAPI: Double] = [:]

    /// The defaults: no faults, replies echoed, every conversation active at start, closed 60 s
    /// after the reply, no follow-ups.
    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case latencyMilliseconds = "latency_ms", jitterMilliseconds = "jitter_ms", errorShare = "error_share"
        case hangShare = "hang_share", hangSeconds = "hang_seconds", wrongShapeShare = "wrong_shape_share"
        case faultEndpoints = "fault_endpoints", echoReplies = "echo_replies", maxActive = "max_active"
        case initialActive = "initial_active", arrivalPerSecond = "arrival_per_second"
        case closeAfterSeconds = "close_after_seconds", followUpShare = "follow_up_share"
        case followUpDelaySeconds = "follow_up_delay_seconds", seed
        case sendErrorAfterShare = "send_error_after_share", sendHangAfterShare = "send_hang_after_share"
        case sendResetAfterShare = "send_reset_after_share", brokenConversations = "broken_conversations"
        case pushEventsURL = "push_events_url", pushEventsSecret = "push_events_secret"
        case outages, rateLimits = "rate_limits", afterEffectEndpoints = "after_effect_endpoints"
    }

    /// Decodes knobs; a missing key keeps its default.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = SimulatorKnobs()
        latencyMilliseconds = try c.decodeIfPresent(Int.self, forKey: .latencyMilliseconds) ?? d.latencyMilliseconds
        jitterMilliseconds = try c.decodeIfPresent(Int.self, forKey: .jitterMilliseconds) ?? d.jitterMilliseconds
        errorShare = try c.decodeIfPresent(Double.self, forKey: .errorShare) ?? d.errorShare
        hangShare = try c.decodeIfPresent(Double.self, forKey: .hangShare) ?? d.hangShare
        hangSeconds = try c.decodeIfPresent(Double.self, forKey: .hangSeconds) ?? d.hangSeconds
        wrongShapeShare = try c.decodeIfPresent(Double.self, forKey: .wrongShapeShare) ?? d.wrongShapeShare
        faultEndpoints = try c.decodeIfPresent([Endpoint].self, forKey: .faultEndpoints) ?? d.faultEndpoints
        echoReplies = try c.decodeIfPresent(Bool.self, forKey: .echoReplies) ?? d.echoReplies
        maxActive = try c.decodeIfPresent(Int.self, forKey: .maxActive)
        initialActive = try c.decodeIfPresent(Int.self, forKey: .initialActive)
        arrivalPerSecond = try c.decodeIfPresent(Double.self, forKey: .arrivalPerSecond)
        closeAfterSeconds = c.contains(.closeAfterSeconds)
            ? try c.decodeIfPresent(Double.self, forKey: .closeAfterSeconds) : d.closeAfterSeconds
        followUpShare = try c.decodeIfPresent(Double.self, forKey: .followUpShare) ?? d.followUpShare
        followUpDelaySeconds = try c.decodeIfPresent(Double.self, forKey: .followUpDelaySeconds) ?? d.followUpDelaySeconds
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed
        sendErrorAfterShare = try c.decodeIfPresent(Double.self, forKey: .sendErrorAfterShare) ?? d.sendErrorAfterShare
        sendHangAfterShare = try c.decodeIfPresent(Double.self, forKey: .sendHangAfterShare) ?? d.sendHangAfterShare
        sendResetAfterShare = try c.decodeIfPresent(Double.self, forKey: .sendResetAfterShare) ?? d.sendResetAfterShare
        brokenConversations = try c.decodeIfPresent([String].self, forKey: .brokenConversations) ?? d.brokenConversations
        pushEventsURL = try c.decodeIfPresent(String.self, forKey: .pushEventsURL)
        pushEventsSecret = try c.decodeIfPresent(String.self, forKey: .pushEventsSecret)
        outages = try c.decodeIfPresent([Outage].self, forKey: .outages) ?? d.outages
        rateLimits = try Self.rateLimits(try c.decodeIfPresent([String: Double].self, forKey: .rateLimits) ?? [:])
        afterEffectEndpoints = try c.decodeIfPresent([Endpoint].self, forKey: .afterEffectEndpoints) ?? d.afterEffectEndpoints
    }

    /// The endpoints that act (post, open), which `after_effect_endpoints` may name.
    public static let actingEndpoints: [Endpoint] = [.sendMessage, .serviceOrders]

    /// `{"logistics": 100}` with API names checked.
    static func rateLimits(_ named: [String: Double]) throws -> [UpstreamAPI: Double] {
        var limits: [UpstreamAPI: Double] = [:]
        for (name, rate) in named {
            guard let api = UpstreamAPI(rawValue: name) else {
                let apis = UpstreamAPI.allCases.map(\.rawValue).joined(separator: ", ")
                throw SimulatorError(.invalidKnob, "rate_limits: unknown API \(name); APIs: \(apis)")
            }
            limits[api] = rate
        }
        return limits
    }

    /// Rate limits from a flag or environment value: `API=RATE` pairs separated by commas
    /// (`chats=300,logistics=100,telecom=100`) or a JSON object as in the `rate_limits` knob.
    public static func parseRateLimits(_ text: String) throws -> [UpstreamAPI: Double] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var named: [String: Double] = [:]
        if trimmed.hasPrefix("{") {
            guard let decoded = try? JSONDecoder().decode([String: Double].self, from: Data(trimmed.utf8)) else {
                throw SimulatorError(.invalidKnob, "rate_limits: expected a JSON object of numbers, e.g. {\"logistics\": 100}")
            }
            named = decoded
        } else {
            for pair in trimmed.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, let rate = Double(parts[1]) else {
                    throw SimulatorError(.invalidKnob, "rate_limits: expected API=RATE pairs, e.g. chats=300,logistics=100 (got \(pair))")
                }
                named[parts[0]] = rate
            }
        }
        let limits = try rateLimits(named)
        try validate(rateLimits: limits)
        return limits
    }

    static func validate(rateLimits: [UpstreamAPI: Double]) throws {
        for (api, rate) in rateLimits.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where !(rate > 0 && rate.isFinite) {
            throw SimulatorError(
                .invalidKnob, "rate_limits: the rate of \(api) must be a positive number of requests per second (got \(rate)); leave it out for no limit")
        }
    }

    /// Encodes every knob, an unset optional one as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(latencyMilliseconds, forKey: .latencyMilliseconds)
        try c.encode(jitterMilliseconds, forKey: .jitterMilliseconds)
        try c.encode(errorShare, forKey: .errorShare)
        try c.encode(hangShare, forKey: .hangShare)
        try c.encode(hangSeconds, forKey: .hangSeconds)
        try c.encode(wrongShapeShare, forKey: .wrongShapeShare)
        try c.encode(faultEndpoints, forKey: .faultEndpoints)
        try c.encode(echoReplies, forKey: .echoReplies)
        try c.encode(maxActive, forKey: .maxActive)
        try c.encode(initialActive, forKey: .initialActive)
        try c.encode(arrivalPerSecond, forKey: .arrivalPerSecond)
        try c.encode(closeAfterSeconds, forKey: .closeAfterSeconds)
        try c.encode(followUpShare, forKey: .followUpShare)
        try c.encode(followUpDelaySeconds, forKey: .followUpDelaySeconds)
        try c.encode(seed, forKey: .seed)
        try c.encode(sendErrorAfterShare, forKey: .sendErrorAfterShare)
        try c.encode(sendHangAfterShare, forKey: .sendHangAfterShare)
        try c.encode(sendResetAfterShare, forKey: .sendResetAfterShare)
        try c.encode(brokenConversations, forKey: .brokenConversations)
        try c.encode(pushEventsURL, forKey: .pushEventsURL)
        try c.encode(pushEventsSecret.map { _ in "(set)" }, forKey: .pushEventsSecret)
        try c.encode(outages, forKey: .outages)
        try c.encode(Dictionary(uniqueKeysWithValues: rateLimits.map { ($0.key.rawValue, $0.value) }), forKey: .rateLimits)
        try c.encode(afterEffectEndpoints, forKey: .afterEffectEndpoints)
    }

    /// Throws if a knob is out of range: shares in 0...1 adding up to at most 1, times not negative,
    /// outages valid (``Outage/validate()``), rates positive.
    public func validate() throws {
        for (name, share) in [("error_share", errorShare), ("hang_share", hangShare), ("wrong_shape_share", wrongShapeShare),
            ("follow_up_share", followUpShare), ("send_error_after_share", sendErrorAfterShare),
            ("send_hang_after_share", sendHangAfterShare), ("send_reset_after_share", sendResetAfterShare),
        ] where !(0...1).contains(share) {
            throw SimulatorError(.invalidKnob, "\(name) must be between 0 and 1 (got \(share))")
        }
        guard errorShare + hangShare + wrongShapeShare <= 1 + 1e-9 else {
            throw SimulatorError(.invalidKnob, "error_share + hang_share + wrong_shape_share must not exceed 1")
        }
        guard sendErrorAfterShare + sendHangAfterShare + sendResetAfterShare <= 1 + 1e-9 else {
            throw SimulatorError(.invalidKnob, "the send_*_after_share knobs must not add up to more than 1")
        }
        guard latencyMilliseconds >= 0, jitterMilliseconds >= 0, hangSeconds >= 0, followUpDelaySeconds >= 0,
            (closeAfterSeconds ?? 0) >= 0, (arrivalPerSecond ?? 0) >= 0, (maxActive ?? 0) >= 0, (initialActive ?? 0) >= 0
        else {
            throw SimulatorError(.invalidKnob, "times, rates and counts must not be negative")
        }
        if let idle = afterEffectEndpoints.first(where: { !Self.actingEndpoints.contains($0) }) {
            throw SimulatorError(
                .invalidKnob, "after_effect_endpoints: \(idle) acts on nothing; endpoints that act: "
                    + Self.actingEndpoints.map(\.rawValue).joined(separator: ", "))
        }
        for outage in outages { try outage.validate() }
        try Self.validate(rateLimits: rateLimits)
    }

    /// These knobs with the keys of a JSON object `patch` applied (unknown keys are an error).
    public func applying(patch: Data) throws -> SimulatorKnobs {
        guard let changes = try? JSONSerialization.jsonObject(with: patch) as? [String: Any] else {
            throw SimulatorError(.invalidKnob, "the body must be a JSON object of knobs")
        }
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        if let unknown = changes.keys.first(where: { !known.contains($0) }) {
            throw SimulatorError(.invalidKnob, "unknown knob \(unknown); knobs: \(known.sorted().joined(separator: ", "))")
        }
        var merged = try JSONSerialization.jsonObject(with: JSONEncoder().encode(self)) as? [String: Any] ?? [:]
        for (key, value) in changes { merged[key] = value }
        var knobs: SimulatorKnobs
        do {
            knobs = try JSONDecoder().decode(SimulatorKnobs.self, from: JSONSerialization.data(withJSONObject: merged))
        } catch let error as SimulatorError {
            throw error
        } catch {
            throw SimulatorError(.invalidKnob, "a knob has the wrong type: \(error)")
        }
        // The secret is encoded as "(set)", never as itself: a patch that does not set it keeps it.
        if changes[CodingKeys.pushEventsSecret.rawValue] == nil { knobs.pushEventsSecret = pushEventsSecret }
        try knobs.validate()
        return knobs
    }
}
