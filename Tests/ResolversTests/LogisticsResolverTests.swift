import AutoResponderCore
import Foundation
import Testing

@testable import Resolvers

@Suite struct LogisticsResolverTests {
    let merchant = "384923"
    let zip = try! ZipCode("31160550")
    let palmares = Address(
        zip: try! ZipCode("31160-550"), street: "Rua Professor Patrocínio Filho", neighborhood: "Palmares",
        city: "Belo Horizonte", state: "MG")

    func tracking(_ id: String, status: String = "On delivery route", forecast: String? = "01/12/2021", zip: String? = "31160550")
        -> TrackingInfo
    {
        TrackingInfo(
            saleID: try! SaleID(id), status: status, deliveryForecast: forecast, destinationZip: zip.map { try! ZipCode($0) })
    }

    func resolve(
        _ merchants: InMemoryMerchantRepository, _ logistics: FakeLogistics, options: ResolverOptions = .init()
    ) async throws -> Resolution {
        let resolver = try LogisticsResolver(
            context: ResolverContext(dependencies: dependencies(merchants: merchants, logistics: logistics), options: options))
        return try await resolver.resolve(request(merchant: merchant, resolver: "logistics"))
    }

    @Test func aSaleInDeliveryGivesTrackingAndTheFullAddress() async throws {
        let merchants = InMemoryMerchantRepository(sales: [
            sale("123456", merchant: merchant, at: "2021-12-01T12:00:00-03:00", status: "in progress", description: "in the delivery step")
        ])
        let logistics = FakeLogistics(trackings: [try SaleID("123456"): tracking("123456")], addresses: [zip: palmares])
        let resolution = try await resolve(merchants, logistics)
        let item = try #require(resolution.replyFacts?["sales"]?.list?.first)
        #expect(item["saleID"] == "123456")
        #expect(item["tracked"] == true)
        #expect(item["trackingStatus"] == "On delivery route")
        #expect(item["forecast"] == "01/12/2021")
        let address = try #require(item["address"]?.group)
        #expect(address["street"] == "Rua Professor Patrocínio Filho")
        #expect(address["neighborhood"] == "Palmares")
        #expect(address["city"] == "Belo Horizonte")
        #expect(address["state"] == "MG")
        #expect(address["zip"] == "31160-550")

        let renderer = try repositoryRenderer()
        let english = try renderer.render(resolution, language: .english)
        for fact in ["123456", "On delivery route", "01/12/2021", "Rua Professor Patrocínio Filho", "Palmares", "Belo Horizonte", "MG"] {
            #expect(english.contains(fact), "missing \(fact) in:\n\(english)")
        }
        let portuguese = try renderer.render(resolution, language: .portuguese)
        for fact in ["Venda 123456", "On delivery route", "Previsão de entrega: 01/12/2021", "Rua Professor Patrocínio Filho", "Belo Horizonte", "CEP 31160-550"] {
            #expect(portuguese.contains(fact), "missing \(fact) in:\n\(portuguese)")
        }
    }

    @Test func anUnknownZipStillGivesStatusAndForecast() async throws {
        let merchants = InMemoryMerchantRepository(sales: [
            sale("123458", merchant: merchant, at: "2021-12-07T17:30:00-03:00", status: "in progress")
        ])
        let logistics = FakeLogistics(trackings: [
            try SaleID("123458"): tracking("123458", status: "In transit between distribution centers", forecast: "01/03/2022", zip: "60811340")
        ])
        let resolution = try await resolve(merchants, logistics)
        let item = try #require(resolution.replyFacts?["sales"]?.list?.first)
        #expect(item["addressUnknown"] == true)
        #expect(item["address"] == nil)
        let text = try repositoryRenderer().render(resolution, language: .english)
        for fact in ["123458", "In transit between distribution centers", "01/03/2022", "60811-340"] {
            #expect(text.contains(fact), "missing \(fact) in:\n\(text)")
        }
    }

    @Test func aTrackingWithoutZipOrForecastSaysSo() async throws {
        let merchants = InMemoryMerchantRepository(sales: [sale("1", merchant: merchant, at: "2021-12-07T17:30:00-03:00", status: "in progress")])
        let logistics = FakeLogistics(trackings: [try SaleID("1"): tracking("1", status: "Awaiting pickup", forecast: nil, zip: nil)])
        let resolution = try await resolve(merchants, logistics)
        let text = try repositoryRenderer().render(resolution, language: .english)
        #expect(text.contains("Awaiting pickup"))
        #expect(text.contains("Delivery forecast: not available yet"))
        #expect(text.contains("this delivery"))
    }

    @Test func aSaleTheCarrierDoesNotKnowIsAnsweredFromTheDatabase() async throws {
        let merchants = InMemoryMerchantRepository(sales: [
            sale("123457", merchant: merchant, at: "2021-12-05T14:00:00-03:00", status: "in progress", description: "in the delivery step")
        ])
        let resolution = try await resolve(merchants, FakeLogistics())
        let item = try #require(resolution.replyFacts?["sales"]?.list?.first)
        #expect(item["trackingUnavailable"] == true)
        let text = try repositoryRenderer().render(resolution, language: .english)
        #expect(text.contains("123457"))
        #expect(text.contains("in progress (in the delivery step)"))
    }

    @Test(arguments: [("done", "delivered"), ("cancelled", "customer gave up"), ("Canceled", "duplicate order"), ("DELIVERED", "")])
    func settledSalesAreAnsweredFromTheDatabaseWithoutTracking(_ status: String, description: String) async throws {
        let merchants = InMemoryMerchantRepository(sales: [
            sale("34853", merchant: merchant, at: "2021-02-01T12:00:00-03:00", status: status, description: description)
        ])
        let logistics = FakeLogistics(trackings: [try SaleID("34853"): tracking("34853")])
        let resolution = try await resolve(merchants, logistics)
        let item = try #require(resolution.replyFacts?["sales"]?.list?.first)
        #expect(item["settled"] == true)
        #expect(item["tracked"] == nil)
        #expect(logistics.askedSales.all.isEmpty)
        let text = try repositoryRenderer().render(resolution, language: .english)
        #expect(text.contains("34853"))
        #expect(text.contains("Status: \(status)"))
        if !description.isEmpty { #expect(text.contains(description)) }
    }

    @Test func anUnknownSaleStatusIsTrackedAndQuoted() async throws {
        let merchants = InMemoryMerchantRepository(sales: [
            sale("9", merchant: merchant, at: "2021-12-05T14:00:00-03:00", status: "awaiting stock", description: "supplier delay")
        ])
        let resolution = try await resolve(merchants, FakeLogistics())
        let text = try repositoryRenderer().render(resolution, language: .english)
        #expect(text.contains("awaiting stock (supplier delay)"))
    }

    @Test func settledStatusesAreConfigurable() async throws {
        let merchants = InMemoryMerchantRepository(sales: [sale("9", merchant: merchant, at: "2021-12-05T14:00:00-03:00", status: "Returned to sender")])
        let logistics = FakeLogistics()
        let options = ResolverOptions(["settled_statuses": .strings(["returned to sender"])])
        let resolution = try await resolve(merchants, logistics, options: options)
        #expect(resolution.replyFacts?["sales"]?.list?.first?["settled"] == true)
        #expect(logistics.askedSales.all.isEmpty)
    }

    @Test func everySaleLatestFirst() async throws {
        let merchants = InMemoryMerchantRepository(sales: [
            sale("1", merchant: merchant, at: "2021-01-01T12:00:00-03:00", status: "done", description: "delivered"),
            sale("3", merchant: merchant, at: "2021-12-01T12:00:00-03:00", status: "in progress"),
            sale("2", merchant: merchant, at: "2021-06-01T12:00:00-03:00", status: "cancelled"),
        ])
        let logistics = FakeLogistics(trackings: [try SaleID("3"): tracking("3")], addresses: [zip: palmares])
        let resolution = try await resolve(merchants, logistics)
        let facts = try #require(resolution.replyFacts)
        #expect(facts["sales"]?.list?.compactMap { $0["saleID"]?.text } == ["3", "2", "1"])
        #expect(facts["multipleSales"] == true)
        let text = try repositoryRenderer().render(resolution, language: .english)
        let positions = ["Sale 3", "Sale 2", "Sale 1"].compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == 3 && positions == positions.sorted())
    }

    @Test func aMerchantWithoutSalesIsHandedOff() async throws {
        let merchants = InMemoryMerchantRepository(sales: [sale("1", merchant: "other", at: "2021-01-01T12:00:00-03:00", status: "in progress")])
        let resolution = try await resolve(merchants, FakeLogistics())
        #expect(resolution.handOffReason == .noMerchantData)
    }

    @Test func upstreamFailuresAreThrown() async throws {
        let merchants = InMemoryMerchantRepository(sales: [sale("123456", merchant: merchant, at: "2021-12-01T12:00:00-03:00", status: "in progress")])
        await #expect(throws: UpstreamError.self) {
            try await resolve(merchants, FakeLogistics(trackingFailure: unavailable))
        }
        let trackingOK = FakeLogistics(trackings: [try SaleID("123456"): tracking("123456")], addressFailure: unavailable)
        await #expect(throws: UpstreamError.self) { try await resolve(merchants, trackingOK) }
        var failing = merchants
        failing.failure = unavailable
        await #expect(throws: UpstreamError.self) { try await resolve(failing, FakeLogistics()) }
    }

    @Test func factsOfAnotherSaleOrMerchantAreRejected() async throws {
        let mine = sale("123456", merchant: merchant, at: "2021-12-01T12:00:00-03:00", status: "in progress")
        // The logistics API answers about another sale.
        let wrongTracking = FakeLogistics(trackings: [try SaleID("123456"): tracking("999999")])
        await #expect(throws: UpstreamError.self) {
            try await resolve(InMemoryMerchantRepository(sales: [mine]), wrongTracking)
        }
        // The zip code API answers about another zip code.
        let otherPlace = Address(zip: try ZipCode("01001-000"), street: "Praça da Sé", neighborhood: "Sé", city: "São Paulo", state: "SP")
        let wrongAddress = FakeLogistics(trackings: [try SaleID("123456"): tracking("123456")], addresses: [zip: otherPlace])
        await #expect(throws: UpstreamError.self) {
            try await resolve(InMemoryMerchantRepository(sales: [mine]), wrongAddress)
        }
        // A broken repository returns another merchant's sale.
        let leaky = InMemoryMerchantRepository(
            sales: [mine, sale("555", merchant: "530364", at: "2021-12-02T12:00:00-03:00", status: "done")], ignoresMerchant: true)
        do {
            _ = try await resolve(leaky, FakeLogistics())
            Issue.record("another merchant's sale was used")
        } catch let error as UpstreamError {
            #expect(error.code == .mismatchedData)
        }
    }
}
