/// The kind of a data source: how the service reaches it and which handle a resolver gets.
/// Opaque, so that kinds can be added (a read-only table reader, for instance) without changing the
/// resolvers that use the existing ones.
public struct DataSourceKind: Hashable, Sendable, CustomStringConvertible {
    private let name: String
    private init(_ name: String) { self.name = name }

    /// A JSON-over-HTTP API: the handle is a ``JSONSource``; `kind: http` in `config/sources.yaml`.
    public static let jsonAPI = DataSourceKind("http")

    /// The kind as `config/sources.yaml` writes it (`http`).
    public var description: String { name }

    /// The kind written `name` in `config/sources.yaml`, if it is one the service can build.
    public static func named(_ name: String) -> DataSourceKind? {
        [jsonAPI].first { $0.name == name }
    }
}

/// A data source a resolver needs besides the ports every resolver has: its name in
/// `config/sources.yaml` and its kind. The service refuses to start when a resolver the routing
/// configuration uses needs a source that is not configured.
public struct SourceRequirement: Hashable, Sendable, CustomStringConvertible {
    /// The source's name in `config/sources.yaml` (letters, digits and `_`), e.g. `maintenance`.
    public let name: String
    /// What kind of source it must be.
    public let kind: DataSourceKind

    /// Creates a requirement.
    public init(name: String, kind: DataSourceKind) {
        self.name = name
        self.kind = kind
    }

    /// A JSON API named `name` (a ``JSONSource``).
    public static func jsonAPI(_ name: String) -> SourceRequirement {
        SourceRequirement(name: name, kind: .jsonAPI)
    }

    /// `maintenance (http)`.
    public var description: String { "\(name) (\(kind))" }
}
