/// A failure of the console itself (not of a request): a template that does not parse, a server
/// that cannot start.
public struct ConsoleError: Error, CustomStringConvertible {
    /// What kind of failure (opaque, so that kinds can be added).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        /// A template of the module does not parse (a bug).
        public static let template = Code(name: "template")
        /// The server could not start or stopped.
        public static let server = Code(name: "server")
        /// The code's name.
        public var description: String { name }
    }

    /// The kind of failure.
    public let code: Code
    /// What failed.
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `console <code>: <message>`.
    public var description: String { "console \(code): \(message)" }
}
