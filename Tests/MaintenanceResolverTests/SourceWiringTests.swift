import AutoResponderCore
import Foundation
import MaintenanceResolver
import Testing

/// What the core does with the sources a resolver declares: the registry refuses to build a resolver
/// whose source is not configured, and `config/sources.yaml` defines this one.
@Suite struct SourceWiringTests {
    @Test func theResolverDeclaresTheMaintenanceAPI() {
        #expect(MaintenanceResolver.sources == [.jsonAPI("maintenance")])
        #expect(MaintenanceResolver.templateNames == ["maintenance"])
    }

    @Test func startUpStopsWhenTheSourceIsNotConfigured() throws {
        let registry = ResolverRegistry().registering(MaintenanceResolver.self)
        let routing = RoutingConfiguration(fallback: "maintenance", resolvers: [.init(name: "maintenance")])
        do {
            _ = try registry.makeResolvers(for: routing, dependencies: dependencies(FakeMerchants(), nil))
            Issue.record("built without its source")
        } catch let error as ConfigurationError {
            #expect(error.code == .missingSource)
            #expect(error.message.contains("resolver `maintenance`"))
            #expect(error.message.contains("maintenance (http)"))
            #expect(error.message.contains("config/sources.yaml"))
        }
        let built = try registry.makeResolvers(
            for: routing, dependencies: dependencies(FakeMerchants(), FakeMaintenanceSource()))
        #expect(built.names == ["maintenance"])
        #expect(built.templateNames.contains("maintenance"))
    }

    @Test func theRepositoryConfigurationPlacesTheSource() throws {
        let configuration = try ResponderConfiguration.load(directory: repositoryConfig)
        let maintenance = try #require(configuration.sources["maintenance"])
        #expect(maintenance.kind == .jsonAPI)
        #expect(maintenance.urlVariable == "MAINTENANCE_API_URL")
        #expect(maintenance.rateVariable == "MAINTENANCE_API_RATE")
        #expect(maintenance.tokenVariable == "API_TOKEN")
        #expect(configuration.routing.resolvers.contains { $0.name == "maintenance" })
        for language in [Language.english, Language("pt-BR")] {
            #expect(configuration.templates.ownTemplateNames(for: language).contains("maintenance"))
        }
    }

    @Test func aSourcesFileWithMistakesIsRefusedWithTheEntryNamed() {
        for (yaml, fragment) in [
            ("sources:\n  Maint:\n    url_env: X_URL\n", "source `Maint`"),
            ("sources:\n  m:\n    kind: table\n    url_env: X_URL\n", "unknown kind"),
            ("sources:\n  m:\n    url_env: x-url\n", "url_env"),
            ("sources:\n  m:\n    url_env: X_URL\n    timeout_ms: 0\n", "timeout_ms"),
            ("sources:\n  m:\n    url_env: X_URL\n    default_url: ftp://x\n", "default_url"),
            ("sources:\n  m:\n    default_url: http://x\n", "not the documented shape"),
        ] {
            do {
                _ = try SourcesConfiguration.parse(yaml: yaml)
                Issue.record("accepted \(yaml)")
            } catch {
                #expect(error.message.contains(fragment), "\(error)")
            }
        }
        let parsed = try? SourcesConfiguration.parse(yaml: "sources:\n  m:\n    url_env: M_URL\n    timeout_ms: 1500\n")
        #expect(parsed?["m"]?.timeout == .milliseconds(1500))
        #expect(parsed?["m"]?.tokenVariable == "API_TOKEN")
    }
}

let repositoryConfig = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("config")
