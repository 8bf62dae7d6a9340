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
}
