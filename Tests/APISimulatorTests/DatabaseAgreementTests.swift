import APISimulator
import CivilTime
import Foundation
import TestSupport
import Testing
import World

/// The loader fills PostgreSQL with the same world the simulator serves: every id agrees.
/// Uses the test database (TEST_DATABASE_URL), each test in a schema of its own.
@Suite struct DatabaseAgreementTests {
    @Test func databaseAndSimulatorAgreeOnEveryId() async throws {
        let world = try WorldGenerator.generate(.init(seed: 11, merchants: 400))
        let schema = uniqueTestName("world")
        defer { _ = try? psql("drop schema if exists \"\(schema)\" cascade;") }
        try WorldDatabaseLoader(databaseURL: TestEnvironment.databaseURL, schema: schema).load(world)

        let saleRows = try psql("select id_sale, merchant_id, coalesce(chip_id, ''), status from sales order by id_sale;", schema: schema)
        #expect(saleRows.sorted() == world.sales.map { "\($0.idSale)|\($0.merchantId)|\($0.chipId ?? "")|\($0.status)" }.sorted())
        let transactionIds = try psql("select transaction_id from transactions;", schema: schema)
        #expect(Set(transactionIds) == Set(world.transactions.map(\.transactionId)))
        #expect(transactionIds.count == world.transactions.count)
        let receipts = try psql(
            "select merchant_id, extract(epoch from created_at)::bigint, status, value from receipt;", schema: schema)
        #expect(receipts.sorted() == world.receipts.map { "\($0.merchantId)|\($0.createdAt.unixSeconds)|\($0.status)|\($0.value)" }.sorted())
        let totals = try psql("""
            select merchant_id, (created_at at time zone 'America/Sao_Paulo')::date, sum(value)
            from transactions group by 1, 2;
            """, schema: schema)
        let dbTotals = Dictionary(uniqueKeysWithValues: totals.map { row -> (String, String) in
            let f = row.split(separator: "|").map(String.init)
            return ("\(f[0]) \(f[1])", f[2])
        })
        for r in world.receipts {
            #expect(dbTotals["\(r.merchantId) \(r.coveredDay.iso8601)"] == r.previousDayTotal.description)
        }

        let simulator = try makeSimulator(world)
        let inDatabase = Set(try psql("select distinct merchant_id from sales union select merchant_id from transactions;", schema: schema))
        try await serve(simulator) { (base: URL) async throws in
            let trackingIds = Set(world.tracking.map(\.id))
            for row in saleRows {
                let fields = row.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                let tracking = try await post(base, "tracking", json(["id_sale": fields[0]]))
                #expect(tracking.status == (trackingIds.contains(fields[0]) ? 200 : 404), "sale \(fields[0])")
                if tracking.status == 200 {
                    #expect(tracking.object?["id"] as? String == fields[0])
                    let zip = try #require(tracking.object?["destination_zip_code"] as? String)
                    let known = world.addresses.contains { $0.zipDigits == zip }
                    #expect(try await post(base, "zip_code", json(["zip_code": zip])).status == (known ? 200 : 404))
                }
                guard !fields[2].isEmpty else { continue }
                let chip = try await post(base, "chip_status", json(["chip_id": fields[2]]))
                let expected = world.chips.first { $0.id == fields[2] }
                #expect(chip.status == (expected == nil ? 404 : 200), "chip \(fields[2])")
                if let expected { #expect(chip.object?["status"] as? String == expected.status) }
            }
            let active = try await post(base, "conversations")
            let ids = try #require(active.object?["conversation_ids"] as? [Int])
            #expect(ids.map(String.init) == world.conversations.map(\.conversationId))
            for conversation in world.conversations.prefix(60) {
                let info = try await post(base, "conversation_info", json(["conversation_id": conversation.conversationId]))
                let merchant = try #require(info.object?["merchant_id"] as? String)
                #expect(merchant == conversation.merchantId)
                #expect(inDatabase.contains(merchant) == world.merchantIdsInDatabase.contains(merchant))
            }
        }
        #expect(world.conversations.contains { !inDatabase.contains($0.merchantId) })
    }

    @Test func theLoadScriptLoadsTheCommittedOriginalWorld() throws {
        let schema = uniqueTestName("original")
        defer { _ = try? psql("drop schema if exists \"\(schema)\" cascade;") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        let root = TestEnvironment.repositoryRoot
        process.arguments = [root.appendingPathComponent("scripts/load-world.sh").path,
            root.appendingPathComponent("db/worlds/original").path, schema]
        process.environment = ProcessInfo.processInfo.environment.merging(["DATABASE_URL": TestEnvironment.databaseURL]) { $1 }
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try psql("select count(*) from sales;", schema: schema) == ["5"])
        #expect(try psql("select status, description, value from receipt where merchant_id = '558392';", schema: schema)
            == ["failed|bank's API is unavailable|177.40"])
        #expect(try psql("""
            select sum(value) from transactions
            where merchant_id = '384923' and (created_at at time zone 'America/Sao_Paulo')::date = '2021-12-21';
            """, schema: schema) == ["1240.00"])
        // Loading again replaces the rows instead of adding to them.
        try WorldDatabaseLoader(databaseURL: TestEnvironment.databaseURL, schema: schema).load(try committedOriginalWorld())
        #expect(try psql("select count(*) from transactions;", schema: schema) == ["7"])
    }

    @Test func tenThousandMerchantsLoad() throws {
        let world = try WorldGenerator.generate(.init(seed: 10, merchants: 10_000))
        let schema = uniqueTestName("big")
        defer { _ = try? psql("drop schema if exists \"\(schema)\" cascade;") }
        try WorldDatabaseLoader(databaseURL: TestEnvironment.databaseURL, schema: schema).load(world)
        #expect(try psql("select count(*) from sales;", schema: schema) == ["\(world.sales.count)"])
        #expect(try psql("select count(*) from transactions;", schema: schema) == ["\(world.transactions.count)"])
        #expect(try psql("select count(distinct merchant_id) from sales;", schema: schema) == ["\(Set(world.sales.map(\.merchantId)).count)"])
    }
}
