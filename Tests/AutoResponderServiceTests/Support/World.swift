import AutoResponderCore
import Foundation
import Logging
import Resolvers
import Resilience
import Testing

@testable import AutoResponderService

/// A worker's world over fakes: the chats API, the ledger's tables, the hand-off table and the
/// telecom API, with the real responder built from the repository's `config/` (replies are the real
/// templates). ``worker`` is one worker process (instance `w1`, its own echo-fact cache); ``other``
/// is the ledger of a second worker (`w2`) sharing the same tables.
struct World {
    static let conversationID = "c1"
    static let merchant = "530364"
    static let chip = "CHIP37649"
    /// What the telecom reply says of the chip.
    static let chipFacts = [chip, "active", "OK"]
    /// A phrase of the hand-off template (`config/templates/en/handoff.mustache`).
    static let handOffPhrase = "a person from our support team will follow up"

    let chats = FakeChats()
    let store = LedgerStore()
    let handOffs = FakeHandOffs()
    let telecom = FakeTelecom(statuses: [ChipStatus(chipID: try! ChipID(chip), rawStatus: "active", description: "OK")])
    let worker: JobProcessor
    let other: FakeReplyLedger

    /// - Parameters:
    ///   - messages: the client messages of conversation `c1` (subject `connection problem`, which
    ///     the telecom resolver answers); written two minutes ago, a second apart.
    init(
        messages: [String] = ["my machine does not connect"], subject: String = "connection problem",
        policy: AmbiguousSendPolicy = AmbiguousSendPolicy(mode: .recheck, settle: .seconds(10)), maxAttempts: Int = 3,
        retryBudget: Duration = .seconds(300)
    ) throws {
        let dependencies = ResolverDependencies(
            merchants: FakeMerchants(sales: [
                try Sale(
                    idSale: "34853", merchantID: Self.merchant, chipID: Self.chip,
                    createdAt: Date(timeIntervalSince1970: 1_612_191_600), status: "done", description: nil)
            ]),
            logistics: FakeLogistics(), telecom: telecom,
            sources: DataSources().adding(UnknowingSource(name: "maintenance")),
            businessTimeZone: TimeZone(identifier: "America/Sao_Paulo")!, logger: quietLogger)
        let responder = try ConversationResponder(
            configuration: try ResponderConfiguration.load(directory: configDirectory), registry: .standard,
            dependencies: dependencies)
        worker = JobProcessor(
            chats: chats, ledger: FakeReplyLedger(store: store, instanceID: "w1"), responder: responder,
            handOffs: handOffs,
            retryPolicy: RetryPolicy(levels: [.seconds(5), .seconds(30)], budget: retryBudget, maxAttempts: maxAttempts),
            databaseGuard: UpstreamGuard(
                name: "database", breaker: CircuitBreakerPolicy(), ratePerSecond: nil, logger: quietLogger),
            markSentPatience: .milliseconds(300), ambiguousSend: policy, parkedRecheck: .seconds(300))
        other = FakeReplyLedger(store: store, instanceID: "w2")
        let start = Date().addingTimeInterval(-120)
        chats.put(
            Conversation(
                id: try ConversationID(Self.conversationID), merchantID: try MerchantID(Self.merchant), subject: subject,
                messages: try messages.enumerated().map { index, text in
                    ChatMessage(id: try MessageID("m\(index + 1)"), text: text, createdAt: start + Double(index))
                }))
        store.seedConversation(Self.conversationID)  // the dispatcher saw it in the active list
    }

    /// One job for conversation `c1`, done by ``worker``.
    @discardableResult
    func job(_ id: String = conversationID) async -> JobOutcome {
        await worker.process(Job(conversationID: id, reason: "recheck"), logger: quietLogger)
    }

    /// The client writes again.
    func clientWrites(_ text: String, id: String) {
        chats.append(ChatMessage(id: try! MessageID(id), text: text, createdAt: Date()), to: Self.conversationID)
    }

    /// Lets `seconds` pass for the ledger and the chats API.
    func age(by seconds: TimeInterval) {
        store.age(by: seconds)
        chats.age(by: seconds)
    }

    /// The texts the client of `c1` received.
    var delivered: [String] { chats.delivered(to: Self.conversationID) }

    /// The ledger row of `c1`'s message.
    func row(_ message: String) -> LedgerStore.Row? { store.row(Self.conversationID, message) }

    /// The ledger's conversation row of `c1`.
    var conversationRow: LedgerStore.ConversationRow? { store.conversation(Self.conversationID) }

    /// A claim by the other worker (`w2`) over `messages` of `c1`.
    func otherClaims(_ messages: [String], text: String = "another worker's reply") async throws -> ClaimOutcome {
        try await other.claim(
            ReplyClaim(
                conversationID: try ConversationID(Self.conversationID), messageIDs: messages.map { try MessageID($0) },
                group: "other-\(UUID().uuidString)", text: text, resolver: "telecom", language: "english",
                waitingSince: nil),
            jobID: "other-job", takingOver: [])
    }
}

/// Where the repository's `config/` folder is.
let configDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // World.swift
    .deletingLastPathComponent()  // Support
    .deletingLastPathComponent()  // AutoResponderServiceTests
    .deletingLastPathComponent()  // Tests
    .appendingPathComponent("config")

let quietLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

extension JobOutcome {
    /// Whether this is `.replied` (with the hand-off flag).
    func isReplied(handedOff: Bool = false) -> Bool {
        if case .replied(_, let flag) = self { flag == handedOff } else { false }
    }
}

/// Checks that `text` holds every one of `facts`.
func expect(_ text: String?, contains facts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    for fact in facts {
        #expect(text?.contains(fact) == true, "missing \(fact) in: \(text ?? "nil")", sourceLocation: sourceLocation)
    }
}
