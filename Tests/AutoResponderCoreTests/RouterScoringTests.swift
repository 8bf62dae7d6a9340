import Testing

@testable import AutoResponderCore

/// The scoring rules, on a small configuration written here (the repository's keywords are tested in
/// ``RouterTests`` and ``RouterHeldOutTests``).
@Suite struct RouterScoringTests {
    let router: Router

    init() throws {
        router = Router(configuration: try RoutingConfiguration.parse(yaml: """
            fallback: person
            label_weight: 2
            override_score: 3
            resolvers:
              - name: money
                labels: [money problem]
                keywords: [{transfer: 3}, {cash: 2}, {coin: 1}, {transfer ... arrived: 4}]
              - name: parcel
                labels: [parcel problem]
                keywords: [{box: 1}, {courier: 3}, arrived, {box ... arrived: 3}]
              - name: person
                keywords: [{change ... transfer: 5}, {invoice: 5}]
            """))
    }

    @Test func aSilentTextKeepsTheLabel() {
        let decision = router.route(subject: "parcel problem", texts: ["hello? anyone?"])
        #expect(decision.resolver == "parcel")
        #expect(decision.reason == .label)
        #expect(decision.scores == ["parcel": 2])
    }

    @Test func aWeakContraryHintKeepsTheLabel() {
        // cash (2) is below override_score: the label still counts and wins the tie.
        let decision = router.route(subject: "parcel problem", texts: ["cash"])
        #expect(decision.resolver == "parcel")
        #expect(decision.scores == ["parcel": 2, "money": 2])
    }

    @Test func aClearTextOverridesALabelItDoesNotSupport() {
        let decision = router.route(subject: "parcel problem", texts: ["where is my transfer"])
        #expect(decision.resolver == "money")
        #expect(decision.reason == .keywords)
        #expect(decision.overridesLabel)
        #expect(decision.scores == ["money": 3])  // the label's prior did not count
    }

    @Test func aSupportedLabelStillCountsAgainstAClearText() {
        // box (1) supports the label: 1 + 2 = 3 ties transfer (3), and ties favour the label.
        #expect(router.route(subject: "parcel problem", texts: ["the box and the transfer"]).resolver == "parcel")
        // A second money keyword outweighs it.
        #expect(router.route(subject: "parcel problem", texts: ["the box and the transfer, cash"]).resolver == "money")
    }

    @Test func aPhraseSettlesWhatItsWordsMean() {
        // "arrived" inside "transfer ... arrived" is no evidence of a parcel: the label gets no support.
        let money = router.route(subject: "parcel problem", texts: ["the transfer has not arrived"])
        #expect(money.resolver == "money")
        #expect(money.scores["parcel"] == nil)
        #expect(money.matchedKeywords == ["transfer ... arrived"])
        // The same word with a parcel's noun.
        let parcel = router.route(subject: "money problem", texts: ["the box has not arrived"])
        #expect(parcel.resolver == "parcel")
        #expect(parcel.matchedKeywords == ["box ... arrived"])
    }

    @Test func keywordsDoNotSpanSentences() {
        let decision = router.route(subject: "", texts: ["I sent the transfer. It arrived?"])
        #expect(decision.matchedKeywords == ["transfer"])
        #expect(decision.scores == ["money": 3, "parcel": 1])
    }

    @Test func aRequestNoResolverAnswersBeatsAnUnsupportedLabel() {
        #expect(router.route(subject: "parcel problem", texts: ["I need an invoice"]).resolver == "person")
        #expect(router.route(subject: "money problem", texts: ["how do I change my transfer account"]).resolver == "person")
        // …but not a label whose topic the text clearly supports.
        #expect(router.route(subject: "money problem", texts: ["invoice for the transfer, cash"]).resolver == "money")
    }

    @Test func anUnlistedLabelPointsByItsWordsButWeighsAtMostTheLabelWeight() {
        let silent = router.route(subject: "courier issue", texts: ["hi"])
        #expect(silent.resolver == "parcel")
        #expect(silent.reason == .keywords)
        #expect(silent.labelResolver == nil)
        #expect(silent.scores == ["parcel": 2])
        #expect(router.route(subject: "courier issue", texts: ["my transfer"]).resolver == "money")
    }

    @Test func nothingAtAllFallsBack() {
        let decision = router.route(subject: "whatever", texts: ["hi"])
        #expect(decision.resolver == "person")
        #expect(decision.reason == .fallback)
        #expect(decision.scores.isEmpty)
    }

    @Test func aVagueFollowUpStaysWithTheConversationsTopic() {
        // The label is wrong; the first message was clear; the follow-up says nothing clear.
        let decision = router.route(subject: "parcel problem", pending: ["thanks, any news?"], earlier: ["my transfer"])
        #expect(decision.resolver == "money")
        #expect(router.route(subject: "parcel problem", texts: ["thanks, any news?"]).resolver == "parcel")
    }

    @Test func aClearFollowUpMovesOnToItsOwnTopic() {
        let decision = router.route(subject: "money problem", pending: ["and the courier?"], earlier: ["my transfer"])
        #expect(decision.resolver == "parcel")
        #expect(router.route(subject: "money problem", pending: ["hi"], earlier: []).resolver == "money")
    }

    @Test func neutralPhrasesHideTheirWords() throws {
        let configuration = try RoutingConfiguration.parse(yaml: """
            fallback: person
            neutral: [box office|cash register]
            resolvers:
              - {name: money, keywords: [{cash: 3}]}
              - {name: parcel, keywords: [{box: 3}]}
              - {name: person}
            """)
        let neutralRouter = Router(configuration: configuration)
        #expect(neutralRouter.route(subject: "", texts: ["the cash register"]).reason == .fallback)
        #expect(neutralRouter.route(subject: "", texts: ["the box office has cash"]).resolver == "money")
        #expect(neutralRouter.route(subject: "", texts: ["the box"]).resolver == "parcel")
        #expect(throws: ConfigurationError.self) {
            try RoutingConfiguration.parse(yaml: "fallback: h\nneutral: [\"...\"]\nresolvers: [{name: h}]")
        }
    }

    @Test func overrideScoreIsReadAndChecked() throws {
        #expect(router.configuration.overrideScore == 3)
        #expect(try RoutingConfiguration.parse(yaml: "fallback: h\nresolvers: [{name: h}]").overrideScore == 3)
        #expect(throws: ConfigurationError.self) {
            try RoutingConfiguration.parse(yaml: "fallback: h\noverride_score: 0\nresolvers: [{name: h}]")
        }
        #expect(throws: ConfigurationError.self) {
            try RoutingConfiguration.parse(yaml: #"fallback: h\#nresolvers: [{name: h, keywords: ["a ..."]}]"#)
        }
    }
}
