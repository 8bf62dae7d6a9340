import Foundation
import Logging
import Testing

@testable import Operations

@Suite struct JSONLogHandlerTests {
    @Test func aLineIsOneJSONObjectWithEveryMetadataKeyAtTheTop() throws {
        let line = JSONLogHandler.line(
            timestamp: "2026-12-04T16:18:00.123Z", level: .info, label: "worker", message: "replied",
            metadata: [
                "conversation.id": "754893", "resolver": .stringConvertible("logistics"),
                "attempts": .array(["1", "2"]), "route": .dictionary(["by": "keywords"]),
            ])
        #expect(!line.contains("\n"))
        let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["timestamp"] as? String == "2026-12-04T16:18:00.123Z")
        #expect(object["level"] as? String == "info")
        #expect(object["label"] as? String == "worker")
        #expect(object["message"] as? String == "replied")
        #expect(object["conversation.id"] as? String == "754893")
        #expect(object["resolver"] as? String == "logistics")
        #expect(object["attempts"] as? [String] == ["1", "2"])
        #expect((object["route"] as? [String: String])?["by"] == "keywords")
    }

    @Test func hostileTextStaysOneInertLine() throws {
        let hostile = "a\"b\\c\nd\re\tf\u{0}g\u{7F}h\u{202E}i\u{200B}j ção 🙂"
        let line = JSONLogHandler.line(
            timestamp: "t", level: .warning, label: "l", message: hostile, metadata: ["text": .string(hostile)])
        #expect(!line.contains("\n") && !line.contains("\r") && !line.contains("\u{202E}") && !line.contains("\u{200B}"))
        let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["message"] as? String == hostile)
        #expect(object["text"] as? String == hostile)
    }

    @Test func aMetadataKeyCannotReplaceAFixedField() throws {
        let line = JSONLogHandler.line(
            timestamp: "t", level: .error, label: "l", message: "m", metadata: ["message": "forged", "level": "x"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["message"] as? String == "m")
        #expect(object["level"] as? String == "error")
    }

    @Test func timestampsAreUTCWithMilliseconds() {
        #expect(JSONLogHandler.timestamp(seconds: 0, milliseconds: 7) == "1970-01-01T00:00:00.007Z")
        #expect(JSONLogHandler.timestamp(seconds: 1_640_197_668, milliseconds: 123) == "2021-12-22T18:27:48.123Z")
        #expect(JSONLogHandler.timestamp(seconds: -1, milliseconds: 0) == "1969-12-31T23:59:59.000Z")
    }
}
