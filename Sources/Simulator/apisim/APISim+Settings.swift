import APISimulator
import ArgumentParser
import Foundation
import World

extension Serve {
    func environment(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// The flag if given, else the environment variable.
    func setting(_ flag: String?, _ name: String) -> String? { flag ?? environment(name) }

    /// The flag if given, else the environment variable parsed.
    func setting<Value: LosslessStringConvertible>(_ flag: Value?, _ name: String) throws -> Value? {
        if let flag { return flag }
        guard let text = environment(name) else { return nil }
        guard let value = Value(text) else { throw ValidationError("\(name)=\(text) is not a valid value") }
        return value
    }

    func makeKnobs() throws -> SimulatorKnobs {
        var knobs = SimulatorKnobs()
        knobs.seed = try setting(seed, "APISIM_SEED") ?? knobs.seed
        knobs.latencyMilliseconds = try setting(latencyMs, "APISIM_LATENCY_MS") ?? knobs.latencyMilliseconds
        knobs.jitterMilliseconds = try setting(jitterMs, "APISIM_JITTER_MS") ?? knobs.jitterMilliseconds
        knobs.errorShare = try setting(errorShare, "APISIM_ERROR_SHARE") ?? knobs.errorShare
        knobs.hangShare = try setting(hangShare, "APISIM_HANG_SHARE") ?? knobs.hangShare
        knobs.hangSeconds = try setting(hangSeconds, "APISIM_HANG_SECONDS") ?? knobs.hangSeconds
        knobs.wrongShapeShare = try setting(wrongShapeShare, "APISIM_WRONG_SHAPE_SHARE") ?? knobs.wrongShapeShare
        knobs.sendErrorAfterShare = try setting(sendErrorAfterShare, "APISIM_SEND_ERROR_AFTER_SHARE") ?? 0
        knobs.sendHangAfterShare = try setting(sendHangAfterShare, "APISIM_SEND_HANG_AFTER_SHARE") ?? 0
        knobs.sendResetAfterShare = try setting(sendResetAfterShare, "APISIM_SEND_RESET_AFTER_SHARE") ?? 0
        if let list = setting(faultEndpoints, "APISIM_FAULT_ENDPOINTS") { knobs.faultEndpoints = try endpoints(list) }
        if let list = setting(afterEffectEndpoints, "APISIM_AFTER_EFFECT_ENDPOINTS") {
            knobs.afterEffectEndpoints = try endpoints(list)
        }
        knobs.echoReplies = try setting(echoReplies, "APISIM_ECHO_REPLIES") ?? knobs.echoReplies
        knobs.maxActive = try setting(maxActive, "APISIM_MAX_ACTIVE") ?? knobs.maxActive
        knobs.initialActive = try setting(initialActive, "APISIM_INITIAL_ACTIVE") ?? knobs.initialActive
        knobs.arrivalPerSecond = try setting(arrivalPerSecond, "APISIM_ARRIVAL_PER_SECOND") ?? knobs.arrivalPerSecond
        if let close = setting(closeAfterSeconds, "APISIM_CLOSE_AFTER_SECONDS") {
            if close == "never" {
                knobs.closeAfterSeconds = nil
            } else if let seconds = Double(close) {
                knobs.closeAfterSeconds = seconds
            } else {
                throw ValidationError("close-after-seconds must be a number of seconds or 'never'")
            }
        }
        knobs.followUpShare = try setting(followUpShare, "APISIM_FOLLOW_UP_SHARE") ?? knobs.followUpShare
        knobs.followUpDelaySeconds = try setting(followUpDelaySeconds, "APISIM_FOLLOW_UP_DELAY_SECONDS")
            ?? knobs.followUpDelaySeconds
        do {
            if let outages = setting(outages, "APISIM_OUTAGES") { knobs.outages = try Outage.parseList(outages) }
            if let limits = setting(rateLimits, "APISIM_RATE_LIMITS") { knobs.rateLimits = try SimulatorKnobs.parseRateLimits(limits) }
            try knobs.validate()
        } catch let error as SimulatorError {
            throw ValidationError(error.message)
        }
        return knobs
    }

    /// Comma-separated endpoint names (`/` ignored).
    func endpoints(_ list: String) throws -> [Endpoint] {
        try list.split(separator: ",").map { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            guard let endpoint = Endpoint(rawValue: trimmed) else {
                throw ValidationError("unknown endpoint \(name); endpoints: \(Endpoint.allCases.map(\.rawValue).joined(separator: ","))")
            }
            return endpoint
        }
    }

    func loadWorld(knobs: SimulatorKnobs) throws -> World {
        if generate {
            let merchantCount = try setting(merchants, "APISIM_MERCHANTS") ?? 1000
            let conversationCount = try setting(conversations, "APISIM_CONVERSATIONS")
            return try WorldGenerator.generate(.init(seed: knobs.seed, merchants: merchantCount, conversations: conversationCount))
        }
        let path = setting(world, "APISIM_WORLD") ?? "db/worlds/original"
        return try WorldFile.read(from: URL(fileURLWithPath: path))
    }
}
