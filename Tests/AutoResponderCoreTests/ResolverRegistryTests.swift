import Foundation
import Logging
import Testing

@testable import AutoResponderCore

/// A resolver that answers a fixed reply, with an option.
struct EchoResolver: Resolver {
    static let name = "echo"
    static let templateNames = ["echo"]
    let greeting: String

    init(context: ResolverContext) throws {
        greeting = try context.options.strings("greeting")?.first ?? "hello"
    }

    func resolve(_ request: ResolutionRequest) async throws -> Resolution {
        .reply(template: "echo", facts: ["greeting": .text(greeting), "merchant": .text(request.merchantID.rawValue)])
    }
}

struct NoData: MerchantRepository, LogisticsPort, TelecomPort {
    func sales(of merchant: MerchantID) async throws -> [Sale] { [] }
    func latestReceipt(of merchant: MerchantID) async throws -> Receipt? { nil }
    func transactionTotal(of merchant: MerchantID, in range: Range<Date>) async throws -> TransactionTotal { .zero }
    func tracking(of sale: SaleID) async throws -> TrackingInfo? { nil }
    func address(of zip: ZipCode) async throws -> Address? { nil }
    func chipStatus(of chip: ChipID) async throws -> ChipStatus? { nil }
}

let noDependencies = ResolverDependencies(
    merchants: NoData(), logistics: NoData(), telecom: NoData(), businessTimeZone: saoPaulo,
    logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))

@Suite struct ResolverRegistryTests {
    @Test func buildsTheConfiguredResolversWithTheirOptions() async throws {
        let registry = ResolverRegistry().registering(EchoResolver.self)
        let configuration = RoutingConfiguration(
            fallback: "echo", resolvers: [.init(name: "echo", options: ResolverOptions(["greeting": .string("oi")]))])
        let resolvers = try registry.makeResolvers(for: configuration, dependencies: noDependencies)
        #expect(resolvers.names == ["echo"])
        #expect(resolvers.templateNames == ["echo", "handoff"])
        let resolver = try #require(resolvers["echo"])
        let request = ResolutionRequest(
            conversationID: try ConversationID("1"), merchantID: try MerchantID("42"), subject: "", messages: [],
            language: .english, route: RouteDecision(resolver: "echo", reason: .fallback), logger: noDependencies.logger)
        let resolution = try await resolver.resolve(request)
        #expect(resolution == .reply(template: "echo", facts: ["greeting": "oi", "merchant": "42"]))
    }

    @Test func aResolverNamedInTheConfigurationButNotRegisteredStopsStartUp() {
        let registry = ResolverRegistry().registering(EchoResolver.self)
        let configuration = RoutingConfiguration(fallback: "handoff", resolvers: [.init(name: "echo"), .init(name: "logistcs")])
        do {
            _ = try registry.makeResolvers(for: configuration, dependencies: noDependencies)
            Issue.record("unknown resolvers were accepted")
        } catch let error as ConfigurationError {
            #expect(error.code == .unknownResolver)
            #expect(error.message.contains("handoff, logistcs"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func invalidOptionsStopStartUpNamingTheResolver() {
        let registry = ResolverRegistry().registering(EchoResolver.self)
        let configuration = RoutingConfiguration(
            fallback: "echo", resolvers: [.init(name: "echo", options: ResolverOptions(["greeting": .integer(3)]))])
        do {
            _ = try registry.makeResolvers(for: configuration, dependencies: noDependencies)
            Issue.record("invalid options were accepted")
        } catch let error as ConfigurationError {
            #expect(error.message.contains("`echo`"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
