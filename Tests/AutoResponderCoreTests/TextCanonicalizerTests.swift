import Testing

@testable import AutoResponderCore

/// How the client's words are put into the keywords' spelling, with the repository's table.
@Suite struct TextCanonicalizerTests {
    let canonicalizer: TextCanonicalizer

    init() throws {
        canonicalizer = try repositoryRouter().canonicalizer
    }

    func read(_ text: String) -> String {
        canonicalizer.canonicalize(sentences: TextNormalizer.sentences(text)).map { $0.joined(separator: " ") }
            .joined(separator: " | ")
    }

    @Test(arguments: [
        ("vc ja mandou? n chegou", "voce ja mandou | nao chegou"),
        ("pq a maq ta offline hj", "porque a maquina esta offline hoje"),
        ("kd meu dinheiro q vendi", "cade meu dinheiro que vendi"),
        ("wheres my pos plz", "wheres my machine please"),
        ("u didn't send it, ur app is down", "you didnt send it your app is down"),
        ("I didn t get it", "i didnt get it"),
    ])
    func abbreviationsAndSlangAreRead(_ text: String, expected: String) {
        #expect(read(text) == expected)
    }

    @Test(arguments: [
        ("my mashine didnt arive", "my machine didnt arrive"),
        ("no singal on the terminal", "no signal on the terminal"),
        ("the sim dont work, no signl", "the sim dont work no signal"),
        ("minha maqina nao xegou", "minha maquina nao chegou"),
        ("a entega atrasou", "a entrega atrasou"),
        ("i havent recived the payement", "i havent received the payment"),
        ("the terminal is ofline", "the terminal is offline"),
    ])
    func typingErrorsInLongerWordsAreCorrected(_ text: String, expected: String) {
        #expect(read(text) == expected)
    }

    @Test(arguments: [
        ("mymachine hasnt come", "my machine hasnt come"),
        ("minhamaquina naochegou", "minha maquina nao chegou"),
        ("a ma quina nao chegou", "a maquina nao chegou"),
        ("no in ternet", "no internet"),
    ])
    func gluedAndSplitWordsAreReadAsTheKeywordsWords(_ text: String, expected: String) {
        #expect(read(text) == expected)
    }

    @Test(arguments: [
        "there is a problem", "I am writing about it", "o que ele perdeu", "entre em contato", "passada a semana",
        "the restaurant restarted", "sign here", "my mother", "the bus", "sem sim", "no chip", "I'm here",
    ])
    func realWordsAndShortWordsAreLeftAlone(_ text: String) {
        #expect(read(text) == TextNormalizer.normalize(text))
    }

    @Test func everyRewriteIsReported() {
        var rewrites: [String] = []
        _ = canonicalizer.canonicalize(["my", "mashine", "n", "conecta"], rewrites: &rewrites)
        #expect(rewrites == ["mashine→machine"])  // replacements are not reported: they are the table's
    }

    @Test func anEmptyTableChangesNothing() {
        let identity = TextCanonicalizer.identity
        #expect(identity.canonicalize(sentences: [["mashine", "vc", "mymachine"]]) == [["mashine", "vc", "mymachine"]])
    }

    @Test func editDistanceCountsTypingErrors() {
        func distance(_ a: String, _ b: String, bound: Int = 3) -> Int? {
            var (a, b) = (a, b)
            return a.withUTF8 { x in b.withUTF8 { y in EditDistance.distance(x, y, bound: bound) } }
        }
        #expect(distance("signal", "signal") == 0)
        #expect(distance("singal", "signal") == 1)  // swap
        #expect(distance("signl", "signal") == 1)  // missed
        #expect(distance("monry", "money") == 1)  // neighbouring key
        #expect(distance("writing", "waiting") == 2)  // far key: delete + insert
        #expect(distance("abc", "xyzabc", bound: 2) == nil)  // above the bound
    }
}
