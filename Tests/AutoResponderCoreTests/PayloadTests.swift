import Foundation
import Testing

@testable import AutoResponderCore

@Suite struct ConversationPayloadTests {
    @Test func decodesTheOriginalShape() throws {
        let body = #"""
            {"conversation_id": "754893", "merchant_id": "558392", "subject": "bank account receipt problem",
             "messages": [{"message_id": "754893-0", "text": "hello, my money hasn't landed", "created_at": "1640197668"}]}
            """#
        let validated = try ConversationInfoPayload.decode(Data(body.utf8)).validated(expectedID: ConversationID("754893"))
        let conversation = validated.conversation
        #expect(conversation.id.rawValue == "754893")
        #expect(conversation.merchantID?.rawValue == "558392")
        #expect(conversation.subject == "bank account receipt problem")
        #expect(conversation.messages.map(\.id.rawValue) == ["754893-0"])
        #expect(conversation.messages.first?.createdAt == Date(timeIntervalSince1970: 1_640_197_668))
        #expect(validated.rejectedMessages.isEmpty)
    }

    @Test func acceptsNumbersForIdsAndMissingOptionalFields() throws {
        let body = #"{"conversation_id": 754893, "merchant_id": 558392, "messages": [{"message_id": "m1", "created_at": 1640197668}]}"#
        let conversation = try ConversationInfoPayload.decode(Data(body.utf8)).validated().conversation
        #expect(conversation.id.rawValue == "754893")
        #expect(conversation.merchantID?.rawValue == "558392")
        #expect(conversation.subject == "")
        #expect(conversation.messages.first?.text == "")
    }

    @Test func invalidMerchantIsKeptAsNilAndInvalidMessagesAreReported() throws {
        let body = #"""
            {"conversation_id": "1", "merchant_id": "55 8392", "subject": "x",
             "messages": [{"message_id": "bad id", "text": "a", "created_at": "1"},
                          {"message_id": "ok", "text": "b", "created_at": "yesterday"},
                          {"message_id": "good", "text": "c", "created_at": "2"}]}
            """#
        let validated = try ConversationInfoPayload.decode(Data(body.utf8)).validated()
        #expect(validated.conversation.merchantID == nil)
        #expect(validated.merchantIDError?.code == .invalidCharacter)
        #expect(validated.conversation.messages.map(\.id.rawValue) == ["good"])
        #expect(validated.rejectedMessages.map(\.index) == [0, 1])
    }

    @Test func garbageIsAnInvalidResponse() {
        for body in ["", "[]", "null", "{\"conversation_id\": {}}", "<html>502</html>"] {
            do {
                _ = try ConversationInfoPayload.decode(Data(body.utf8)).validated()
                Issue.record("accepted \(body)")
            } catch {
                #expect(error.code == .invalidResponse)
                #expect(error.isRetryable)
            }
        }
    }

    @Test func anotherConversationIsRejected() throws {
        let body = #"{"conversation_id": "2", "merchant_id": "1", "messages": []}"#
        #expect(throws: UpstreamError.self) {
            try ConversationInfoPayload.decode(Data(body.utf8)).validated(expectedID: ConversationID("1"))
        }
    }
}

@Suite struct UpstreamPayloadTests {
    let sale = try! SaleID("123456")

    @Test func trackingOfTheOriginalAPI() throws {
        let body = #"{"id": "123456", "status": "On delivery route", "delivery_forecast": "01/12/2021", "destination_zip_code": "31160550"}"#
        let tracking = try LogisticsPayloads.tracking(Data(body.utf8), requested: sale)
        #expect(tracking == TrackingInfo(saleID: sale, status: "On delivery route", deliveryForecast: "01/12/2021",
                                         destinationZip: try ZipCode("31160550")))
    }

    @Test func trackingWithAnInvalidZipStillHasStatusAndForecast() throws {
        let body = #"{"id": 123456, "status": "In transit", "delivery_forecast": "", "destination_zip_code": "n/a"}"#
        let tracking = try LogisticsPayloads.tracking(Data(body.utf8), requested: sale)
        #expect(tracking.status == "In transit")
        #expect(tracking.deliveryForecast == nil)
        #expect(tracking.destinationZip == nil)
    }

    @Test func trackingOfAnotherSaleIsRejected() {
        let body = #"{"id": "999999", "status": "On delivery route"}"#
        do {
            _ = try LogisticsPayloads.tracking(Data(body.utf8), requested: sale)
            Issue.record("accepted another sale's tracking")
        } catch {
            #expect(error.code == .mismatchedData)
        }
    }

    @Test func trackingWithoutStatusOrIdIsInvalid() {
        for body in [#"{"id": "123456"}"#, #"{"status": "x"}"#, #"{"id": "12 3", "status": "x"}"#, "oops"] {
            #expect(throws: UpstreamError.self) { try LogisticsPayloads.tracking(Data(body.utf8), requested: sale) }
        }
    }

    @Test func addressOfTheOriginalAPI() throws {
        let body = #"{"neighborhood": "Palmares", "ZIP_code": "31160-550", "city": "Belo Horizonte", "complement": "", "street": "Rua Professor Patrocínio Filho", "state": "MG"}"#
        let address = try LogisticsPayloads.address(Data(body.utf8), requested: ZipCode("31160550"))
        #expect(address.street == "Rua Professor Patrocínio Filho")
        #expect(address.neighborhood == "Palmares")
        #expect(address.city == "Belo Horizonte")
        #expect(address.state == "MG")
        #expect(address.zip?.digits == "31160550")
    }

    @Test func addressOfAnotherZipOrEmptyIsRejected() {
        let other = #"{"ZIP_code": "01001-000", "city": "São Paulo", "street": "Praça da Sé"}"#
        let empty = #"{"ZIP_code": "31160-550"}"#
        for body in [other, empty, "[]"] {
            #expect(throws: UpstreamError.self) { try LogisticsPayloads.address(Data(body.utf8), requested: ZipCode("31160550")) }
        }
    }

    @Test func chipStatusParsesTheStates() throws {
        let chip = try ChipID("CHIP37648")
        func parse(_ status: String) throws -> ChipStatus {
            let body = #"{"id": "CHIP37648", "status": "\#(status)", "description": "OK"}"#
            return try TelecomPayloads.chipStatus(Data(body.utf8), requested: chip)
        }
        #expect(try parse("active").state == .active)
        #expect(try parse("Inactive").state == .inactive)
        #expect(try parse("without connection").state == .withoutConnection)
        #expect(try parse("WITHOUT_CONNECTION").state == .withoutConnection)
        #expect(try parse("suspended").state == .other("suspended"))
        #expect(try parse("suspended").rawStatus == "suspended")
        let other = #"{"id": "CHIP00001", "status": "active", "description": "OK"}"#
        #expect(throws: UpstreamError.self) { try TelecomPayloads.chipStatus(Data(other.utf8), requested: chip) }
    }

    @Test func rejectedIsNotRetryableOthersAre() {
        #expect(!UpstreamError(code: .rejected, upstream: "chats", message: "401").isRetryable)
        #expect(UpstreamError(code: .unavailable, upstream: "chats", message: "503").isRetryable)
        #expect(UpstreamError(code: .timeout, upstream: "chats", message: "slow").isRetryable)
    }
}
