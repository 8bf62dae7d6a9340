import Foundation
import World

/// The answers that never change, encoded once: tracking by sale id, addresses by zip digits, chip
/// statuses by chip id, warranties by sale id; and where each conversation is.
struct StaticAnswers: Sendable {
    let tracking: [String: Data]
    let addresses: [String: Data]
    let chips: [String: Data]
    let warranties: [String: Data]
    let conversationIndex: [String: Int]

    init(_ world: World) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var tracking: [String: Data] = [:]
        for answer in world.tracking { tracking[answer.id] = try encoder.encode(answer) }
        var addresses: [String: Data] = [:]
        for address in world.addresses { addresses[address.zipDigits] = try encoder.encode(address) }
        var chips: [String: Data] = [:]
        for chip in world.chips { chips[chip.id] = try encoder.encode(chip) }
        var warranties: [String: Data] = [:]
        for warranty in world.warranties { warranties[warranty.idSale] = try encoder.encode(warranty) }
        var index: [String: Int] = [:]
        for (position, conversation) in world.conversations.enumerated() {
            guard index[conversation.conversationId] == nil else {
                throw SimulatorError(.invalidKnob, "conversation \(conversation.conversationId) appears twice in the world")
            }
            index[conversation.conversationId] = position
        }
        self.tracking = tracking
        self.addresses = addresses
        self.chips = chips
        self.warranties = warranties
        self.conversationIndex = index
    }
}

/// A request body, checked before the simulator's lock is taken.
enum ParsedRequest {
    case nothing
    case conversation(String)
    case send(conversation: String, message: String)
    case key(String)
    case serviceOrder(sale: String, key: String, problem: String)
    case invalid(String)

    private struct ConversationBody: Decodable { let conversation_id: String }
    private struct SendBody: Decodable { let conversation_id: String; let message: String }
    private struct SaleBody: Decodable { let id_sale: String }
    private struct ZipBody: Decodable { let zip_code: String }
    private struct ChipBody: Decodable { let chip_id: String }
    private struct OrderBody: Decodable { let id_sale: String; let idempotency_key: String; let problem: String }

    static func parse(_ endpoint: Endpoint, body: Data) -> ParsedRequest {
        let decoder = JSONDecoder()
        switch endpoint {
        case .conversations:
            return .nothing
        case .conversationInfo:
            guard let value = try? decoder.decode(ConversationBody.self, from: body) else {
                return .invalid(#"the body must be {"conversation_id": "<digits>"} with a string id"#)
            }
            return .conversation(value.conversation_id)
        case .sendMessage:
            guard let value = try? decoder.decode(SendBody.self, from: body) else {
                return .invalid(#"the body must be {"conversation_id": "<digits>", "message": "<text>"} with strings"#)
            }
            guard !value.message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                return .invalid("the message must not be empty")
            }
            return .send(conversation: value.conversation_id, message: value.message)
        case .tracking:
            guard let value = try? decoder.decode(SaleBody.self, from: body) else {
                return .invalid(#"the body must be {"id_sale": "<digits>"} with a string id"#)
            }
            return .key(value.id_sale)
        case .zipCode:
            guard let value = try? decoder.decode(ZipBody.self, from: body) else {
                return .invalid(#"the body must be {"zip_code": "<8 digits>"} with a string"#)
            }
            return .key(value.zip_code.filter(\.isNumber))
        case .chipStatus:
            guard let value = try? decoder.decode(ChipBody.self, from: body) else {
                return .invalid(#"the body must be {"chip_id": "<id>"} with a string id"#)
            }
            return .key(value.chip_id)
        case .warranty, .openServiceOrders:
            guard let value = try? decoder.decode(SaleBody.self, from: body) else {
                return .invalid(#"the body must be {"id_sale": "<digits>"} with a string id"#)
            }
            return .key(value.id_sale)
        case .serviceOrders:
            guard let value = try? decoder.decode(OrderBody.self, from: body) else {
                return .invalid(#"the body must be {"id_sale": "<digits>", "idempotency_key": "<text>", "problem": "<text>"} with strings"#)
            }
            let key = value.idempotency_key.trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, key.count <= 200 else { return .invalid("the idempotency_key must have 1 to 200 characters") }
            return .serviceOrder(sale: value.id_sale, key: key, problem: value.problem)
        }
    }
}
