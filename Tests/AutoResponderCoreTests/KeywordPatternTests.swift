import Testing

@testable import AutoResponderCore

@Suite struct KeywordPatternTests {
    private func words(_ text: String) -> [String] { TextNormalizer.words(text) }

    @Test func plainPhrasesMatchConsecutiveWordsOnly() throws {
        let pattern = try #require(KeywordPattern("bank account"))
        #expect(pattern.matches(words("my Bank-Account is wrong")))
        #expect(!pattern.matches(words("the bank has my account")))
    }

    @Test func alternativesMayHaveSeveralWords() throws {
        let pattern = try #require(KeywordPattern("conta bancária|bank account|saldo"))
        #expect(pattern.matches(words("minha conta bancaria")))
        #expect(pattern.matches(words("my bank account")))
        #expect(pattern.matches(words("o saldo")))
        #expect(!pattern.matches(words("minha conta")))
    }

    @Test func aGapAllowsUpToFourWordsBetweenParts() throws {
        let pattern = try #require(KeywordPattern("machine|máquina ... arriv*|chegou"))
        #expect(pattern.matches(words("the machine arrived")))
        #expect(pattern.matches(words("my machine still hasn't really arrived")))
        #expect(pattern.matches(words("a máquina ainda não chegou")))
        #expect(!pattern.matches(words("the machine is not here and I think it never arrived")))
        #expect(!pattern.matches(words("it arrived, the machine")))
        #expect(pattern.occurrencePositions(in: words("my machine still hasn't arrived")) == [[1, 4]])
    }

    @Test func aGapMatchIsTheNearestFromEachStart() throws {
        let pattern = try #require(KeywordPattern("money ... late"))
        #expect(pattern.occurrencePositions(in: words("money is late late")) == [[0, 2]])
        #expect(pattern.occurrences(in: words("money late and money late")) == 2)
    }

    @Test func partsCanChainAndBePrefixes() throws {
        let pattern = try #require(KeywordPattern("sales|vendas ... de|of ... ontem|yesterday*"))
        #expect(pattern.matches(words("as vendas de ontem")))
        #expect(pattern.matches(words("the sales of yesterday's morning")))
        #expect(!pattern.matches(words("vendas ontem")))
    }

    @Test(arguments: ["", "   ", "...", "a ...", "... a", "a ... ... b", "a | | ... b", "?!"])
    func malformedPatternsAreRejected(_ source: String) {
        #expect(KeywordPattern(source) == nil)
    }

    @Test func sentencesBreakAtSentencePunctuationOnly() {
        #expect(TextNormalizer.sentences("Hi! My machine, it's offline. Help?\nThanks") == [
            ["hi"], ["my", "machine", "its", "offline"], ["help"], ["thanks"],
        ])
        #expect(TextNormalizer.sentences("R$ 1.240,00 e.g. ok") == [["r", "1", "240", "00", "e", "g"], ["ok"]])
        #expect(TextNormalizer.sentences("?!  ...") == [])
        #expect(TextNormalizer.words("Não chegou. Ainda!") == ["nao", "chegou", "ainda"])
    }
}
