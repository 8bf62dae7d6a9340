import AutoResponderCore
import Foundation
import MaintenanceResolver
import Testing

/// The replies the repository's `maintenance` templates make of each branch's facts, in English and
/// Portuguese.
@Suite struct MaintenanceTemplateTests {
    let renderer: ReplyRenderer

    init() throws {
        let configuration = try ResponderConfiguration.load(directory: repositoryConfig)
        renderer = ReplyRenderer(templates: configuration.templates, languages: configuration.languages, timeZone: saoPaulo)
    }

    func reply(_ source: FakeMaintenanceSource, sales: [Sale] = [sale("34853")], language: Language = .english)
        async throws -> String
    {
        let context = ResolverContext(dependencies: dependencies(FakeMerchants(sales: sales), source))
        let resolution = try await MaintenanceResolver(context: context).resolve(request())
        return try renderer.render(resolution, language: language)
    }

    @Test func aNewOrder() async throws {
        let english = try await reply(FakeMaintenanceSource(warranties: ["34853": (true, "2022-02-08")]))
        #expect(english.hasPrefix("Hi! Sorry your card machine is giving you trouble."))
        #expect(english.contains("Machine of sale 34853"))
        #expect(english.contains("- Warranty: covered until Feb 8, 2022"))
        #expect(english.contains("- We opened service order SO-101 for it (status: open)."))
        #expect(english.contains("keep the service order number"))
        let portuguese = try await reply(FakeMaintenanceSource(warranties: ["34853": (true, "2022-02-08")]), language: Language("pt-BR"))
        #expect(portuguese.contains("Garantia: coberta até 08/02/2022"))
        #expect(portuguese.contains("Abrimos a ordem de serviço SO-101"))
    }

    @Test func anOpenOrderAndAQuote() async throws {
        let open = try await reply(
            FakeMaintenanceSource(
                warranties: ["34853": (true, nil)],
                orders: ["34853": [["order_id": "SO-77", "status": "in repair", "opened_at": "2021-12-20"]]]))
        #expect(open.contains("- Service order SO-77 is already open: in repair (opened on Dec 20, 2021)"))
        #expect(!open.contains("We opened"))
        let quote = try await reply(FakeMaintenanceSource(warranties: ["34853": (false, "2021-08-09")]))
        #expect(quote.contains("- Warranty: expired on Aug 9, 2021"))
        #expect(quote.contains("send you a quote"))
        #expect(!quote.contains("keep the service order number"))
    }

    @Test func handOffs() async throws {
        let unknown = try await reply(FakeMaintenanceSource())
        #expect(unknown == "Hi! We couldn't find the maintenance records of your card machine (sale 34853), so a person from our support team will check it and follow up with you right here.")
        let none = try await reply(FakeMaintenanceSource(), sales: [sale("34860", status: "in progress")])
        #expect(none.contains("couldn't find a delivered card machine"))
        let several = try await reply(
            FakeMaintenanceSource(warranties: ["34853": (false, "2021-08-09"), "34854": (true, "2022-12-01")]),
            sales: [sale("34853"), sale("34854", daysAgo: 10)], language: Language("pt-BR"))
        #expect(several.contains("Você tem mais de uma maquininha"))
        #expect(several.contains("Maquininha da venda 34854"))
        #expect(several.contains("Maquininha da venda 34853"))
        #expect(several.contains("qual maquininha está com problema"))
        print(several)
    }
}

extension MaintenanceTemplateTests {
    @Test func theClarifyingQuestionNamesTheTopic() throws {
        let facts: Facts = ["options": .list([["telecom": true, "name": "telecom"], ["maintenance": true, "name": "maintenance"]])]
        let english = try renderer.render(template: "clarify", facts: facts, language: .english)
        #expect(english.contains("your machine's chip and its signal or a fault of your card machine"))
        let portuguese = try renderer.render(template: "clarify", facts: facts, language: Language("pt-BR"))
        #expect(portuguese.contains("ou um defeito da sua maquininha"))
    }
}
