import AutoResponderCore
import Foundation
import Testing

@testable import Resolvers

@Suite struct TelecomResolverTests {
    let merchant = "530364"

    func status(_ chip: String, _ raw: String, _ description: String) -> ChipStatus {
        ChipStatus(chipID: try! ChipID(chip), rawStatus: raw, description: description)
    }

    func resolve(_ merchants: InMemoryMerchantRepository, _ telecom: FakeTelecom) async throws -> Resolution {
        try await TelecomResolver(context: ResolverContext(dependencies: dependencies(merchants: merchants, telecom: telecom)))
            .resolve(request(merchant: merchant, resolver: "telecom"))
    }

    func oneChip(_ chip: String = "CHIP37649") -> InMemoryMerchantRepository {
        InMemoryMerchantRepository(sales: [sale("34853", merchant: merchant, chip: chip, at: "2021-02-01T12:00:00-03:00", status: "done")])
    }

    @Test(arguments: [
        ("active", "OK", "isActive", ["CHIP37649", "active", "OK", "restart"]),
        ("inactive", "chip blocked for lack of use", "isInactive", ["CHIP37649", "inactive", "chip blocked for lack of use", "activate"]),
        ("without connection", "no signal in the area", "isWithoutConnection", ["CHIP37649", "without connection", "no signal in the area", "restart", "coverage"]),
        ("suspended by carrier", "fraud check", "isOtherStatus", ["CHIP37649", "\"suspended by carrier\"", "fraud check"]),
    ])
    func everyChipStateGivesStatusReasonAndANextStep(_ raw: String, description: String, flag: String, facts: [String]) async throws {
        let telecom = FakeTelecom(statuses: [try ChipID("CHIP37649"): status("CHIP37649", raw, description)])
        let resolution = try await resolve(oneChip(), telecom)
        let chip = try #require(resolution.replyFacts?["chips"]?.list?.first)
        #expect(chip[flag] == true)
        #expect(chip["status"] == .text(raw))
        let text = try repositoryRenderer().render(resolution, language: .english)
        for fact in facts { #expect(text.contains(fact), "missing \(fact) in:\n\(text)") }
        let portuguese = try repositoryRenderer().render(resolution, language: .portuguese)
        #expect(portuguese.contains("Chip CHIP37649: \(raw)"))
        #expect(portuguese.contains(description))
    }

    @Test func everyDistinctChipLatestSaleFirstAndUnknownChipsListed() async throws {
        let merchants = InMemoryMerchantRepository(sales: [
            sale("1", merchant: merchant, chip: "CHIP1", at: "2021-01-01T12:00:00-03:00", status: "done"),
            sale("2", merchant: merchant, chip: "CHIP2", at: "2021-06-01T12:00:00-03:00", status: "done"),
            sale("3", merchant: merchant, chip: "CHIP2", at: "2021-07-01T12:00:00-03:00", status: "done"),
            sale("4", merchant: merchant, chip: nil, at: "2021-08-01T12:00:00-03:00", status: "done"),
            sale("5", merchant: merchant, chip: "CHIP3", at: "2021-05-01T12:00:00-03:00", status: "done"),
        ])
        let telecom = FakeTelecom(statuses: [
            try ChipID("CHIP1"): status("CHIP1", "active", "OK"),
            try ChipID("CHIP2"): status("CHIP2", "inactive", "cancelled by the operator"),
        ])
        let resolution = try await resolve(merchants, telecom)
        let facts = try #require(resolution.replyFacts)
        #expect(facts["chips"]?.list?.compactMap { $0["chipID"]?.text } == ["CHIP2", "CHIP1"])
        #expect(facts["unknownChips"]?.list?.compactMap { $0["chipID"]?.text } == ["CHIP3"])
        #expect(Set(telecom.askedChips.all.map(\.rawValue)) == ["CHIP1", "CHIP2", "CHIP3"])
        #expect(telecom.askedChips.all.count == 3)
        let text = try repositoryRenderer().render(resolution, language: .english)
        #expect(text.contains("chips:"))
        #expect(text.contains("could not find chip CHIP3"))
    }

    @Test func everyChipUnknownAtTheOperatorIsHandedOffNamingTheChips() async throws {
        let merchants = InMemoryMerchantRepository(sales: [
            sale("1", merchant: merchant, chip: "CHIP1", at: "2021-01-01T12:00:00-03:00", status: "done"),
            sale("2", merchant: merchant, chip: "CHIP2", at: "2021-06-01T12:00:00-03:00", status: "done"),
        ])
        let resolution = try await resolve(merchants, FakeTelecom())
        #expect(resolution.handOffReason == .missingData)
        let english = try repositoryRenderer().render(resolution, language: .english)
        #expect(english.contains("(CHIP2, CHIP1)"))
        #expect(english.contains("a person"))
        let portuguese = try repositoryRenderer().render(resolution, language: .portuguese)
        #expect(portuguese.contains("(CHIP2, CHIP1)"))
        #expect(portuguese.contains("uma pessoa"))
    }

    @Test func noSalesOrNoChipsAreHandedOff() async throws {
        #expect(try await resolve(InMemoryMerchantRepository(), FakeTelecom()).handOffReason == .noMerchantData)
        let withoutChip = InMemoryMerchantRepository(sales: [sale("1", merchant: merchant, at: "2021-01-01T12:00:00-03:00", status: "done")])
        #expect(try await resolve(withoutChip, FakeTelecom()).handOffReason == .missingData)
    }

    @Test func upstreamFailuresAreThrown() async throws {
        await #expect(throws: UpstreamError.self) { try await resolve(oneChip(), FakeTelecom(failure: unavailable)) }
        await #expect(throws: UpstreamError.self) {
            try await resolve(InMemoryMerchantRepository(failure: unavailable), FakeTelecom())
        }
    }

    @Test func anotherChipsStatusIsRejected() async throws {
        let telecom = FakeTelecom(statuses: [try ChipID("CHIP37649"): status("CHIP37648", "active", "OK")])
        do {
            _ = try await resolve(oneChip(), telecom)
            Issue.record("another chip's status was used")
        } catch let error as UpstreamError {
            #expect(error.code == .mismatchedData)
        }
    }

    @Test func anotherMerchantsChipIsNeverAsked() async throws {
        let leaky = InMemoryMerchantRepository(
            sales: [
                sale("1", merchant: merchant, chip: "CHIP37649", at: "2021-01-01T12:00:00-03:00", status: "done"),
                sale("2", merchant: "384923", chip: "CHIP37648", at: "2021-12-01T12:00:00-03:00", status: "in progress"),
            ], ignoresMerchant: true)
        let telecom = FakeTelecom()
        await #expect(throws: UpstreamError.self) { try await resolve(leaky, telecom) }
        #expect(telecom.askedChips.all.isEmpty)
    }
}

@Suite struct ResolverOptionsValidationTests {
    @Test func invalidOptionsAreConfigurationErrors() {
        let zero = ResolverOptions(["max_concurrent_lookups": .integer(0)])
        #expect(throws: ConfigurationError.self) { try TelecomResolver(context: ResolverContext(dependencies: dependencies(), options: zero)) }
        #expect(throws: ConfigurationError.self) { try LogisticsResolver(context: ResolverContext(dependencies: dependencies(), options: zero)) }
        let wrongType = ResolverOptions(["settled_statuses": .integer(1), "success_statuses": .bool(true)])
        #expect(throws: ConfigurationError.self) { try LogisticsResolver(context: ResolverContext(dependencies: dependencies(), options: wrongType)) }
        #expect(throws: ConfigurationError.self) { try ReceiptResolver(context: ResolverContext(dependencies: dependencies(), options: wrongType)) }
    }
}
