/// Maps resolver names to resolver types: the code side of routing.
///
/// `ResolverRegistry.standard` (module `Resolvers`) registers the built-in resolvers. Building the
/// resolvers for a ``RoutingConfiguration`` checks that every name it uses is registered, so a typo in
/// `config/routing.yaml` stops the service at start-up with a clear error.
public struct ResolverRegistry: Sendable {
    /// Creates a resolver from its context.
    public typealias Factory = @Sendable (ResolverContext) throws -> any Resolver

    struct Entry: Sendable {
        let factory: Factory
        let templateNames: [String]
        let sources: [SourceRequirement]
    }

    private var entries: [String: Entry] = [:]

    /// An empty registry.
    public init() {}

    /// Registers `type` under `type.name` (a later registration of the same name replaces it).
    public mutating func register<R: Resolver>(_ type: R.Type) {
        entries[R.name] = Entry(factory: { try R(context: $0) }, templateNames: R.templateNames, sources: R.sources)
    }

    /// A copy with `type` registered.
    public func registering<R: Resolver>(_ type: R.Type) -> ResolverRegistry {
        var copy = self
        copy.register(type)
        return copy
    }

    /// The registered names, sorted.
    public var names: [String] { entries.keys.sorted() }

    /// Whether `name` is registered.
    public func contains(_ name: String) -> Bool { entries[name] != nil }

    /// Creates the resolvers that `configuration` uses (its resolvers and its fallback), each with its
    /// options.
    /// - Throws: ``ConfigurationError`` (`unknownResolver`) if the configuration names a resolver that
    ///   is not registered; (`missingSource`) if one of them needs a data source that `dependencies`
    ///   lack; the resolver's own error if its options are invalid.
    public func makeResolvers(
        for configuration: RoutingConfiguration, dependencies: ResolverDependencies
    ) throws -> ResolverSet {
        let wanted = Set(configuration.resolvers.map(\.name)).union([configuration.fallback])
        let unknown = wanted.filter { entries[$0] == nil }.sorted()
        guard unknown.isEmpty else {
            throw ConfigurationError(
                code: .unknownResolver,
                message: "routing configuration names \(unknown.joined(separator: ", ")), which no code "
                    + "registered (registered: \(names.joined(separator: ", "))); fix the name in "
                    + "config/routing.yaml or register the resolver")
        }
        var resolvers: [String: any Resolver] = [:]
        var templates: Set<String> = []
        for name in wanted.sorted() {
            guard let entry = entries[name] else { continue }
            let missing = entry.sources.filter { !dependencies.sources.satisfies($0) }
            guard missing.isEmpty else {
                let error = ConfigurationError.missingSources(missing, configured: dependencies.sources.names)
                throw ConfigurationError(code: error.code, message: "resolver `\(name)` \(error.message)")
            }
            let options = configuration.resolvers.first { $0.name == name }?.options ?? ResolverOptions()
            do {
                resolvers[name] = try entry.factory(ResolverContext(dependencies: dependencies, options: options))
            } catch let error as ConfigurationError {
                throw ConfigurationError(code: error.code, message: "resolver `\(name)`: \(error.message)")
            }
            templates.formUnion(entry.templateNames)
        }
        return ResolverSet(resolvers: resolvers, templateNames: templates)
    }
}

/// The resolvers built for a configuration, by name.
public struct ResolverSet: Sendable {
    private let resolvers: [String: any Resolver]
    /// Every template these resolvers may use (plus the hand-off template).
    public let templateNames: Set<String>

    init(resolvers: [String: any Resolver], templateNames: Set<String>) {
        self.resolvers = resolvers
        self.templateNames = templateNames.union([HandOffDecision.defaultTemplate])
    }

    /// The resolver named `name`, if built.
    public subscript(name: String) -> (any Resolver)? { resolvers[name] }

    /// The names of the built resolvers, sorted.
    public var names: [String] { resolvers.keys.sorted() }
}
