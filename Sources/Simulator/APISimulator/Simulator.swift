import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import World

/// The four upstream APIs over one world: answers the nine endpoints of docs/contract.md,
/// injects the faults, outages and rate limits its knobs ask for, moves conversations through the active list, and records
/// every `/send_message`. HTTP-free (``handle(_:body:authorization:)``) so it can be tested and
/// served alike; ``SimulatorServer`` serves it over HTTP.
public final class Simulator: Sendable {
    /// The world served.
    public let world: World
    let token: String
    let clock: any SimulatorClock
    let answers: StaticAnswers
    let state: Mutex<SimulatorState>
    let hangRelease: Mutex<Int>
    let logger: Logger

    /// A simulator of `world` that accepts `token` in the `authorization` header.
    public init(
        world: World, token: String, knobs: SimulatorKnobs = SimulatorKnobs(),
        clock: any SimulatorClock = SystemClock(), logger: Logger
    ) throws {
        guard !token.isEmpty else {
            throw SimulatorError(.invalidKnob, "the token must not be empty: set API_TOKEN or --token")
        }
        try knobs.validate()
        self.world = world
        self.token = token
        self.clock = clock
        self.logger = logger
        self.answers = try StaticAnswers(world)
        var initial = SimulatorState(knobs: knobs)
        initial.reset(world: world, now: clock.now())
        self.state = Mutex(initial)
        self.hangRelease = Mutex(0)
    }

    /// Answers one request of `endpoint` with this raw body and `authorization` header value.
    public func handle(_ endpoint: Endpoint, body: Data, authorization: String?) -> SimulatorReply {
        let parsed = ParsedRequest.parse(endpoint, body: body)
        let authorized = authorization == token
        return state.withLock { state in
            let now = clock.now()
            state.count(endpoint, \.requests)
            // The partner's gateway first: rate limits, then outages; nothing else happens then.
            if let refused = rateLimitReply(endpoint, now: now, &state) ?? outageReply(endpoint, now: now, &state) {
                return refused
            }
            let faulty = state.knobs.faultEndpoints.contains(endpoint)
            var delay = 0
            if faulty {
                delay = state.knobs.latencyMilliseconds
                if state.knobs.jitterMilliseconds > 0 { delay += state.random.below(state.knobs.jitterMilliseconds + 1) }
            }
            guard authorized else {
                state.count(endpoint, \.unauthorized)
                return SimulatorReply(action: .respond(status: 401, body: errorBody("missing or wrong authorization header")),
                    delayMilliseconds: delay)
            }
            let fault = faulty ? drawFault(&state) : nil
            switch fault {
            case .hang:
                state.count(endpoint, \.injectedHangs)
                return SimulatorReply(action: .hang(seconds: state.knobs.hangSeconds), delayMilliseconds: delay, fault: .hang)
            case .error:
                state.count(endpoint, \.injectedErrors)
                return SimulatorReply(action: .respond(status: 500, body: errorBody("simulated internal error")),
                    delayMilliseconds: delay, fault: .error)
            default:
                break
            }
            advance(&state, to: now)
            var (status, body) = process(endpoint, parsed, now: now, &state)
            switch status {
            case 200..<300: state.count(endpoint, \.ok)
            case 400: state.count(endpoint, \.badRequest)
            case 404: state.count(endpoint, \.notFound)
            default: break
            }
            if state.knobs.afterEffectEndpoints.contains(endpoint), (200..<300).contains(status),
                let after = drawAfterEffectFault(&state)
            {
                state.count(endpoint, \.injectedAfterEffect)
                switch after {
                case .hangAfterEffect:
                    return SimulatorReply(action: .hang(seconds: state.knobs.hangSeconds), delayMilliseconds: delay, fault: after)
                case .resetAfterEffect:
                    return SimulatorReply(action: .dropConnection, delayMilliseconds: delay, fault: after)
                default:
                    return SimulatorReply(
                        action: .respond(status: 500, body: errorBody("simulated internal error after acting")),
                        delayMilliseconds: delay, fault: after)
                }
            }
            if fault == .wrongShape, (200..<300).contains(status) {
                state.count(endpoint, \.injectedWrongShapes)
                body = WrongShapes.body(for: endpoint, replacing: body, &state.random)
                return SimulatorReply(action: .respond(status: status, body: body), delayMilliseconds: delay, fault: .wrongShape)
            }
            return SimulatorReply(action: .respond(status: status, body: body), delayMilliseconds: delay)
        }
    }

    private func drawFault(_ state: inout SimulatorState) -> InjectedFault? {
        let knobs = state.knobs
        guard knobs.hangShare + knobs.errorShare + knobs.wrongShapeShare > 0 else { return nil }
        let roll = state.random.unit()
        if roll < knobs.hangShare { return .hang }
        if roll < knobs.hangShare + knobs.errorShare { return .error }
        if roll < knobs.hangShare + knobs.errorShare + knobs.wrongShapeShare { return .wrongShape }
        return nil
    }

    /// A failure after an endpoint of `after_effect_endpoints` acted (`send_*_after_share` knobs).
    private func drawAfterEffectFault(_ state: inout SimulatorState) -> InjectedFault? {
        let knobs = state.knobs
        let total = knobs.sendErrorAfterShare + knobs.sendHangAfterShare + knobs.sendResetAfterShare
        guard total > 0 else { return nil }
        let roll = state.random.unit()
        if roll < knobs.sendErrorAfterShare { return .errorAfterEffect }
        if roll < knobs.sendErrorAfterShare + knobs.sendHangAfterShare { return .hangAfterEffect }
        if roll < total { return .resetAfterEffect }
        return nil
    }

    /// Waits `seconds`, or until ``releaseHangs()``, the task is cancelled or the server shuts down.
    public func hang(seconds: Double) async {
        let generation = hangRelease.withLock { $0 }
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < deadline, !Task.isCancelled, !Task.isShuttingDownGracefully,
            hangRelease.withLock({ $0 }) == generation
        {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Ends every hang in progress (their requests then answer 500).
    public func releaseHangs() { hangRelease.withLock { $0 += 1 } }
}

/// `{"error": "..."}`.
func errorBody(_ message: String) -> Data {
    (try? JSONSerialization.data(withJSONObject: ["error": message], options: [.sortedKeys])) ?? Data("{}".utf8)
}
