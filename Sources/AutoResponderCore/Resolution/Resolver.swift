/// Answers one kind of problem (deliveries, chips, bank receipts, …) from facts looked up through
/// the ports of its ``ResolverContext``.
///
/// Adding a resolver: one new type conforming to this protocol, one `register` line in a
/// ``ResolverRegistry`` and its entry in `config/routing.yaml` (labels, keywords, options) plus its
/// templates under `config/templates/`. A resolver that needs a data source the core does not know
/// declares it in ``sources`` and its place in `config/sources.yaml` (docs/adding-a-resolver.md).
///
/// Contract:
/// - "not found" answers (`nil`, empty) are data: missing facts give a reply that says so, or a
///   ``Resolution/handOff(_:detail:facts:)``;
/// - failures of a port are thrown (``UpstreamError``): the worker retries, then hands off;
/// - facts whose ids differ from what was asked are rejected (thrown as `mismatchedData`), so that no
///   reply carries another merchant's data.
public protocol Resolver: Sendable {
    /// The name that `config/routing.yaml` uses for this resolver (e.g. `logistics`).
    static var name: String { get }

    /// The templates this resolver's replies may use (checked at start-up for the default language).
    static var templateNames: [String] { get }

    /// The data sources this resolver needs besides the ports of ``ResolverDependencies`` (none
    /// unless it says so); it gets them from ``ResolverContext/jsonSource(_:)``. Checked at start-up.
    static var sources: [SourceRequirement] { get }

    /// Creates the resolver with its dependencies and options.
    /// - Throws: ``ConfigurationError`` for invalid options.
    init(context: ResolverContext) throws

    /// Looks up the facts and decides the reply.
    /// - Throws: ``UpstreamError`` (or any error of a port) when an upstream failed.
    func resolve(_ request: ResolutionRequest) async throws -> Resolution
}

extension Resolver {
    /// No data sources of its own.
    public static var sources: [SourceRequirement] { [] }
}
