import AutoResponderCore
import Foundation
import HTTP
import Logging

/// A JSON API of `config/sources.yaml` as the domain's ``JSONSource``: an ``UpstreamAPI`` of its own,
/// so it has what the built-in APIs have (its timeout, the job's retries, a circuit breaker, a rate
/// limit, 429 handling, and metrics labelled `api="<name>"`) with no code in the resolver.
struct UpstreamJSONSource: JSONSource {
    let api: UpstreamAPI

    var name: String { api.name }

    func post(_ path: String, body: [String: String], call: JSONCall) async throws(UpstreamError) -> Data? {
        try await api.post(path, body: body, notFoundIsNil: call.notFoundIsNil, idempotent: call.isIdempotent)
    }
}

extension DataSources {
    /// Names the built-in upstreams use in metrics and logs; a source may not take one.
    static let reservedNames: Set<String> = ["chats", "logistics", "telecom", "database"]

    /// Builds every source of `definitions`, once per process, over the shared HTTP `client`: each an
    /// ``UpstreamAPI`` with its own ``UpstreamGuard`` (the breaker policy of `configuration`, the rate
    /// of its `rate_env`), its URL and token read from the variables it names.
    /// - Throws: ``ServiceConfigurationError`` naming the variable that is missing or malformed, or a
    ///   source whose name is taken.
    static func make(
        _ definitions: SourcesConfiguration, configuration: ServiceConfiguration, client: HTTPClient, logger: Logger
    ) throws(ServiceConfigurationError) -> DataSources {
        let env = EnvironmentReader(configuration.environment)
        var sources = DataSources()
        for definition in definitions.sources {
            guard !reservedNames.contains(definition.name) else {
                throw ServiceConfigurationError(
                    variable: SourcesConfiguration.fileName,
                    message: "defines a source named `\(definition.name)`, the name of a built-in API: rename it")
            }
            guard definition.kind == .jsonAPI else {
                throw ServiceConfigurationError(
                    variable: SourcesConfiguration.fileName,
                    message: "source `\(definition.name)` has the kind \(definition.kind), which this service cannot build")
            }
            let url: String
            if let defaultURL = definition.defaultURL {
                url = env.string(definition.urlVariable, default: defaultURL)
            } else {
                url = try env.required(definition.urlVariable)
            }
            var rate: Double?
            if let variable = definition.rateVariable { rate = try env.rate(variable) }
            let api = UpstreamAPI(
                name: definition.name, baseURL: url, token: try env.required(definition.tokenVariable), client: client,
                guard: UpstreamGuard(
                    name: definition.name, breaker: configuration.breakerPolicy, ratePerSecond: rate, logger: logger),
                timeout: definition.timeout)
            sources.add(UpstreamJSONSource(api: api))
        }
        return sources
    }
}
