import Foundation
import World

/// Valid JSON that is not the documented shape of an endpoint's answer.
enum WrongShapes {
    static func body(for endpoint: Endpoint, replacing body: Data, _ random: inout SeededRandom) -> Data {
        switch random.below(5) {
        case 0: return Data("{\"data\":".utf8) + body + Data("}".utf8)
        case 1: return Data("[]".utf8)
        case 2: return Data("{}".utf8)
        case 3: return Data("null".utf8)
        default: return Data(wrongTypes(endpoint).utf8)
        }
    }

    /// The documented keys with values of the wrong types.
    private static func wrongTypes(_ endpoint: Endpoint) -> String {
        switch endpoint {
        case .conversations: #"{"conversation_ids":"754893,754894"}"#
        case .conversationInfo: #"{"conversation_id":754893,"merchant_id":null,"subject":42,"messages":"none"}"#
        case .sendMessage: #"{"status":false}"#
        case .tracking: #"{"id":123456,"status":null,"delivery_forecast":20211201,"destination_zip_code":["31160550"]}"#
        case .zipCode: #"{"ZIP_code":31160550,"street":null,"city":{"name":"?"}}"#
        case .chipStatus: #"{"id":["CHIP"],"status":1,"description":null}"#
        case .warranty: #"{"id_sale":["5000000"],"under_warranty":"yes","warranty_until":20221231}"#
        case .openServiceOrders: #"{"id_sale":5000000,"orders":{"order_id":"SO-1"}}"#
        case .serviceOrders: #"{"id_sale":null,"order_id":700001,"status":false}"#
        }
    }
}
