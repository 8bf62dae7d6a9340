import Hummingbird

extension ConsoleApp {
    /// Every route. GET never changes anything; every change is a POST with the session's CSRF token.
    ///
    /// | route | page or action |
    /// | --- | --- |
    /// | `GET /login`, `POST /login`, `POST /logout` | signing in and out |
    /// | `GET /` (`?page=N`) | Needs a person: open hand-offs, oldest first |
    /// | `POST /handoffs/:id/resolve` | mark a hand-off resolved by the signed-in operator |
    /// | `GET /conversations/:id` | Conversation: messages, route, facts, ledger, hand-offs, failures |
    /// | `GET /search?q=` (`&page=N`) | a conversation by id, a merchant's conversations |
    /// | `GET /overview` | Overview: activity, latency, queues, processes, parked, latest replies |
    /// | `GET /dead-letters`, `POST /dead-letters/replay`, `POST /dead-letters/purge` | dead letters |
    /// | `POST /parked/release` | release a parked conversation |
    /// | `GET /static/console.css`, `GET /static/console.js`, `GET /healthz`, `GET /favicon.ico` | no sign-in needed |
    func makeRouter() -> Router<ConsoleContext> {
        let router = Router(context: ConsoleContext.self)
        router.add(middleware: SessionMiddleware(app: self))
        router.get("/healthz") { _, _ in Response(status: .ok, body: ResponseBody(byteBuffer: .init(string: "ok\n"))) }
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("/static/console.css") { _, _ in Responses.asset(Assets.stylesheet, type: "text/css; charset=utf-8") }
        router.get("/static/console.js") { _, _ in Responses.asset(Assets.script, type: "text/javascript; charset=utf-8") }
        router.get("/login") { request, context in await loginPage(request, context: context) }
        router.post("/login") { request, context in await login(request, context: context) }
        router.post("/logout") { request, context in await logout(request, context: context) }
        router.get("/") { request, context in try await handOffsPage(request, context: context) }
        router.post("/handoffs/:id/resolve") { request, context in try await resolveHandOff(request, context: context) }
        router.get("/conversations/:id") { request, context in try await conversationPage(request, context: context) }
        router.get("/search") { request, context in try await searchPage(request, context: context) }
        router.get("/overview") { request, context in try await overviewPage(request, context: context) }
        router.get("/dead-letters") { request, context in await deadLettersPage(request, context: context) }
        router.post("/dead-letters/replay") { request, context in try await replayDeadLetters(request, context: context) }
        router.post("/dead-letters/purge") { request, context in try await purgeDeadLetters(request, context: context) }
        router.post("/parked/release") { request, context in try await releaseParked(request, context: context) }
        return router
    }
}
