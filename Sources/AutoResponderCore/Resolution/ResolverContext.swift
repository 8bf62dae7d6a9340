import Foundation
import Logging

/// What every resolver may use: the ports, the business time zone and a logger.
public struct ResolverDependencies: Sendable {
    /// The business database.
    public var merchants: any MerchantRepository
    /// The logistics API.
    public var logistics: any LogisticsPort
    /// The telecom API.
    public var telecom: any TelecomPort
    /// The data sources configured in `config/sources.yaml` (resolvers declare which they need).
    public var sources: DataSources
    /// The zone of "the previous day" (`BUSINESS_TIMEZONE`, default `America/Sao_Paulo`).
    public var businessTimeZone: TimeZone
    /// The parent logger.
    public var logger: Logger

    /// Creates the dependencies.
    public init(
        merchants: any MerchantRepository, logistics: any LogisticsPort, telecom: any TelecomPort,
        sources: DataSources = DataSources(), businessTimeZone: TimeZone, logger: Logger
    ) {
        self.merchants = merchants
        self.logistics = logistics
        self.telecom = telecom
        self.sources = sources
        self.businessTimeZone = businessTimeZone
        self.logger = logger
    }
}

/// What one resolver is created with: the shared dependencies and its own options from
/// `config/routing.yaml`.
public struct ResolverContext: Sendable {
    /// The shared dependencies.
    public var dependencies: ResolverDependencies
    /// This resolver's `options:` from the routing configuration.
    public var options: ResolverOptions

    /// Creates a context.
    public init(dependencies: ResolverDependencies, options: ResolverOptions = ResolverOptions()) {
        self.dependencies = dependencies
        self.options = options
    }

    /// The business database.
    public var merchants: any MerchantRepository { dependencies.merchants }
    /// The logistics API.
    public var logistics: any LogisticsPort { dependencies.logistics }
    /// The telecom API.
    public var telecom: any TelecomPort { dependencies.telecom }
    /// The business time zone.
    public var businessTimeZone: TimeZone { dependencies.businessTimeZone }

    /// The JSON API named `name` (one of the resolver's ``Resolver/sources``).
    /// - Throws: ``ConfigurationError`` (`missingSource`) when `config/sources.yaml` does not define it.
    public func jsonSource(_ name: String) throws(ConfigurationError) -> any JSONSource {
        guard let source = dependencies.sources.jsonSource(name) else {
            throw ConfigurationError.missingSources([.jsonAPI(name)], configured: dependencies.sources.names)
        }
        return source
    }
    /// The logger.
    public var logger: Logger { dependencies.logger }
}
