import AutoResponderService
import Foundation
import Hummingbird
import Logging

/// The model of the dead-letters page.
struct DeadLettersModel {
    struct Letter {
        let id: String
        let conversationID: String
        let path: String?
        let reason: String
        let attempts: String
        let body: String
    }

    let count: String
    let letters: [Letter]
    let hasLetters: Bool
    let error: String?
    let csrf: String
}

extension ConsoleApp {
    /// Dead letters listed at most.
    static let deadLettersShown = 200

    /// `GET /dead-letters`: the dead letters, oldest first, each to inspect and replay. Not refreshed
    /// by itself (each look is a peek, which a quorum queue counts as a delivery).
    func deadLettersPage(_ request: Request, context: ConsoleContext) async -> Response {
        let format = formatting(context)
        let t = context.language.strings
        let result = await attempt { try await operatorClient.deadLetters(limit: Self.deadLettersShown) }
        let letters = ((try? result.get()) ?? []).map { letter in
            DeadLettersModel.Letter(
                id: format.short(letter.id), conversationID: format.short(letter.conversationID ?? ""),
                path: letter.conversationID.map(Paths.conversation), reason: format.short(letter.reason, limit: Limits.detail),
                attempts: letter.attempts.map(String.init) ?? "—", body: format.short(letter.body, limit: 4096))
        }
        let model = DeadLettersModel(
            count: letters.count >= Self.deadLettersShown ? "\(letters.count)+" : String(letters.count), letters: letters,
            hasLetters: !letters.isEmpty,
            error: result.failureText.map { context.language.format("dead_letters_unavailable", format.short($0, limit: 300)) },
            csrf: context.session?.csrfToken ?? "")
        var flash: String?
        if let replayed = request.uri.queryParameters.get("replayed").flatMap(Int.init) {
            flash = context.language.format("flash_replayed", String(replayed))
        } else if let purged = request.uri.queryParameters.get("purged").flatMap(Int.init) {
            flash = context.language.format("flash_purged", String(purged))
        }
        return await page(
            "deadLetters", title: t["dead_letters_title"] ?? "", section: .deadLetters, model: model, context: context,
            flash: flash)
    }

    /// `POST /dead-letters/replay` with `id` (one) or `all=1`: un-parks each conversation, publishes its
    /// job again and removes the dead letter (``OperatorClient/replayDeadLetters(ids:)``).
    func replayDeadLetters(_ request: Request, context: ConsoleContext) async throws -> Response {
        let form = await Form.read(request, context: context)
        guard let session = context.session, CSRF.allows(request, form: form, session: session) else {
            return problem(.forbidden, "problem_csrf", context: context)
        }
        let ids: Set<String>
        if form["all"] == "1" {
            ids = []
        } else if let id = form["id"], !id.isEmpty, id.count <= 256 {
            ids = [id]
        } else {
            return problem(.badRequest, "problem_bad_request", context: context)
        }
        let replayed = try await operatorClient.replayDeadLetters(ids: ids)
        logger.info(
            "dead letters replayed in the console", metadata: ["count": "\(replayed.count)", "operator": "\(session.user)"])
        return Responses.redirect("/dead-letters?replayed=\(replayed.count)")
    }

    /// `POST /dead-letters/purge` with `confirm=yes`: deletes every dead letter (parked conversations
    /// stay parked).
    func purgeDeadLetters(_ request: Request, context: ConsoleContext) async throws -> Response {
        let form = await Form.read(request, context: context)
        guard let session = context.session, CSRF.allows(request, form: form, session: session) else {
            return problem(.forbidden, "problem_csrf", context: context)
        }
        guard form["confirm"] == "yes" else { return problem(.badRequest, "problem_bad_request", context: context) }
        let purged = try await operatorClient.purgeDeadLetters()
        logger.notice("dead letters purged in the console", metadata: ["count": "\(purged)", "operator": "\(session.user)"])
        return Responses.redirect("/dead-letters?purged=\(purged)")
    }

    /// `POST /parked/release` with `id`: takes the conversation out of the park and publishes its job.
    func releaseParked(_ request: Request, context: ConsoleContext) async throws -> Response {
        let form = await Form.read(request, context: context)
        guard let session = context.session, CSRF.allows(request, form: form, session: session) else {
            return problem(.forbidden, "problem_csrf", context: context)
        }
        guard let id = form["id"], !id.isEmpty, id.count <= 64 else {
            return problem(.badRequest, "problem_bad_request", context: context)
        }
        let released = try await operatorClient.releaseParked(ids: [id])
        logger.info("parked conversation released in the console", metadata: ["conversation.id": "\(id)", "operator": "\(session.user)"])
        let back = Paths.local(form["return"], fallback: "/overview")
        return Responses.redirect(back + (back.contains("?") ? "&" : "?") + "released=\(released.count)")
    }
}
