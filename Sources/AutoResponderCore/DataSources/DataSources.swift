/// The data sources the service built from `config/sources.yaml`, by name: what resolvers ask their
/// ``ResolverContext`` for. Built once per process by the service (or by a test, over fakes).
public struct DataSources: Sendable {
    private var json: [String: any JSONSource]

    /// No sources.
    public init() {
        json = [:]
    }

    /// JSON APIs by name.
    public init(json: [String: any JSONSource]) {
        self.json = json
    }

    /// Adds (or replaces) the JSON API `source` under its name.
    public mutating func add(_ source: any JSONSource) {
        json[source.name] = source
    }

    /// A copy with `source` added.
    public func adding(_ source: any JSONSource) -> DataSources {
        var copy = self
        copy.add(source)
        return copy
    }

    /// The JSON API named `name`, if there is one.
    public func jsonSource(_ name: String) -> (any JSONSource)? { json[name] }

    /// Whether a source of `requirement`'s name and kind is here.
    public func satisfies(_ requirement: SourceRequirement) -> Bool {
        switch requirement.kind {
        case .jsonAPI: json[requirement.name] != nil
        default: false
        }
    }

    /// The names of every source, sorted.
    public var names: [String] { json.keys.sorted() }
}
