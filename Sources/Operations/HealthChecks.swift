/// The outcome of one health or readiness check.
public enum CheckResult: Sendable, Equatable, CustomStringConvertible {
    /// The checked thing is fine.
    case ok
    /// It is not, and why (for the JSON body of `/healthz` or `/readyz`; never a secret).
    case failing(String)

    /// `ok` or the reason.
    public var description: String {
        switch self {
        case .ok: "ok"
        case .failing(let reason): reason
        }
    }

    /// True for ``ok``.
    public var isOK: Bool { self == .ok }
}

/// Something that must keep moving while the process is alive: a loop, a connection thread, the jobs
/// in flight. Evaluated on every `GET /healthz`, so it must be cheap and never block.
public struct LivenessCheck: Sendable {
    /// Its name in the JSON body (`consumer-thread`, `poll-loop`, ...).
    public let name: String
    let check: @Sendable () -> CheckResult

    /// A check named `name`.
    public init(_ name: String, _ check: @escaping @Sendable () -> CheckResult) {
        self.name = name
        self.check = check
    }
}

/// A dependency the process needs to do its work (`rabbitmq`, `postgresql`). Run in the background
/// every second, with a deadline; `GET /readyz` answers from the last results.
public struct ReadinessCheck: Sendable {
    /// Its name in the JSON body.
    public let name: String
    let check: @Sendable () async -> CheckResult

    /// A check named `name`.
    public init(_ name: String, _ check: @escaping @Sendable () async -> CheckResult) {
        self.name = name
        self.check = check
    }
}

/// What a process reports about itself on its operations port.
public struct HealthChecks: Sendable {
    /// Evaluated by `GET /healthz`.
    public var liveness: [LivenessCheck]
    /// Refreshed in the background, reported by `GET /readyz`.
    public var readiness: [ReadinessCheck]

    /// The checks of a process.
    public init(liveness: [LivenessCheck] = [], readiness: [ReadinessCheck] = []) {
        self.liveness = liveness
        self.readiness = readiness
    }

    /// Adds the checks of `other`.
    public mutating func append(_ other: HealthChecks) {
        liveness += other.liveness
        readiness += other.readiness
    }
}

extension LivenessCheck {
    /// Fails when `lastProgress` is older than `maximumSilence`: the loop that records it has not
    /// turned for that long.
    public static func progress(
        _ name: String, maximumSilence: Duration, _ lastProgress: @escaping @Sendable () -> ContinuousClock.Instant?
    ) -> LivenessCheck {
        LivenessCheck(name) {
            guard let last = lastProgress() else { return .ok }
            let silence = ContinuousClock.now - last
            guard silence > maximumSilence else { return .ok }
            return .failing("no progress for \(silence.roundedSeconds) s (limit \(maximumSilence.roundedSeconds) s)")
        }
    }
}

extension Duration {
    /// Whole seconds, rounded down (for messages).
    var roundedSeconds: Int64 { components.seconds }
}
