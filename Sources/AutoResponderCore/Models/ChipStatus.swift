import Foundation

/// What the telecom API's `/chip_status` says of a chip.
public struct ChipStatus: Hashable, Sendable {
    /// The state of a chip. The vocabulary is open: a value never seen is kept as ``other(_:)``.
    public enum State: Hashable, Sendable {
        /// `active`: the chip works at the operator.
        case active
        /// `inactive`: the chip is not (or no longer) enabled.
        case inactive
        /// `without connection`: enabled, but not connected.
        case withoutConnection
        /// Any other status, exactly as upstream sent it.
        case other(String)

        /// Parses an upstream status: case, surrounding spaces, `_` and `-` are ignored
        /// (`Without_Connection` is ``withoutConnection``); anything unknown is kept verbatim.
        public init(parsing raw: String) {
            let key = raw.lowercased()
                .replacingOccurrences(of: "_", with: " ")
                .replacingOccurrences(of: "-", with: " ")
                .split(separator: " ").joined(separator: " ")
            switch key {
            case "active": self = .active
            case "inactive": self = .inactive
            case "without connection", "no connection", "disconnected": self = .withoutConnection
            default: self = .other(raw)
            }
        }
    }

    /// The chip the answer is about (`id`): must equal the chip asked for.
    public var chipID: ChipID
    /// The parsed state.
    public var state: State
    /// `status`, exactly as upstream sent it (quoted in replies).
    public var rawStatus: String
    /// `description`: the reason (e.g. `OK`, `chip blocked for lack of use`).
    public var description: String

    /// Creates a chip status; `rawStatus` is parsed into ``state``.
    public init(chipID: ChipID, rawStatus: String, description: String) {
        self.chipID = chipID
        self.state = State(parsing: rawStatus)
        self.rawStatus = rawStatus
        self.description = description
    }
}
