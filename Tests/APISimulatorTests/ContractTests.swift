import APISimulator
import Foundation
import TestSupport
import Testing
import World

/// The six endpoints over HTTP, served from the committed original world.
@Suite struct ContractTests {
    @Test func conversationsListsTheOriginalFiveAsNumbers() async throws {
        let simulator = try makeSimulator(try committedOriginalWorld())
        try await serve(simulator) { (base: URL) async throws in
            let answer = try await post(base, "conversations")
            #expect(answer.status == 200)
            let ids = try #require(answer.object?["conversation_ids"] as? [Any])
            #expect(ids.compactMap { $0 as? Int } == [754893, 754894, 754895, 754896, 754897])
            #expect(!String(decoding: answer.body, as: UTF8.self).contains("\"754893\""))
        }
    }

    @Test func conversationInfoAnswersExactlyTheOriginalConversations() async throws {
        let originalFile = TestEnvironment.originalDataDirectory.appendingPathComponent("conversations.json")
        let original = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: originalFile)) as? [[String: Any]])
        #expect(original.count == 5)
        let expected = try original.map { ($0["conversation_id"] as? String ?? "", try JSONSerialization.data(withJSONObject: $0)) }
        let simulator = try makeSimulator(try committedOriginalWorld())
        try await serve(simulator) { (base: URL) async throws in
            for (id, conversation) in expected {
                let answer = try await post(base, "conversation_info", json(["conversation_id": id]))
                #expect(answer.status == 200)
                #expect(sameJSON(answer.body, conversation), "conversation \(id)")
            }
        }
    }

    @Test func knownTrackingZipAndChipAnswersOfTheOriginalAPI() async throws {
        let simulator = try makeSimulator(try committedOriginalWorld())
        try await serve(simulator) { (base: URL) async throws in
            let t1 = try await post(base, "tracking", #"{"id_sale": "123456"}"#)
            #expect(t1.status == 200)
            #expect(sameJSON(t1.body, Data(#"{"id": "123456", "status": "On delivery route", "delivery_forecast": "01/12/2021", "destination_zip_code": "31160550"}"#.utf8)))
            let zip = try await post(base, "zip_code", #"{"zip_code": "31160550"}"#)
            #expect(zip.status == 200)
            #expect(sameJSON(zip.body, Data(#"{"neighborhood": "Palmares", "ZIP_code": "31160-550", "city": "Belo Horizonte", "complement": "", "street": "Rua Professor Patrocínio Filho", "state": "MG"}"#.utf8)))
            let t3 = try await post(base, "tracking", #"{"id_sale": "123458"}"#)
            #expect(t3.object?["status"] as? String == "In transit between distribution centers")
            #expect(t3.object?["delivery_forecast"] as? String == "01/03/2022")
            #expect(t3.object?["destination_zip_code"] as? String == "60811340")
            #expect(try await post(base, "zip_code", #"{"zip_code": "60811340"}"#).status == 404)
            let chip = try await post(base, "chip_status", #"{"chip_id": "CHIP37648"}"#)
            #expect(sameJSON(chip.body, Data(#"{"id": "CHIP37648", "status": "active", "description": "OK"}"#.utf8)))
            // Invented but consistent: every sale and chip of the original database has an answer.
            for sale in ["123457", "34853", "34854"] {
                #expect(try await post(base, "tracking", json(["id_sale": sale])).status == 200, "sale \(sale)")
            }
            for chip in ["CHIP37649", "CHIP37650", "CHIP37651", "CHIP37652"] {
                let answer = try await post(base, "chip_status", json(["chip_id": chip]))
                #expect(["active", "inactive", "without connection"].contains(answer.object?["status"] as? String ?? ""))
            }
        }
    }

    @Test func everyContractEndpointRequiresTheToken() async throws {
        let simulator = try makeSimulator(try committedOriginalWorld())
        try await serve(simulator) { (base: URL) async throws in
            let bodies: [Endpoint: String] = [
                .conversations: "", .conversationInfo: #"{"conversation_id": "754893"}"#,
                .sendMessage: #"{"conversation_id": "754893", "message": "hi"}"#, .tracking: #"{"id_sale": "123456"}"#,
                .zipCode: #"{"zip_code": "31160550"}"#, .chipStatus: #"{"chip_id": "CHIP37648"}"#,
                .warranty: #"{"id_sale": "34853"}"#, .openServiceOrders: #"{"id_sale": "34854"}"#,
                .serviceOrders: #"{"id_sale": "34853", "idempotency_key": "k1", "problem": "it does not turn on"}"#,
            ]
            for endpoint in Endpoint.allCases {
                #expect(try await post(base, endpoint.rawValue, bodies[endpoint], token: nil).status == 401, "\(endpoint)")
                #expect(try await post(base, endpoint.rawValue, bodies[endpoint], token: "wrong").status == 401, "\(endpoint)")
                #expect(try await post(base, endpoint.rawValue, bodies[endpoint]).status == 200, "\(endpoint)")
            }
            #expect(simulator.sentMessages().count == 1, "an unauthorized send_message posts nothing")
        }
    }

    @Test func unknownIdsAnswer404() async throws {
        let simulator = try makeSimulator(try committedOriginalWorld())
        try await serve(simulator) { (base: URL) async throws in
            #expect(try await post(base, "conversation_info", #"{"conversation_id": "1"}"#).status == 404)
            #expect(try await post(base, "send_message", #"{"conversation_id": "1", "message": "hi"}"#).status == 404)
            #expect(try await post(base, "tracking", #"{"id_sale": "999999"}"#).status == 404)
            #expect(try await post(base, "zip_code", #"{"zip_code": "00000000"}"#).status == 404)
            #expect(try await post(base, "chip_status", #"{"chip_id": "CHIP00000"}"#).status == 404)
            #expect(simulator.sentMessages().isEmpty)
        }
    }

    @Test func malformedBodiesAnswer400() async throws {
        let simulator = try makeSimulator(try committedOriginalWorld())
        try await serve(simulator) { (base: URL) async throws in
            let bad: [(String, String?)] = [
                ("conversation_info", nil), ("conversation_info", "not json"), ("conversation_info", #"{"conversation_id": 754893}"#),
                ("conversation_info", #"{"id": "754893"}"#), ("send_message", #"{"conversation_id": "754893"}"#),
                ("send_message", #"{"conversation_id": "754893", "message": "  "}"#), ("tracking", #"{"id_sale": 123456}"#),
                ("zip_code", "[]"), ("chip_status", #"{"chip": "CHIP37648"}"#),
            ]
            for (path, body) in bad {
                let answer = try await post(base, path, body)
                #expect(answer.status == 400, "\(path) \(body ?? "no body")")
                #expect(answer.object?["error"] is String)
            }
        }
    }

    @Test func zipCodeAcceptsTheFormattedZip() async throws {
        let simulator = try makeSimulator(try committedOriginalWorld())
        let reply = simulator.handle(.zipCode, body: Data(#"{"zip_code": "31160-550"}"#.utf8), authorization: testToken)
        #expect(reply.status == 200)
    }
}
