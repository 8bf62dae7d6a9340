/// A world could not be read, written, generated or loaded into the database.
public struct WorldError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure; an open set of codes.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        /// A file could not be read or written.
        public static let io = Code("io")
        /// A file's content is not what was expected.
        public static let invalidData = Code("invalid data")
        /// A parameter is out of range.
        public static let invalidParameter = Code("invalid parameter")
        /// psql failed or could not be started.
        public static let database = Code("database")
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
