import Testing

@testable import SupportConsole

/// Hostile texts made visible and bounded before they reach a page.
@Suite struct DisplayTextTests {
    @Test func bidiAndZeroWidthCharactersAreMadeVisible() {
        let shown = DisplayText("pay \u{202E}gnp.exe\u{202C} now\u{200B}!\u{2066}x\u{2069}\u{FEFF}", limit: 100)
        #expect(shown.text == "pay [U+202E]gnp.exe[U+202C] now[U+200B]![U+2066]x[U+2069][U+FEFF]")
        #expect(shown.neutralised == 6)
        #expect(shown.truncated == 0)
    }

    @Test func controlCharactersGoButLinesStay() {
        let shown = DisplayText("line 1\r\nline 2\u{2028}line 3\tend\u{0007}\u{001B}[31m", limit: 100)
        #expect(shown.text == "line 1\nline 2\nline 3\tend[U+0007][U+001B][31m")
    }

    @Test func longTextsAreCutAndCounted() {
        let hundredKB = String(repeating: "<script>alert(1)</script>", count: 4096)
        let shown = DisplayText(hundredKB, limit: 600)
        #expect(shown.text.count == 600)
        #expect(shown.truncated == hundredKB.count - 600)
    }

    @Test func stackedCombiningMarksAreCut() {
        let zalgo = "Z" + String(repeating: "\u{0301}", count: 200) + "ok"
        let shown = DisplayText(zalgo, limit: 100)
        #expect(shown.text == "Z[…]ok")
        #expect(DisplayText("👩‍👩‍👧‍👦 é", limit: 10).text == "👩[U+200D]👩[U+200D]👧[U+200D]👦 é")
    }

    @Test func ordinaryTextIsUntouched() {
        let text = "Minha maquininha não chegou 😕 — مرحبا"
        #expect(DisplayText(text, limit: 1000).text == text)
    }
}
