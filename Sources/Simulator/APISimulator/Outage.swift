import Foundation

/// An outage of some endpoints for a time window: their requests answer `status` (or hang) before
/// anything else happens, so a `/send_message` posts nothing. An element of the `outages` knob (the
/// window starts `start_after_seconds` after the simulator's start, its reset, or the moment the knob
/// is set) and the body of `POST /_sim/outage` (the window starts that long after the call).
///
/// JSON: `{"endpoints": ["tracking", "zip_code"], "status": 503, "hang": false,
/// "start_after_seconds": 10, "duration_seconds": 20}`; `endpoints` may name APIs (`"logistics"`).
public struct Outage: Sendable, Hashable, Codable {
    /// The endpoints out (`endpoints`), at least one.
    public var endpoints: [Endpoint]
    /// The status they answer (`status`, 400...599; default 503).
    public var status: Int
    /// Whether they hang instead (`hang`): no answer until the window ends or `hang_seconds` pass,
    /// whichever comes first, then 500.
    public var hang: Bool
    /// When the window starts, in seconds after its anchor (`start_after_seconds`; default 0).
    public var startAfterSeconds: Double
    /// How long it lasts (`duration_seconds`); nil (`null` or missing): until stopped with
    /// `DELETE /_sim/outage` or until the `outages` knob is set again.
    public var durationSeconds: Double?

    /// An outage of `endpoints`.
    public init(
        endpoints: [Endpoint], status: Int = 503, hang: Bool = false, startAfterSeconds: Double = 0,
        durationSeconds: Double? = nil
    ) {
        self.endpoints = endpoints
        self.status = status
        self.hang = hang
        self.startAfterSeconds = startAfterSeconds
        self.durationSeconds = durationSeconds
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case endpoints, status, hang, startAfterSeconds = "start_after_seconds", durationSeconds = "duration_seconds"
    }

    /// Decodes an outage; unknown keys and unknown endpoint names are errors (``SimulatorError``).
    public init(from decoder: any Decoder) throws {
        let keys = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
        let known = CodingKeys.allCases.map(\.rawValue)
        if let unknown = keys.first(where: { !known.contains($0) }) {
            throw SimulatorError(.invalidKnob, "unknown outage key \(unknown); keys: \(known.joined(separator: ", "))")
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let names = try c.decodeIfPresent([String].self, forKey: .endpoints) else {
            throw SimulatorError(.invalidKnob, "an outage needs endpoints, e.g. {\"endpoints\": [\"tracking\"]}")
        }
        var endpoints: [Endpoint] = []
        for endpoint in try names.flatMap(Endpoint.named) where !endpoints.contains(endpoint) { endpoints.append(endpoint) }
        self.init(
            endpoints: endpoints, status: try c.decodeIfPresent(Int.self, forKey: .status) ?? 503,
            hang: try c.decodeIfPresent(Bool.self, forKey: .hang) ?? false,
            startAfterSeconds: try c.decodeIfPresent(Double.self, forKey: .startAfterSeconds) ?? 0,
            durationSeconds: try c.decodeIfPresent(Double.self, forKey: .durationSeconds))
    }

    /// Encodes every key, an open-ended duration as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(endpoints, forKey: .endpoints)
        try c.encode(status, forKey: .status)
        try c.encode(hang, forKey: .hang)
        try c.encode(startAfterSeconds, forKey: .startAfterSeconds)
        try c.encode(durationSeconds, forKey: .durationSeconds)
    }

    /// Throws if the outage names no endpoint, its status is not 400...599, or a time is negative.
    public func validate() throws {
        guard !endpoints.isEmpty else { throw SimulatorError(.invalidKnob, "an outage needs at least one endpoint") }
        guard (400...599).contains(status) else {
            throw SimulatorError(.invalidKnob, "an outage's status must be between 400 and 599 (got \(status))")
        }
        guard startAfterSeconds >= 0, startAfterSeconds.isFinite, (durationSeconds ?? 0) >= 0,
            (durationSeconds ?? 0).isFinite
        else {
            throw SimulatorError(.invalidKnob, "an outage's start_after_seconds and duration_seconds must not be negative")
        }
    }

    /// Outages from a flag or environment value: a JSON array (or one JSON object) as in the
    /// `outages` knob, or the short form `ENDPOINTS[:STATUS|hang[:START[:DURATION]]]`, several
    /// separated by `;`, e.g. `tracking,zip_code:503:10:20;chip_status:hang:60:5` (ENDPOINTS
    /// comma-separated, endpoints or APIs; START and DURATION in seconds; no DURATION: until stopped).
    public static func parseList(_ text: String) throws -> [Outage] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("[") || trimmed.hasPrefix("{") {
            let data = Data(trimmed.utf8)
            let outages: [Outage]
            do {
                outages = trimmed.hasPrefix("[")
                    ? try JSONDecoder().decode([Outage].self, from: data) : [try JSONDecoder().decode(Outage.self, from: data)]
            } catch let error as SimulatorError {
                throw error
            } catch {
                throw SimulatorError(.invalidKnob, "outages: not valid JSON outages: \(error)")
            }
            for outage in outages { try outage.validate() }
            return outages
        }
        return try trimmed.split(separator: ";").map { try parseShort(String($0)) }
    }

    private static func parseShort(_ text: String) throws -> Outage {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...4).contains(parts.count), !parts[0].isEmpty else {
            throw SimulatorError(.invalidKnob, "outage \(text): expected ENDPOINTS[:STATUS|hang[:START[:DURATION]]]")
        }
        var endpoints: [Endpoint] = []
        for name in parts[0].split(separator: ",") {
            for endpoint in try Endpoint.named(String(name)) where !endpoints.contains(endpoint) { endpoints.append(endpoint) }
        }
        var outage = Outage(endpoints: endpoints)
        if parts.count > 1, !parts[1].isEmpty {
            if parts[1] == "hang" {
                outage.hang = true
            } else {
                guard let status = Int(parts[1]) else {
                    throw SimulatorError(.invalidKnob, "outage \(text): the status must be a number or 'hang'")
                }
                outage.status = status
            }
        }
        func seconds(_ index: Int, _ name: String) throws -> Double? {
            guard parts.count > index, !parts[index].isEmpty else { return nil }
            guard let value = Double(parts[index]) else {
                throw SimulatorError(.invalidKnob, "outage \(text): \(name) must be a number of seconds")
            }
            return value
        }
        outage.startAfterSeconds = try seconds(2, "START") ?? 0
        outage.durationSeconds = try seconds(3, "DURATION")
        try outage.validate()
        return outage
    }
}

/// Any key of a JSON object, to list the keys a decoder was given.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
