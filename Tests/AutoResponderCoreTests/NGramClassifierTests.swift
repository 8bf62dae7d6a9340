import Testing

@testable import AutoResponderCore

@Suite struct NGramClassifierTests {
    static func words(_ text: String) -> [[String]] { TextNormalizer.sentences(text) }

    let classifier = NGramClassifier(examples: [
        (words("the parcel with my package is late"), ["parcel"]),
        (words("where is my parcel, the courier never came"), ["parcel"]),
        (words("tracking of my package please"), ["parcel"]),
        (words("my bank transfer is missing"), ["money"]),
        (words("the money did not reach my bank account"), ["money"]),
        (words("where is my transfer of money"), ["money"]),
        (words("hello, good morning"), [NGramClassifier.noTopic]),
    ])

    @Test func learnsTopicsFromCharacterNGrams() throws {
        let parcel = try #require(classifier.classify(Self.words("my pakage and the parcell are late")))
        #expect(parcel.label == "parcel")
        let money = try #require(classifier.classify(Self.words("transfr to my bank")))
        #expect(money.label == "money")
        #expect(money.confidence > 0.5 && money.confidence <= 1)
        #expect(money.knownFeatures > 10)
    }

    @Test func isDeterministicAndSaysNothingOfTheUnseen() {
        let text = Self.words("the courier and my bank")
        #expect(classifier.classify(text) == classifier.classify(text))
        #expect(classifier.classify(Self.words("ÿÿÿ")) == nil)
        #expect(NGramClassifier(examples: []).classify(text) == nil)
    }

    @Test func theRepositoryClassifierIsTrainedOnEveryTopic() throws {
        let classes = try #require(try repositoryRouter().classifier?.classes)
        #expect(Set(classes) == ["logistics", "telecom", "receipt", "maintenance", "handoff", NGramClassifier.noTopic])
    }

    @Test func theSecondOpinionIsRecordedButNeverOutvotesTheKeywords() throws {
        let router = try repositoryRouter()
        // Keywords say nothing clear: the classifier is asked and its answer recorded.
        let weak = router.route(subject: "", texts: ["e a grana?"])
        #expect(weak.secondOpinion != nil)
        #expect(weak.description.contains("second opinion"))
        // Keywords clear: it is not asked.
        #expect(router.route(subject: "", texts: ["my chip has no signal"]).secondOpinion == nil)
        // A word of gibberish is no evidence, however confident the arithmetic.
        #expect(router.route(subject: "", texts: ["blah"]).reason == .fallback)
    }

    /// A router of two topics whose keywords know one word each, with this classifier behind them.
    static func smallRouter(aloneConfidence: Double?) throws -> Router {
        let examples = [
            ("parcel", "the parcel with my package is late"), ("parcel", "where is my parcel, the courier never came"),
            ("parcel", "tracking of my package please"), ("money", "my bank transfer is missing"),
            ("money", "the money did not reach my bank account"), ("money", "where is my transfer of money"),
        ].map { RoutingExample(topics: [$0.0], language: "en", label: "", text: $0.1) }
        return Router(
            configuration: RoutingConfiguration(
                fallback: "handoff",
                resolvers: [
                    .init(name: "parcel", keywords: [.init(pattern: try #require(KeywordPattern("parcel")), weight: 3)]),
                    .init(name: "money", keywords: [.init(pattern: try #require(KeywordPattern("bank")), weight: 3)]),
                    .init(name: "handoff"),
                ],
                secondOpinion: .init(
                    training: examples, minConfidence: 0.5, minFeatures: 5, weight: 3, aloneConfidence: aloneConfidence)))
    }

    @Test func aVeryConfidentSecondOpinionDecidesWhereNoKeywordKnowsTheWords() throws {
        let text = ["the courier with my package is late"]  // no keyword: `parcel` is not there
        let keywordsOnly = try Self.smallRouter(aloneConfidence: nil).route(subject: "", texts: text)
        #expect(keywordsOnly.resolver == "handoff")
        #expect(keywordsOnly.secondOpinion?.label == "parcel")

        let alone = try Self.smallRouter(aloneConfidence: 0.5).route(subject: "", texts: text)
        #expect(alone.resolver == "parcel")
        #expect(alone.reason == .secondOpinion)
        #expect(alone.description.contains("second opinion parcel"))
        // Below `alone_confidence` it still needs a keyword's support.
        #expect(try Self.smallRouter(aloneConfidence: 1).route(subject: "", texts: text).resolver == "handoff")
        // It is not asked when the keywords are clear.
        #expect(try Self.smallRouter(aloneConfidence: 0.5).route(subject: "", texts: ["my bank"]).secondOpinion == nil)
    }
}
