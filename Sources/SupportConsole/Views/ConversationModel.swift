/// The model of a conversation's page.
struct ConversationModel {
    struct Latest {
        let resolver: String
        let language: String
        let route: String
        let facts: String
    }
    struct Failure {
        let attempts: Int
        let failingKey: String?
        let lastError: String?
        let parkedAt: String?
        let parkedReason: String?
    }
    struct HandOffRow {
        let handOffID: Int
        let messageID: String
        let reason: String
        let reasonText: String
        let detail: String
        let createdAt: String
        let resolvedText: String?
    }
    struct LedgerItem {
        let messageID: String
        let status: String
        let resolver: String
        let language: String
        let claimedAt: String
        let sentAt: String
        let triedAt: String?
        let attempts: Int
        let claimedBy: String
        let jobID: String
        let reply: String
        let replyCut: String?
        let route: String?
        let facts: String?
    }
    struct Fact {
        let label: String
        let value: String
    }

    let id: String
    let known: Bool
    let merchantID: String
    let merchantPath: String?
    let subject: String
    let active: Bool
    let closed: Bool
    let waiting: Bool
    let parked: Bool
    let openHandOffs: Bool
    let latest: Latest?
    let messages: [MessageItem]
    let messagesNote: String?
    let failure: Failure?
    let handOffs: [HandOffRow]
    let hasHandOffs: Bool
    let ledger: [LedgerItem]
    let hasLedger: Bool
    let stateFacts: [Fact]
    let hasStateFacts: Bool
    let csrf: String
    let returnPath: String
}
