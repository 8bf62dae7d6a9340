import AutoResponderCore
import AutoResponderService
import Foundation
import Hummingbird

extension ConsoleApp {
    /// `GET /conversations/ID`: the messages (from the chats API, when it answers) and everything the
    /// service recorded: route, facts, ledger rows, hand-offs, failures and parking.
    func conversationPage(_ request: Request, context: ConsoleContext) async throws -> Response {
        guard let raw = context.parameters.get("id"), let id = try? ConversationID(raw) else {
            return problem(.badRequest, "problem_bad_conversation", context: context)
        }
        async let reading = chats.read(id)
        let record = try await operatorClient.conversationRecord(id.rawValue)
        let chatsReading = await reading
        let format = formatting(context)
        let t = context.language.strings
        let conversation: Conversation? = if case .found(let found, _) = chatsReading { found } else { nil }
        let merchant = record.state?.merchantID ?? conversation?.merchantID?.rawValue ?? record.handOffs.last?.merchantID
        let subject = record.state?.subject ?? conversation?.subject ?? record.handOffs.last?.subject
        let messages = format.messages(
            chatsReading, marks: LedgerMarks(record.ledger), latest: Limits.conversationMessages, limit: Limits.message)
        let path = Paths.conversation(id.rawValue)
        let model = ConversationModel(
            id: id.rawValue, known: !record.isEmpty, merchantID: format.short(merchant ?? "—"),
            merchantPath: merchant.map(Paths.search), subject: format.short(subject ?? "—"),
            active: record.state?.active == true, closed: record.state?.active == false,
            waiting: record.state?.waitingSince != nil, parked: record.state?.parkedAt != nil,
            openHandOffs: record.handOffs.contains { $0.resolvedAt == nil },
            latest: latest(record.ledger, format: format), messages: messages.items, messagesNote: messages.note,
            failure: failure(record.state, format: format), handOffs: handOffRows(record.handOffs, format: format, t: t),
            hasHandOffs: !record.handOffs.isEmpty, ledger: ledgerItems(record.ledger, format: format),
            hasLedger: !record.ledger.isEmpty, stateFacts: stateFacts(record.state, format: format, t: t),
            hasStateFacts: record.state != nil, csrf: context.session?.csrfToken ?? "", returnPath: path)
        let flash = flash(request, context: context)
        return await page(
            "conversation", title: "\(t["conversation"] ?? "") \(id.rawValue)", model: model, context: context, flash: flash,
            refresh: true, query: id.rawValue)
    }

    /// The flash message a redirect asked for (`?resolved=ID`, `?released=1`).
    func flash(_ request: Request, context: ConsoleContext) -> String? {
        if let id = request.uri.queryParameters.get("resolved").flatMap(Int.init) {
            return context.language.format("flash_resolved", String(id))
        }
        if let count = request.uri.queryParameters.get("released").flatMap(Int.init) {
            return context.language.format("flash_released", String(count))
        }
        return nil
    }

    private func latest(_ ledger: [ConversationRecord.LedgerRow], format: Formatting) -> ConversationModel.Latest? {
        guard let row = ledger.last(where: { $0.status == "sent" }) ?? ledger.last else { return nil }
        return .init(
            resolver: format.short(row.resolver), language: format.short(row.language),
            route: format.short(row.route ?? "—", limit: Limits.detail), facts: format.short(row.facts ?? "—", limit: 4000))
    }

    private func failure(_ state: ConversationRecord.State?, format: Formatting) -> ConversationModel.Failure? {
        guard let state, state.failedAttempts > 0 || state.parkedAt != nil else { return nil }
        return .init(
            attempts: state.failedAttempts, failingKey: state.failingKey.map { format.short($0) },
            lastError: state.lastError.map { format.short($0, limit: Limits.detail) },
            parkedAt: state.parkedAt.map(format.time), parkedReason: state.parkedReason.map { format.short($0, limit: Limits.detail) })
    }

    private func handOffRows(_ handOffs: [HandOffRecord], format: Formatting, t: [String: String]) -> [ConversationModel.HandOffRow] {
        handOffs.map { handOff in
            .init(
                handOffID: handOff.id, messageID: format.short(handOff.messageID), reason: format.short(handOff.reason),
                reasonText: t["reason_" + handOff.reason] ?? "", detail: format.short(handOff.detail ?? "", limit: Limits.detail),
                createdAt: format.time(handOff.createdAt),
                resolvedText: handOff.resolvedAt.map {
                    format.language.format("resolved_by", format.short(handOff.resolvedBy ?? "?"), format.time($0))
                })
        }
    }

    private func ledgerItems(_ ledger: [ConversationRecord.LedgerRow], format: Formatting) -> [ConversationModel.LedgerItem] {
        ledger.map { row in
            let reply = format.shown(row.replyText, limit: Limits.reply)
            return .init(
                messageID: format.short(row.messageID), status: format.short(row.status), resolver: format.short(row.resolver),
                language: format.short(row.language), claimedAt: format.time(row.claimedAt), sentAt: format.time(row.sentAt),
                triedAt: row.triedAt.map(format.time), attempts: row.attempts, claimedBy: format.short(row.claimedBy),
                jobID: format.short(row.jobID), reply: reply.text, replyCut: reply.cut,
                route: row.route.map { format.short($0, limit: Limits.detail) }, facts: row.facts.map { format.short($0, limit: 4000) })
        }
    }

    private func stateFacts(_ state: ConversationRecord.State?, format: Formatting, t: [String: String]) -> [ConversationModel.Fact] {
        guard let state else { return [] }
        let facts: [(String, String)] = [
            ("first_seen", format.time(state.firstSeenAt)), ("last_seen", format.time(state.lastSeenAt)),
            ("next_check", format.time(state.nextCheckAt)), ("jobs_published", String(state.jobsPublished)),
            ("waiting_since", format.time(state.waitingSince)), ("last_reply", format.time(state.lastReplyAt)),
        ]
        return facts.map { .init(label: t[$0.0] ?? $0.0, value: $0.1) }
    }
}
