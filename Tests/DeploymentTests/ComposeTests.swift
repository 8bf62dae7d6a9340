import AutoResponderService
import Foundation
import Testing
import TestSupport
import Yams

/// docker-compose.yml gives the dispatcher and the workers only variables the service reads.
@Suite struct ComposeTests {
    @Test func composeSetsOnlyWhatTheServiceReads() throws {
        let text = try String(
            contentsOf: TestEnvironment.repositoryRoot.appendingPathComponent("docker-compose.yml"), encoding: .utf8)
        let compose = try #require(try Yams.load(yaml: text) as? [String: Any])
        let services = compose["services"] as? [String: Any] ?? [:]
        for name in ["dispatcher", "worker"] {
            let environment = Manifests.value(services, "\(name).environment") as? [String: Any] ?? [:]
            #expect(!environment.isEmpty, "\(name) has no environment")
            let unknown = Set(environment.keys).subtracting(try ServiceEnvironment.names(configDirectory: TestEnvironment.repositoryRoot.appendingPathComponent("config")))
            #expect(unknown.isEmpty, "compose's \(name) sets variables the service never reads: \(unknown.sorted())")
        }
    }
}
