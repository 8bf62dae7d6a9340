import AutoResponderCore
import Foundation
import Logging
import Testing

/// Where the repository's `config/` folder is.
let configDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Support.swift
    .deletingLastPathComponent()  // ResolversTests
    .deletingLastPathComponent()  // Tests
    .appendingPathComponent("config")

let saoPaulo = TimeZone(identifier: "America/Sao_Paulo")!
let quietLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

/// A date from an ISO 8601 string with offset, e.g. `2021-12-22T01:00:00-03:00`.
func instant(_ text: String) -> Date {
    guard let date = try? Date(text, strategy: .iso8601) else {
        Issue.record("bad test date \(text)")
        return Date(timeIntervalSince1970: 0)
    }
    return date
}

func sale(
    _ id: String, merchant: String, chip: String? = nil, at created: String, status: String,
    description: String? = nil
) -> Sale {
    try! Sale(
        idSale: id, merchantID: merchant, chipID: chip, createdAt: instant(created), status: status,
        description: description)
}

func money(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

/// The dependencies of resolvers over fakes.
func dependencies(
    merchants: InMemoryMerchantRepository = .init(), logistics: FakeLogistics = .init(),
    telecom: FakeTelecom = .init(), timeZone: TimeZone = saoPaulo
) -> ResolverDependencies {
    ResolverDependencies(
        merchants: merchants, logistics: logistics, telecom: telecom, sources: unknowingSources,
        businessTimeZone: timeZone, logger: quietLogger)
}

/// A request for `merchant` routed to `resolver`.
func request(merchant: String, resolver: String, texts: [String] = ["help"], language: Language = .english)
    -> ResolutionRequest
{
    ResolutionRequest(
        conversationID: try! ConversationID("1"), merchantID: try! MerchantID(merchant), subject: "",
        messages: texts.enumerated().map { index, text in
            ChatMessage(id: try! MessageID("1-\(index)"), text: text, createdAt: Date(timeIntervalSince1970: 1_640_197_668))
        },
        language: language, route: RouteDecision(resolver: resolver, reason: .label), logger: quietLogger)
}

/// The repository's configuration and a renderer over it.
func repositoryConfiguration() throws -> ResponderConfiguration {
    try ResponderConfiguration.load(directory: configDirectory)
}

func repositoryRenderer() throws -> ReplyRenderer {
    let configuration = try repositoryConfiguration()
    return ReplyRenderer(templates: configuration.templates, languages: configuration.languages, timeZone: saoPaulo)
}

extension Resolution {
    /// The reply's facts, or an issue if this is a hand-off.
    var replyFacts: Facts? {
        guard case .reply(let reply) = self else {
            Issue.record("expected a reply, got \(self)")
            return nil
        }
        return reply.facts
    }

    /// The hand-off reason, if this is a hand-off.
    var handOffReason: HandOffReason? {
        if case .handOff(let decision) = self { decision.reason } else { nil }
    }
}
