import AutoResponderCore
import Testing

@testable import Resolvers

@Suite struct HandOffResolverTests {
    @Test func handsOffWithTheUnknownSubjectReason() async throws {
        let resolver = HandOffResolver(context: ResolverContext(dependencies: dependencies()))
        var asked = request(merchant: "1", resolver: "handoff")
        asked.subject = "weird label"
        asked.route = RouteDecision(resolver: "handoff", reason: .fallback)
        let resolution = try await resolver.resolve(asked)
        #expect(resolution.handOffReason == .unknownSubject)
        guard case .handOff(let decision) = resolution else { return }
        #expect(decision.detail.contains("weird label"))
        let text = try repositoryRenderer().render(resolution, language: .english)
        #expect(text.contains("a person"))
        let portuguese = try repositoryRenderer().render(resolution, language: .portuguese)
        #expect(portuguese.contains("uma pessoa"))
    }
}
