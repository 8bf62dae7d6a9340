import Testing

@testable import AutoResponderCore

/// The normalizer reads ASCII without Unicode property lookups and everything else by its
/// properties: both paths, and texts that mix them, give the same words.
@Suite struct TextNormalizerTests {
    @Test func asciiIsLowercasedAndApostrophesDropped() {
        #expect(TextNormalizer.sentences("My MACHINE hasn't ARRIVED; `quoted` text") == [
            ["my", "machine", "hasnt", "arrived"], ["quoted", "text"],
        ])
    }

    @Test func accentsAndCaseAreFoldedOutsideASCII() {
        #expect(TextNormalizer.words("ÇÃO É ÓTIMO, Ñandú") == ["cao", "e", "otimo", "nandu"])
        // A letter written with a combining mark reads as the precomposed one.
        #expect(TextNormalizer.words("na\u{0303}o chegou") == TextNormalizer.words("não chegou"))
    }

    @Test func unicodeApostrophesAndSentenceEnds() {
        #expect(TextNormalizer.sentences("it\u{2019}s fine\u{2026}ok\u{2028}next\u{2029}last") == [
            ["its", "fine"], ["ok"], ["next"], ["last"],
        ])
    }

    @Test func fullStopBetweenWordCharactersJoinsAcrossScripts() {
        #expect(TextNormalizer.sentences("R$ 1.240 á.é ok. fim") == [["r", "1", "240", "a", "e", "ok"], ["fim"]])
        // A full stop before a non-ASCII letter joins too; before a symbol or the end it ends the sentence.
        #expect(TextNormalizer.sentences("a.ç b.€ c.") == [["a", "c", "b"], ["c"]])
    }

    @Test func clausesBreakAtCommasAndColonsButNotInsideNumbers() {
        #expect(TextNormalizer.clauses("no signal, and R$ 1,5 missing: help. ok") == [
            ["no", "signal"], ["and", "r", "1", "5", "missing"], ["help"], ["ok"],
        ])
        // Sentences are not broken at commas; a comma with nothing before it makes no empty clause.
        #expect(TextNormalizer.sentences("no signal, and money") == [["no", "signal", "and", "money"]])
        #expect(TextNormalizer.clauses(", hi ,, there") == [["hi"], ["there"]])
    }

    @Test func lettersAndDigitsOfOtherScriptsAreWordCharacters() {
        #expect(TextNormalizer.words("Привет мир ١٢٣ 東京") == ["привет", "мир", "١٢٣", "東京"])
        #expect(TextNormalizer.words("😀 hi 😀") == ["hi"])
    }

    @Test func onlyTheFirstScalarsAreRead() {
        let long = String(repeating: "a ", count: TextNormalizer.maxScalars) + "tail"
        #expect(!TextNormalizer.words(long).contains("tail"))
        #expect(TextNormalizer.words(long).count == TextNormalizer.maxScalars / 2)
        // A multi-byte text is cut by scalars, not bytes.
        let accented = String(repeating: "é ", count: TextNormalizer.maxScalars / 2 - 2) + "fim"
        #expect(TextNormalizer.words(accented).last == "fim")
    }
}
