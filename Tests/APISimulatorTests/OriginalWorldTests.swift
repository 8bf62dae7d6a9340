import CivilTime
import Foundation
import TestSupport
import Testing
import World

/// The committed original world (db/worlds/original) is what the assignment's data gives.
@Suite struct OriginalWorldTests {
    @Test func theCommittedWorldIsBuiltFromTheOriginalData() throws {
        let built = try OriginalWorld.load(from: TestEnvironment.originalDataDirectory)
        let committed = try committedOriginalWorld()
        #expect(built == committed)
        let directory = TestEnvironment.repositoryRoot.appendingPathComponent("db/worlds/original")
        #expect(try WorldFile.encode(built) == Data(contentsOf: directory.appendingPathComponent("world.json")))
        for (file, text) in WorldCSV.contents(of: built) {
            #expect(try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8) == text, "\(file)")
        }
    }

    @Test func itHoldsTheOriginalRowsAndKnownAnswers() throws {
        let world = try committedOriginalWorld()
        #expect(world.sales.map(\.idSale) == ["123456", "123457", "123458", "34853", "34854"])
        #expect(world.transactions.count == 7)
        #expect(world.receipts.map(\.value) == [Money(cents: 17740), Money(cents: 124_000)])
        #expect(world.receipts.allSatisfy { $0.matchesPreviousDay })
        #expect(world.receipts.allSatisfy { $0.coveredDay == CivilDate(year: 2021, month: 12, day: 21) })
        #expect(world.tracking.first { $0.id == "123456" }
            == Tracking(id: "123456", status: "On delivery route", deliveryForecast: "01/12/2021", destinationZipCode: "31160550"))
        #expect(world.tracking.first { $0.id == "123458" }?.destinationZipCode == "60811340")
        #expect(!world.addresses.contains { $0.zipDigits == "60811340" })
        #expect(world.chips.first { $0.id == "CHIP37648" } == ChipStatus(id: "CHIP37648", status: "active", description: "OK"))
        let chipIds = Set(world.chips.map(\.id))
        #expect(world.sales.allSatisfy { chipIds.contains($0.chipId ?? "") }, "every chip has an (invented) answer")
        #expect(world.conversations.map { $0.truth?.intent } == [.receipt, .telecom, .logistics, .logistics, .logistics])
    }

    @Test func schemaFileMatchesTheLoadersSchema() throws {
        let file = TestEnvironment.repositoryRoot.appendingPathComponent("db/schema.sql")
        #expect(try String(contentsOf: file, encoding: .utf8) == DatabaseSchema.sql)
    }
}
