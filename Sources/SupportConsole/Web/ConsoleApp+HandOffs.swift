import AutoResponderCore
import AutoResponderService
import Foundation
import Hummingbird
import Logging

/// One open hand-off in the list.
struct HandOffItem {
    let id: Int
    let conversationID: String
    let conversationPath: String
    let merchantID: String
    let merchantPath: String?
    let subject: String
    let reason: String
    let reasonText: String
    let detail: String?
    let messageID: String
    let age: String
    let createdAt: String
    let messages: [MessageItem]
    let messagesNote: String?
    let reply: String?
    let replyCut: String?
    let replyStatus: String
}

/// The model of "Needs a person".
struct HandOffsModel {
    let total: Int
    let items: [HandOffItem]
    let pager: PagerModel
    let csrf: String
    let returnPath: String
}

extension ConsoleApp {
    /// Hand-offs per page.
    static let handOffsPageSize = 20

    /// `GET /?page=N`: the open hand-offs, oldest first, with each conversation's latest client
    /// messages (asked of the chats API, side by side) and the reply the service sent.
    func handOffsPage(_ request: Request, context: ConsoleContext) async throws -> Response {
        let total = try await operatorClient.openHandOffCount()
        let pagination = Pagination(
            requested: request.uri.queryParameters.get("page"), total: total, size: Self.handOffsPageSize)
        let handOffs = try await operatorClient.openHandOffs(limit: pagination.size, offset: pagination.offset)
        let readings = await readConversations(Set(handOffs.map(\.conversationID)))
        let format = formatting(context)
        let t = context.language.strings
        let items = handOffs.map { handOff -> HandOffItem in
            let reading = readings[handOff.conversationID] ?? .notFound
            let marks = LedgerMarks(reply: handOff.reply, messageID: handOff.messageID, status: handOff.replyStatus)
            let messages = format.messages(
                reading, marks: marks, latest: Limits.listedMessages, limit: Limits.listedMessage, clientOnly: true)
            let reply = handOff.reply.map { format.shown($0, limit: Limits.reply) }
            return HandOffItem(
                id: handOff.id, conversationID: format.short(handOff.conversationID),
                conversationPath: Paths.conversation(handOff.conversationID), merchantID: format.short(handOff.merchantID),
                merchantPath: handOff.merchantID.map(Paths.search), subject: format.short(handOff.subject ?? "—"),
                reason: format.short(handOff.reason), reasonText: t["reason_" + handOff.reason] ?? "",
                detail: handOff.detail.map { format.short($0, limit: Limits.detail) }, messageID: format.short(handOff.messageID),
                age: format.age(since: handOff.createdAt), createdAt: format.time(handOff.createdAt),
                messages: messages.items, messagesNote: messages.note, reply: reply?.text, replyCut: reply?.cut,
                replyStatus: format.short(handOff.replyStatus ?? ""))
        }
        let path = pagination.number > 1 ? "/?page=\(pagination.number)" : "/"
        let model = HandOffsModel(
            total: total, items: items, pager: pagination.links("/"), csrf: context.session?.csrfToken ?? "",
            returnPath: path)
        let flash = request.uri.queryParameters.get("resolved").flatMap(Int.init).map {
            context.language.format("flash_resolved", String($0))
        }
        return await page(
            "handoffs", title: t["handoffs_title"] ?? "", section: .handOffs, model: model, context: context, flash: flash,
            refresh: true)
    }

    /// `POST /handoffs/ID/resolve`: marks the hand-off resolved by the signed-in operator.
    func resolveHandOff(_ request: Request, context: ConsoleContext) async throws -> Response {
        let form = await Form.read(request, context: context)
        guard let session = context.session, CSRF.allows(request, form: form, session: session) else {
            return problem(.forbidden, "problem_csrf", context: context)
        }
        guard let id = context.parameters.get("id").flatMap(Int.init) else {
            return problem(.badRequest, "problem_bad_request", context: context)
        }
        let back = Paths.local(form["return"])
        guard try await operatorClient.resolveHandOff(id: id, by: session.user) else {
            return Responses.redirect(back)  // resolved meanwhile (by someone else, or a second click)
        }
        logger.info("hand-off resolved in the console", metadata: ["handoff.id": "\(id)", "operator": "\(session.user)"])
        return Responses.redirect(back + (back.contains("?") ? "&" : "?") + "resolved=\(id)")
    }

    /// What the chats API says of each conversation, asked side by side.
    func readConversations(_ ids: Set<String>) async -> [String: ChatsReader.Reading] {
        await withTaskGroup(of: (String, ChatsReader.Reading).self) { group in
            for raw in ids {
                group.addTask {
                    guard let id = try? ConversationID(raw) else { return (raw, .notFound) }
                    return (raw, await chats.read(id))
                }
            }
            var readings: [String: ChatsReader.Reading] = [:]
            for await (id, reading) in group { readings[id] = reading }
            return readings
        }
    }

    /// How times and texts are written for this request.
    func formatting(_ context: ConsoleContext) -> Formatting {
        Formatting(language: context.language, zone: configuration.service.businessTimeZone)
    }
}
