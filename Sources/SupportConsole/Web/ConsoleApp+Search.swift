import AutoResponderCore
import AutoResponderService
import Foundation
import Hummingbird

/// The model of the search page.
struct SearchModel {
    struct Row {
        let conversationID: String
        let path: String
        let subject: String
        let state: String
        let lastSeen: String
        let lastReply: String
        let openHandOffs: Int
    }

    let query: String
    let invalid: Bool
    let conversationPath: String?
    let hasMerchant: Bool
    let total: Int
    let conversations: [Row]
    let pager: PagerModel?
    let nothing: Bool
}

extension ConsoleApp {
    /// Conversations per page of a merchant's list.
    static let searchPageSize = 25

    /// `GET /search?q=TEXT`: a conversation id goes straight to its page when the service knows it and
    /// no merchant has that id; a merchant id lists the merchant's conversations, a page at a time.
    func searchPage(_ request: Request, context: ConsoleContext) async throws -> Response {
        let query = (request.uri.queryParameters.get("q") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let t = context.language.strings
        let format = formatting(context)
        guard !query.isEmpty else { return Responses.redirect("/") }
        let asConversation = try? ConversationID(query)
        let asMerchant = try? MerchantID(query)
        guard asConversation != nil || asMerchant != nil else {
            let model = SearchModel(
                query: format.short(query, limit: 64), invalid: true, conversationPath: nil, hasMerchant: false, total: 0,
                conversations: [], pager: nil, nothing: false)
            return await page("search", title: t["search_title"] ?? "", model: model, context: context, status: .badRequest, query: query)
        }
        var known = false
        if let id = asConversation { known = try await operatorClient.knowsConversation(id.rawValue) }
        var total = 0
        if let merchant = asMerchant { total = try await operatorClient.conversationCount(ofMerchant: merchant.rawValue) }
        if known && total == 0, let id = asConversation {
            return Responses.redirect(Paths.conversation(id.rawValue))
        }
        let pagination = Pagination(
            requested: request.uri.queryParameters.get("page"), total: total, size: Self.searchPageSize)
        var rows: [SearchModel.Row] = []
        if let merchant = asMerchant, total > 0 {
            rows = try await operatorClient.conversations(
                ofMerchant: merchant.rawValue, limit: pagination.size, offset: pagination.offset
            ).map { summary in
                let state = [
                    summary.active == true ? t["state_active"] : summary.active == false ? t["state_closed"] : nil,
                    summary.parked ? t["state_parked"] : nil,
                ].compactMap { $0 }.joined(separator: ", ")
                return SearchModel.Row(
                    conversationID: summary.conversationID, path: Paths.conversation(summary.conversationID),
                    subject: format.short(summary.subject ?? "—"), state: state.isEmpty ? "—" : state,
                    lastSeen: format.time(summary.lastSeenAt), lastReply: format.time(summary.lastReplyAt),
                    openHandOffs: summary.openHandOffs)
            }
        }
        let model = SearchModel(
            query: query, invalid: false, conversationPath: asConversation.map { Paths.conversation($0.rawValue) },
            hasMerchant: total > 0, total: total, conversations: rows,
            pager: pagination.links(Paths.search(query)), nothing: !known && total == 0)
        return await page("search", title: t["search_title"] ?? "", model: model, context: context, query: query)
    }
}
