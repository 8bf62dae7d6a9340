import Foundation
import AutoResponderCore
import AutoResponderService

/// One chat message as a template shows it.
struct MessageItem {
    let id: String
    let time: String
    /// `client`, or `echo` for the chats API's copy of a reply of the service.
    let kind: String
    /// `answered`, `waiting`, `reply of the service`, localized.
    let mark: String?
    let text: String
    let cut: String?
}

/// What the ledger says of a conversation's messages, to mark them.
struct LedgerMarks {
    /// The status of each client message's reply (`sent`, `claimed`, …).
    var statusByMessage: [String: String] = [:]
    /// The texts of the replies recorded (an equal message is the chats API's echo of one).
    var replyTexts: Set<String> = []

    init(_ rows: [ConversationRecord.LedgerRow]) {
        for row in rows {
            statusByMessage[row.messageID] = row.status
            replyTexts.insert(row.replyText.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    init(reply: String?, messageID: String, status: String?) {
        if let reply { replyTexts.insert(reply.trimmingCharacters(in: .whitespacesAndNewlines)) }
        if let status { statusByMessage[messageID] = status }
    }
}

extension Formatting {
    /// The latest `count` messages of what the chats API said (each cut at `limit` characters), or
    /// none and a note saying why there are none.
    func messages(
        _ reading: ChatsReader.Reading, marks: LedgerMarks, latest count: Int, limit: Int, clientOnly: Bool = false
    ) -> (items: [MessageItem], note: String?) {
        let t = language.strings
        switch reading {
        case .notConfigured: return ([], t["messages_not_configured"])
        case .notFound: return ([], t["messages_not_found"])
        case .unavailable(let why): return ([], language.format("messages_unavailable", short(why, limit: 300)))
        case .found(let conversation, let unreadable):
            var items: [MessageItem] = []
            for message in conversation.messages {
                let isEcho = marks.replyTexts.contains(message.text.trimmingCharacters(in: .whitespacesAndNewlines))
                if isEcho && clientOnly { continue }
                let mark: String? =
                    isEcho
                    ? t["mark_echo"]
                    : marks.statusByMessage[message.id.rawValue].map { $0 == "sent" ? t["mark_answered"] ?? $0 : $0 }
                let shown = shown(message.text, limit: limit)
                items.append(
                    MessageItem(
                        id: message.id.rawValue, time: time(message.createdAt), kind: isEcho ? "echo" : "client", mark: mark,
                        text: shown.text, cut: shown.cut))
            }
            var notes: [String] = []
            if items.count > count { notes.append(language.format("messages_earlier", String(items.count - count))) }
            if unreadable > 0 { notes.append(language.format("messages_unreadable", String(unreadable))) }
            if items.isEmpty { notes.append(t["messages_none"] ?? "") }
            return (Array(items.suffix(count)), notes.isEmpty ? nil : notes.joined(separator: " "))
        }
    }
}
