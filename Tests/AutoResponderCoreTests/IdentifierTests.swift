import Foundation
import Testing

@testable import AutoResponderCore

@Suite struct IdentifierTests {
    @Test(arguments: ["754893", "CHIP37648", "754893-0", "a", "sale_1.2:3", String(repeating: "9", count: 64)])
    func acceptsConservativeIdentifiers(_ value: String) throws {
        #expect(try MerchantID(value).rawValue == value)
        #expect(try ChipID(value).rawValue == value)
    }

    @Test(arguments: [
        ("", IdentifierError.Code.empty),
        (" 754893", .invalidCharacter),
        ("754893 ", .invalidCharacter),
        ("1; DROP TABLE sales", .invalidCharacter),
        ("12'34", .invalidCharacter),
        ("../etc/passwd", .invalidCharacter),
        ("-12", .invalidCharacter),
        ("12\n34", .invalidCharacter),
        ("çhip", .invalidCharacter),
        ("１２３", .invalidCharacter),  // full-width digits
        (String(repeating: "9", count: 65), .tooLong),
    ])
    func rejectsGarbageWithATypedError(_ value: String, code: IdentifierError.Code) {
        #expect(throws: IdentifierError.self) { try SaleID(value) }
        do {
            _ = try ConversationID(value)
            Issue.record("accepted \(value.debugDescription)")
        } catch {
            #expect(error.code == code)
            #expect(error.kind == "conversation id")
            #expect(error.description.contains("conversation id"))
        }
    }

    @Test func errorExcerptIsShortAndPrintable() {
        let error = IdentifierError(code: .tooLong, kind: "chip id", value: String(repeating: "x", count: 500) + "\u{7}")
        #expect(error.excerpt.count <= 45)
        #expect(!error.description.contains("\u{7}"))
    }

    @Test func conversationIDFromTheNumberTheChatsAPIListsIt() throws {
        #expect(try ConversationID(754893).rawValue == "754893")
        #expect(throws: IdentifierError.self) { try ConversationID(-1) }
    }

    @Test func messageIDsSortNaturally() throws {
        let ids = try ["754893-10", "754893-2", "754893-1", "754893-0"].map { try MessageID($0) }
        #expect(ids.sorted().map(\.rawValue) == ["754893-0", "754893-1", "754893-2", "754893-10"])
    }

    @Test func identifiersDecodeOnlyValidStrings() throws {
        let decoded = try JSONDecoder().decode([SaleID].self, from: Data(#"["123456"]"#.utf8))
        #expect(decoded == [try SaleID("123456")])
        #expect(throws: (any Error).self) { try JSONDecoder().decode([SaleID].self, from: Data(#"["12 34"]"#.utf8)) }
    }

    @Test(arguments: [("31160550", "31160-550"), ("31160-550", "31160-550"), ("60811340", "60811-340"), ("12345", "12345")])
    func zipCodesKeepTheirDigits(_ raw: String, formatted: String) throws {
        let zip = try ZipCode(raw)
        #expect(zip.formatted == formatted)
        #expect(zip.digits == raw.filter(\.isNumber))
    }

    @Test(arguments: ["", "abc", "3116O550", "1234", "12345678901", "31160550; --", "31160/550"])
    func zipCodesRejectGarbage(_ raw: String) {
        #expect(throws: IdentifierError.self) { try ZipCode(raw) }
    }

    @Test func createdAtIsUnixSeconds() throws {
        #expect(try ChatMessage.parseCreatedAt("1640197668") == Date(timeIntervalSince1970: 1_640_197_668))
        #expect(try ChatMessage.parseCreatedAt("1640197668.5") == Date(timeIntervalSince1970: 1_640_197_668.5))
        for garbage in ["", "-1", "1e9", "abc", "12.", ".5", "99999999999999999999"] {
            #expect(throws: IdentifierError.self) { try ChatMessage.parseCreatedAt(garbage) }
        }
    }
}
