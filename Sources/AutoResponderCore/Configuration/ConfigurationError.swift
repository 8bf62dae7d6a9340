/// The configuration (config/ files, resolver registrations) is unusable: raised at start-up, so the
/// service refuses to start instead of answering wrongly.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong. Opaque, so that cases can be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// A configuration file or folder does not exist or cannot be read.
        public static let fileNotFound = Code("fileNotFound")
        /// A file is not valid YAML/Mustache, or not the documented shape.
        public static let invalidSyntax = Code("invalidSyntax")
        /// A value is out of range or contradicts another (e.g. one label mapped to two resolvers).
        public static let invalidValue = Code("invalidValue")
        /// The configuration names a resolver that no code registered.
        public static let unknownResolver = Code("unknownResolver")
        /// A template that a resolver needs is missing for the default language.
        public static let missingTemplate = Code("missingTemplate")
        /// A data source that a resolver needs is not in `config/sources.yaml` (or is of another kind).
        public static let missingSource = Code("missingSource")

        /// The code's name.
        public var description: String { name }
    }

    /// What was wrong.
    public let code: Code
    /// What failed and what to do.
    public let message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// Says what is wrong in the configuration and how to fix it.
    public var description: String { "configuration error (\(code)): \(message)" }
}

extension ConfigurationError {
    /// `requirements` are not among the `configured` sources.
    static func missingSources(_ requirements: [SourceRequirement], configured: [String]) -> ConfigurationError {
        ConfigurationError(
            code: .missingSource,
            message: "needs the data source\(requirements.count == 1 ? "" : "s") "
                + requirements.map(\.description).joined(separator: ", ")
                + ", which config/sources.yaml does not define (defined: "
                + (configured.isEmpty ? "none" : configured.joined(separator: ", "))
                + "); add an entry there (see config/README.md)")
    }
}
