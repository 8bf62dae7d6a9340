import AutoResponderCore
import Foundation
import Logging
import Testing

@testable import AutoResponderService

/// The active list of the chats API as the dispatcher reads it every poll: numbers (the contract),
/// strings and oddities give the same ids as before the integer fast path; garbage is refused whole.
@Suite struct ChatsListDecodingTests {
    let logger = Logger(label: "test")

    func ids(_ json: String) throws -> [String] {
        try ChatsAPI.conversationIDs(in: Data(json.utf8), logger: logger).map(\.rawValue)
    }

    @Test func numbersInOrderEachOnce() throws {
        #expect(try ids(#"{"conversation_ids": [754893, 754894, 754893, 0]}"#) == ["754893", "754894", "0"])
        #expect(try ids(#"{"conversation_ids": []}"#) == [])
    }

    @Test func stringsMixedAndBeyond64BitsGoThroughTheLenientPath() throws {
        #expect(try ids(#"{"conversation_ids": ["0754893", 12, "a-1"]}"#) == ["0754893", "12", "a-1"])
        #expect(try ids(#"{"conversation_ids": [18446744073709551615, 1]}"#) == ["18446744073709551615", "1"])
    }

    @Test func invalidIdsAreLeftOutNotTheList() throws {
        #expect(try ids(#"{"conversation_ids": [-5, 7]}"#) == ["7"])
        #expect(try ids(#"{"conversation_ids": ["bad id!", "-x", 8]}"#) == ["8"])
    }

    @Test(arguments: [
        #"{"ids": [1, 2]}"#, "[1, 2]", #"{"conversation_ids": [1.5]}"#, #"{"conversation_ids": [null]}"#,
        #"{"conversation_ids": 7}"#, "not json", "",
    ])
    func aBodyOfTheWrongShapeIsAnInvalidResponse(_ body: String) {
        let error = #expect(throws: UpstreamError.self) { try ids(body) }
        #expect(error?.code == .invalidResponse)
    }
}
