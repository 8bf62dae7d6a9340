/// The simulator could not start or was given a bad setting.
public struct SimulatorError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure; an open set of codes.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// A knob is out of range, of the wrong type, or unknown.
        public static let invalidKnob = Code("invalid knob")
        /// The server could not start.
        public static let server = Code("server")
        /// The code's name.
        public var description: String { name }
    }

    /// What kind of failure.
    public var code: Code
    /// What failed and what to do.
    public var message: String

    /// An error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `<code>: <message>`.
    public var description: String { "\(code): \(message)" }
}
