import AutoResponderCore
import Foundation
import Testing

@testable import Resolvers

@Suite struct ReceiptResolverTests {
    func receipt(_ merchant: String, at created: String = "2021-12-22T01:00:00-03:00", status: String, description: String?, value: String)
        -> Receipt
    {
        Receipt(merchantID: try! MerchantID(merchant), createdAt: instant(created), status: status, description: description, value: money(value))
    }

    func transaction(_ merchant: String, at created: String, _ value: String) -> TransactionRow {
        TransactionRow(merchantID: try! MerchantID(merchant), createdAt: instant(created), value: money(value))
    }

    func resolve(_ merchants: InMemoryMerchantRepository, merchant: String, timeZone: TimeZone = saoPaulo) async throws -> Resolution {
        try await ReceiptResolver(context: ResolverContext(dependencies: dependencies(merchants: merchants, timeZone: timeZone)))
            .resolve(request(merchant: merchant, resolver: "receipt"))
    }

    @Test func theOriginalFailedReceiptMatchesItsDay() async throws {
        let merchants = InMemoryMerchantRepository(
            receipts: [receipt("558392", status: "failed", description: "bank's API is unavailable", value: "177.4")],
            transactions: [
                transaction("558392", at: "2021-12-21T13:00:00-03:00", "127.4"),
                transaction("558392", at: "2021-12-21T12:00:00-03:00", "50"),
                transaction("530364", at: "2021-12-21T12:00:00-03:00", "999"),
            ])
        let resolution = try await resolve(merchants, merchant: "558392")
        let facts = try #require(resolution.replyFacts)
        #expect(facts["matches"] == true)
        #expect(facts["isFailure"] == true)
        #expect(facts["transactionsTotal"]?.money == money("177.4"))
        #expect(facts["transactionCount"] == 2)
        #expect(merchants.askedRanges.all == [instant("2021-12-21T00:00:00-03:00")..<instant("2021-12-22T00:00:00-03:00")])

        let english = try repositoryRenderer().render(resolution, language: .english)
        for fact in ["failed", "bank's API is unavailable", "Value: R$ 177.40", "Dec 21, 2021: R$ 177.40 (2 transactions)", "matches"] {
            #expect(english.contains(fact), "missing \(fact) in:\n\(english)")
        }
        let portuguese = try repositoryRenderer().render(resolution, language: .portuguese)
        for fact in ["failed", "bank's API is unavailable", "Valor: R$ 177,40", "21/12/2021: R$ 177,40 (2 transações)", "confere"] {
            #expect(portuguese.contains(fact), "missing \(fact) in:\n\(portuguese)")
        }
    }

    @Test func theOriginalSuccessfulReceiptMatches() async throws {
        let merchants = InMemoryMerchantRepository(
            receipts: [receipt("384923", status: "success", description: "OK", value: "1240")],
            transactions: [
                transaction("384923", at: "2021-12-21T18:32:04-03:00", "390"),
                transaction("384923", at: "2021-12-21T19:01:04-03:00", "455"),
                transaction("384923", at: "2021-12-21T20:01:04-03:00", "395"),
            ])
        let resolution = try await resolve(merchants, merchant: "384923")
        let text = try repositoryRenderer().render(resolution, language: .english)
        for fact in ["Status: success (OK)", "Value: R$ 1,240.00", "R$ 1,240.00 (3 transactions)", "matches", "went through"] {
            #expect(text.contains(fact), "missing \(fact) in:\n\(text)")
        }
        #expect(!text.contains("does not match"))
    }

    @Test func aMismatchIsSaidWithBothValues() async throws {
        let merchants = InMemoryMerchantRepository(
            receipts: [receipt("1", status: "success", description: "OK", value: "1240")],
            transactions: [transaction("1", at: "2021-12-21T10:00:00-03:00", "1000")])
        let resolution = try await resolve(merchants, merchant: "1")
        let facts = try #require(resolution.replyFacts)
        #expect(facts["mismatch"] == true)
        #expect(facts["difference"]?.money == money("240"))
        #expect(facts["singleTransaction"] == true)
        let text = try repositoryRenderer().render(resolution, language: .english)
        for fact in ["(R$ 1,240.00) does not match", "(R$ 1,000.00)", "difference of R$ 240.00", "1 transaction)"] {
            #expect(text.contains(fact), "missing \(fact) in:\n\(text)")
        }
    }

    @Test func aReceiptWithNoTransactionsTheDayBeforeIsAMismatch() async throws {
        let merchants = InMemoryMerchantRepository(receipts: [receipt("1", status: "success", description: nil, value: "10")])
        let resolution = try await resolve(merchants, merchant: "1")
        let text = try repositoryRenderer().render(resolution, language: .english)
        #expect(text.contains("R$ 0.00 (0 transactions)"))
        #expect(text.contains("does not match"))
    }

    @Test func transactionsNearMidnightCountOnTheirOwnDay() async throws {
        let merchants = InMemoryMerchantRepository(
            receipts: [receipt("1", status: "success", description: "OK", value: "3")],
            transactions: [
                transaction("1", at: "2021-12-20T23:59:59-03:00", "100"),  // the day before: out
                transaction("1", at: "2021-12-21T00:00:00-03:00", "1"),  // first instant: in
                TransactionRow(  // last millisecond: in
                    merchantID: try MerchantID("1"), createdAt: instant("2021-12-22T00:00:00-03:00").addingTimeInterval(-0.001),
                    value: 2),
                transaction("1", at: "2021-12-22T00:00:00-03:00", "200"),  // the receipt's own day: out
            ])
        let facts = try #require(try await resolve(merchants, merchant: "1").replyFacts)
        #expect(facts["transactionsTotal"]?.money == money("3"))
        #expect(facts["matches"] == true)
    }

    @Test func theDayIsTheBusinessTimeZones() async throws {
        // 22:00 on the 21st in São Paulo is 01:00 on the 22nd in UTC.
        let merchants = InMemoryMerchantRepository(
            receipts: [receipt("1", at: "2021-12-22T12:00:00-03:00", status: "success", description: "OK", value: "5")],
            transactions: [transaction("1", at: "2021-12-21T22:00:00-03:00", "5")])
        let inSaoPaulo = try #require(try await resolve(merchants, merchant: "1").replyFacts)
        #expect(inSaoPaulo["matches"] == true)
        let inUTC = try #require(try await resolve(merchants, merchant: "1", timeZone: TimeZone(identifier: "UTC")!).replyFacts)
        #expect(inUTC["mismatch"] == true)
    }

    @Test func theLatestReceiptIsUsed() async throws {
        let merchants = InMemoryMerchantRepository(receipts: [
            receipt("1", at: "2021-12-20T01:00:00-03:00", status: "failed", description: "old", value: "1"),
            receipt("1", at: "2021-12-22T01:00:00-03:00", status: "success", description: "new", value: "2"),
        ])
        let facts = try #require(try await resolve(merchants, merchant: "1").replyFacts)
        #expect(facts["description"] == "new")
    }

    @Test func anUnknownStatusIsQuoted() async throws {
        let merchants = InMemoryMerchantRepository(receipts: [receipt("1", status: "processing", description: "waiting for the bank", value: "0")])
        let resolution = try await resolve(merchants, merchant: "1")
        #expect(resolution.replyFacts?["isOtherStatus"] == true)
        let text = try repositoryRenderer().render(resolution, language: .english)
        #expect(text.contains("\"processing\" (waiting for the bank)"))
    }

    @Test func noReceiptIsHandedOff() async throws {
        let merchants = InMemoryMerchantRepository(receipts: [receipt("2", status: "success", description: "OK", value: "1")])
        #expect(try await resolve(merchants, merchant: "1").handOffReason == .noMerchantData)
    }

    @Test func upstreamFailuresAndAnotherMerchantsReceiptAreThrown() async throws {
        await #expect(throws: UpstreamError.self) {
            try await resolve(InMemoryMerchantRepository(failure: unavailable), merchant: "1")
        }
        let leaky = InMemoryMerchantRepository(
            receipts: [receipt("2", status: "success", description: "OK", value: "1")], ignoresMerchant: true)
        await #expect(throws: UpstreamError.self) { try await resolve(leaky, merchant: "1") }
    }
}
