import Foundation

/// Where one data source lives (an entry of `config/sources.yaml`). Only names of environment
/// variables and defaults are here: the service reads the variables at start-up, so a deployment
/// moves a source without touching the file.
public struct SourceDefinition: Hashable, Sendable {
    /// The source's name (the key in the file, e.g. `maintenance`): what resolvers ask for, and the
    /// `api` label of its metrics.
    public var name: String
    /// Its kind (`kind:`, default `http`).
    public var kind: DataSourceKind
    /// The environment variable with its base URL (`url_env:`, e.g. `MAINTENANCE_API_URL`).
    public var urlVariable: String
    /// The base URL when that variable is unset (`default_url:`); none: the variable is required.
    public var defaultURL: String?
    /// The environment variable with the value of its `authorization` header (`token_env:`, default
    /// `API_TOKEN`).
    public var tokenVariable: String
    /// The total timeout of one request (`timeout_ms:`); none: `HTTP_TIMEOUT_MS`.
    public var timeout: Duration?
    /// The environment variable with its client-side rate limit in requests per second per process
    /// (`rate_env:`, e.g. `MAINTENANCE_API_RATE`); none, or the variable unset: no limit.
    public var rateVariable: String?

    /// Creates a definition.
    public init(
        name: String, kind: DataSourceKind = .jsonAPI, urlVariable: String, defaultURL: String? = nil,
        tokenVariable: String = "API_TOKEN", timeout: Duration? = nil, rateVariable: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.urlVariable = urlVariable
        self.defaultURL = defaultURL
        self.tokenVariable = tokenVariable
        self.timeout = timeout
        self.rateVariable = rateVariable
    }
}

/// `config/sources.yaml`: the data sources that resolvers bring along, by name. The service builds
/// every one of them once at start-up, each with the same guarantees as the built-in APIs.
public struct SourcesConfiguration: Hashable, Sendable {
    /// The definitions, sorted by name.
    public private(set) var sources: [SourceDefinition]

    /// Creates a configuration (definitions sorted by name).
    public init(sources: [SourceDefinition] = []) {
        self.sources = sources.sorted { $0.name < $1.name }
    }

    /// The definition named `name`, if any.
    public subscript(name: String) -> SourceDefinition? { sources.first { $0.name == name } }

    /// The file's name in the configuration directory.
    public static let fileName = "sources.yaml"

    /// Reads `config/sources.yaml`; a missing file defines no source.
    /// - Throws: ``ConfigurationError`` if the file is not YAML or not the documented shape.
    public static func load(contentsOf file: URL) throws(ConfigurationError) -> SourcesConfiguration {
        guard FileManager.default.fileExists(atPath: file.path) else { return SourcesConfiguration() }
        return try parse(yaml: ConfigurationFile.read(file), source: file.path)
    }

    /// Parses the YAML text of a sources configuration.
    /// - Throws: ``ConfigurationError`` naming the entry and the key at fault.
    public static func parse(yaml: String, source: String = fileName) throws(ConfigurationError)
        -> SourcesConfiguration
    {
        let file = try ConfigurationFile.decode(FileFormat.self, from: yaml, source: source)
        var definitions: [SourceDefinition] = []
        for (name, entry) in (file.sources ?? [:]).sorted(by: { $0.key < $1.key }) {
            definitions.append(try entry.definition(name: name, source: source))
        }
        return SourcesConfiguration(sources: definitions)
    }

    private struct FileFormat: Decodable {
        let sources: [String: Entry]?
    }

    private struct Entry: Decodable {
        let kind: String?
        let urlEnv: String
        let defaultURL: String?
        let tokenEnv: String?
        let timeoutMs: Int?
        let rateEnv: String?

        enum CodingKeys: String, CodingKey {
            case kind, urlEnv = "url_env", defaultURL = "default_url", tokenEnv = "token_env"
            case timeoutMs = "timeout_ms", rateEnv = "rate_env"
        }

        func definition(name: String, source: String) throws(ConfigurationError) -> SourceDefinition {
            func invalid(_ message: String) -> ConfigurationError {
                ConfigurationError(code: .invalidValue, message: "\(source): source `\(name)`: \(message)")
            }
            guard Self.matches(name, first: "abcdefghijklmnopqrstuvwxyz", rest: "abcdefghijklmnopqrstuvwxyz0123456789_")
            else { throw invalid("a name is lowercase letters, digits and `_`, starting with a letter") }
            guard let kind = DataSourceKind.named(kind ?? "http") else {
                throw invalid("unknown kind `\(kind ?? "")` (kinds: http)")
            }
            for (key, variable) in [("url_env", urlEnv), ("token_env", tokenEnv), ("rate_env", rateEnv)] {
                if let variable, !Self.isVariableName(variable) {
                    throw invalid("`\(key)` must name an environment variable (A-Z, 0-9, _), got `\(variable)`")
                }
            }
            if let defaultURL, !(defaultURL.hasPrefix("http://") || defaultURL.hasPrefix("https://")) {
                throw invalid("`default_url` must be an http:// or https:// URL, got `\(defaultURL)`")
            }
            if let timeoutMs, !(10...300_000).contains(timeoutMs) {
                throw invalid("`timeout_ms` must be in 10...300000, got \(timeoutMs)")
            }
            return SourceDefinition(
                name: name, kind: kind, urlVariable: urlEnv, defaultURL: defaultURL,
                tokenVariable: tokenEnv ?? "API_TOKEN", timeout: timeoutMs.map { .milliseconds($0) },
                rateVariable: rateEnv)
        }

        static func isVariableName(_ text: String) -> Bool {
            matches(text, first: "ABCDEFGHIJKLMNOPQRSTUVWXYZ_", rest: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
        }

        static func matches(_ text: String, first: String, rest: String) -> Bool {
            guard let head = text.first, first.contains(head) else { return false }
            return text.dropFirst().allSatisfy { rest.contains($0) }
        }
    }
}
