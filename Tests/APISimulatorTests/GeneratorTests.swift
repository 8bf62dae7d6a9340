import CivilTime
import Foundation
import Testing
import World

/// The world generator: deterministic, and with the cases the service must handle.
@Suite struct GeneratorTests {
    static let world = try! WorldGenerator.generate(.init(seed: 42, merchants: 600))

    @Test func theSameSeedGivesTheSameBytesAndAnotherSeedAnotherWorld() throws {
        let parameters = WorldGenerator.Parameters(seed: 42, merchants: 600)
        let first = try WorldFile.encode(try WorldGenerator.generate(parameters))
        let second = try WorldFile.encode(try WorldGenerator.generate(parameters))
        #expect(first == second)
        #expect(try WorldFile.decode(first) == Self.world)
        let other = try WorldFile.encode(try WorldGenerator.generate(.init(seed: 43, merchants: 600)))
        #expect(other != first)
        let csv = WorldCSV.contents(of: try WorldGenerator.generate(parameters)).map(\.1)
        #expect(csv == WorldCSV.contents(of: Self.world).map(\.1))
    }

    @Test func aWorldSurvivesItsJSONFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("world-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try WorldFile.write(Self.world, to: directory)
        #expect(try WorldFile.read(from: directory) == Self.world)
    }

    @Test func merchantsHaveOneToThreeSalesAChipPerSaleAndSomeHaveNone() {
        let world = Self.world
        let salesPerMerchant = Dictionary(grouping: world.sales, by: \.merchantId).mapValues(\.count)
        #expect(salesPerMerchant.values.allSatisfy { (1...3).contains($0) })
        #expect(Set(salesPerMerchant.values) == [1, 2, 3])
        #expect(world.merchantIds.count == 600)
        #expect(world.merchantIds.contains { salesPerMerchant[$0] == nil }, "merchants absent from the database")
        let statuses = Set(world.sales.map(\.status))
        #expect(statuses.isSuperset(of: ["in progress", "done", "cancelled"]))
        #expect(statuses.count >= 5, "rarer statuses too: \(statuses)")
        #expect(world.sales.allSatisfy { $0.description?.isEmpty == false })
        #expect(Set(world.sales.map(\.idSale)).count == world.sales.count)
        let chipIds = world.sales.compactMap(\.chipId)
        #expect(Set(chipIds).count == chipIds.count, "one chip per sale")
        #expect(world.sales.filter { $0.chipId == nil }.allSatisfy { $0.status == "cancelled" })
        #expect(Set(world.chips.map(\.status)) == ["active", "inactive", "without connection"])
        #expect(world.chips.filter { $0.status != "active" }.allSatisfy { !$0.description.isEmpty && $0.description != "OK" })
        let saleIds = Set(world.sales.map(\.idSale))
        #expect(world.tracking.allSatisfy { saleIds.contains($0.id) })
        #expect(world.sales.contains { $0.status == "in progress" && !world.tracking.map(\.id).contains($0.idSale) },
            "some in-progress sales are unknown to /tracking")
        let knownZips = Set(world.addresses.map(\.zipDigits))
        #expect(world.tracking.contains { !knownZips.contains($0.destinationZipCode) }, "some zips are unknown")
        #expect(world.addresses.allSatisfy { $0.zipCode.count == 9 && $0.zipDigits.count == 8 })
    }

    @Test func receiptsCoverThePreviousSaoPauloDay() throws {
        let world = Self.world
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "America/Sao_Paulo"))
        func day(_ date: Date) -> String {
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        }
        func day(_ t: Timestamp) -> String { day(Date(timeIntervalSince1970: TimeInterval(t.unixSeconds))) }
        var totals: [String: Int64] = [:]
        for t in world.transactions { totals["\(t.merchantId) \(day(t.createdAt))", default: 0] += t.value.cents }
        for r in world.receipts {
            let created = calendar.startOfDay(for: Date(timeIntervalSince1970: TimeInterval(r.createdAt.unixSeconds)))
            #expect(r.coveredDay.iso8601 == day(calendar.date(byAdding: .day, value: -1, to: created)!))
            #expect(r.previousDayTotal.cents == totals["\(r.merchantId) \(r.coveredDay.iso8601)"])
        }
        let mismatched = world.receipts.filter { !$0.matchesPreviousDay }
        #expect(!mismatched.isEmpty && mismatched.count < world.receipts.count / 4)
        #expect(Set(world.receipts.map(\.status)).isSuperset(of: ["success", "failed"]))
        #expect(world.receipts.filter { $0.status == "failed" }.allSatisfy { $0.description?.isEmpty == false })
        let counted = Dictionary(grouping: world.receipts) { "\($0.merchantId) \($0.coveredDay)" }
        #expect(counted.values.allSatisfy { $0.count == 1 }, "one receipt per merchant-day")
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(world.transactions.contains { t in
            let local = t.createdAt.civil
            return local.hour == 23 && t.createdAt.withOffset(in: utc).civil.date != local.date
        }, "transactions near midnight fall on another day in UTC")
        #expect(world.transactions.allSatisfy { $0.createdAt < world.referenceTime })
        #expect(world.receipts.allSatisfy { $0.createdAt < world.referenceTime })
    }

    @Test func conversationsCoverTheSubjectsLanguagesAndIntents() {
        let conversations = Self.world.conversations
        #expect(conversations.count == 600)
        let truths = conversations.compactMap(\.truth)
        #expect(truths.count == 600)
        #expect(Set(truths.map(\.intent)) == Set(ConversationTruth.Intent.allCases))
        #expect(Set(truths.map(\.subjectKind)) == Set(ConversationTruth.SubjectKind.allCases))
        #expect(Set(truths.map(\.language)) == ["en", "pt-BR"])
        let labels = ["bank account receipt problem", "connection problem", "late delivery", "check delivery address",
            "delivery forecast"]
        #expect(Set(conversations.map(\.subject)).isSuperset(of: Set(labels + [""])))
        for c in conversations where c.truth?.subjectKind == .label { #expect(labels.contains(c.subject)) }
        for c in conversations where c.truth?.subjectKind == .empty { #expect(c.subject.isEmpty) }
        let inDatabase = Self.world.merchantIdsInDatabase
        #expect(conversations.contains { !inDatabase.contains($0.merchantId) }, "merchants not in the database write too")
        #expect(conversations.allSatisfy { c in
            !c.messages.isEmpty && c.messages.enumerated().allSatisfy { $1.messageId == "\(c.conversationId)-\($0)" }
        })
        let ids = conversations.map(\.conversationId)
        #expect(ids.allSatisfy { Int($0) != nil } && Set(ids).count == ids.count)
        let firstTimes = conversations.map { Int($0.messages[0].createdAt)! }
        #expect(firstTimes == firstTimes.sorted(), "ids follow the order of the first message")
    }

    @Test func invalidParametersAreRefused() {
        #expect(throws: WorldError.self) { try WorldGenerator.generate(.init(seed: 1, merchants: 0)) }
        #expect(throws: WorldError.self) { try WorldGenerator.generate(.init(seed: 1, merchants: 10, days: 1)) }
    }

    @Test func timestampsAndMoneyRoundTrip() throws {
        let t = try #require(Timestamp(parsing: "2021-12-22 01:00:00-03:00"))
        #expect(t.unixSeconds == 1_640_145_600)
        #expect(t.iso8601 == "2021-12-22T01:00:00-03:00")
        #expect(t.sqlText == "2021-12-22 01:00:00-03:00")
        #expect(Timestamp(parsing: t.iso8601) == t)
        #expect(Timestamp(parsing: "2021-12-22T04:00:00Z")?.unixSeconds == t.unixSeconds)
        #expect(Timestamp(parsing: "yesterday") == nil)
        let calendar = try #require(BusinessCalendar(identifier: "America/Sao_Paulo"))
        #expect(calendar.day(of: t).iso8601 == "2021-12-22")
        #expect(calendar.day(of: t.adding(seconds: -3601)).iso8601 == "2021-12-21")
        #expect(Money(parsing: "177.4")?.description == "177.40")
        #expect(Money(177.4).cents == 17740)
        #expect(Money(cents: -305).description == "-3.05")
        #expect(CivilDate(year: 2022, month: 3, day: 1).dayMonthYear == "01/03/2022")
        #expect(CivilDate(daysSinceEpoch: CivilDate(year: 2024, month: 2, day: 29).daysSinceEpoch).iso8601 == "2024-02-29")
    }
}
