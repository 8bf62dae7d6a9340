import Foundation
import HTTP
import PostgreSQL
import Testing

/// The pages over real data: hostile texts render inert and bounded, listings are paged within
/// bounds, the language follows the browser, the chats API may be down.
@Suite(.serialized) struct ConsolePagesTests {
    /// A client message that tries everything: markup, a right-to-left override, zero-width
    /// characters, and 100 KB of it.
    static let hostile =
        "<script>alert('x')</script>\"><img src=x onerror=alert(1)>\u{202E}fdp.exe\u{200B}"
        + String(repeating: "<svg onload=alert(2)>", count: 5000)

    static func insertHostileHandOff(_ console: ConsoleHarness) async throws {
        try await console.query(
            """
            INSERT INTO responder.conversations (conversation_id, next_check_at, merchant_id, subject)
            VALUES ('900001', now(), '558392', $1)
            """, ["<b>bold</b>\u{202E}label"])
        try await console.query(
            """
            INSERT INTO responder.handoffs (conversation_id, message_id, merchant_id, subject, reason, detail)
            VALUES ('900001', '900001-1', '558392', $1, 'unknown_subject', $2)
            """, ["<script>alert('subject')</script>", "detail \u{2067}hidden\u{2069} <iframe src=//evil>"])
        try await console.query(
            """
            INSERT INTO responder.replies (conversation_id, message_id, status, reply_group, reply_text, resolver, language,
              job_id, claimed_by, claim_expires_at, sent_at, route, facts)
            VALUES ('900001', '900001-1', 'sent', 'g1', $1, 'handoff', 'english', 'job-1', 'worker-1', now(), now(),
              'handoff (fallback)', 'handoff → hand-off (unknown_subject)')
            """, ["We will answer <img src=y onerror=alert(3)> soon"])
        console.chats.set(
            "900001", merchant: "558392", subject: "<b>bold</b>",
            messages: [.init(id: "900001-1", text: hostile, createdAt: 1_700_000_000)])
    }

    @Test func hostileTextsRenderInertAndBounded() async throws {
        try await ConsoleHarness.run { console in
            try await Self.insertHostileHandOff(console)
            let me = try await console.signIn()
            for path in ["/", "/conversations/900001", "/search?q=558392"] {
                let page = try await console.get(path, cookie: me.cookie)
                #expect(page.status == 200, "\(path)")
                let html = page.bodyText
                for forbidden in ["<script>alert", "<img src=x", "<img src=y", "<svg onload", "<iframe", "<b>bold", "\u{202E}", "\u{2067}", "\u{200B}"] {
                    #expect(!html.contains(forbidden), "\(path) shows \(forbidden.unicodeScalars.map { String($0.value, radix: 16) }) raw")
                }
                #expect(page.body.count < 120_000, "\(path) is bounded: \(page.body.count) bytes for a 100 KB message")
            }
            let list = try await console.get("/", cookie: me.cookie).bodyText
            #expect(list.contains("&lt;script&gt;alert(&#39;subject&#39;)&lt;/script&gt;"))
            #expect(list.contains("[U+202E]fdp.exe[U+200B]"))
            #expect(list.contains("more characters not shown"))
            #expect(list.contains("We will answer &lt;img src=y onerror=alert(3)&gt; soon"))
            let conversation = try await console.get("/conversations/900001", cookie: me.cookie).bodyText
            #expect(conversation.contains("detail [U+2067]hidden[U+2069] &lt;iframe src=//evil&gt;"))
            #expect(conversation.contains("handoff (fallback)"), "the route is shown")
            #expect(conversation.contains("&lt;b&gt;bold&lt;/b&gt;[U+202E]label"))
        }
    }

    @Test func listingsArePagedWithinBounds() async throws {
        try await ConsoleHarness.run { console in
            try await console.query(
                """
                INSERT INTO responder.handoffs (conversation_id, message_id, merchant_id, reason, created_at)
                SELECT (800000 + n)::text, (800000 + n)::text || '-1', '558392', 'missing_data', now() - (100 - n) * interval '1 minute'
                FROM generate_series(1, 45) AS n
                """)
            let me = try await console.signIn()
            func shown(_ query: String) async throws -> [String] {
                let html = try await console.get("/" + query, cookie: me.cookie).bodyText
                return html.components(separatedBy: "data-conversation=\"").dropFirst().map { String($0.prefix(6)) }
            }
            let first = try await shown("")
            #expect(first.count == 20)
            #expect(first.first == "800001", "oldest first")
            #expect(try await shown("?page=2").first == "800021")
            let last = try await shown("?page=3")
            #expect(last == (41...45).map { String(800000 + $0) })
            #expect(try await shown("?page=999") == last, "past the end: the last page")
            #expect(try await shown("?page=-4") == first)
            #expect(try await shown("?page=abc") == first)
            #expect(try await shown("?page=99999999999999999999999") == last)
            let html = try await console.get("/?page=2", cookie: me.cookie).bodyText
            #expect(html.contains("href=\"/?page=1\"") && html.contains("href=\"/?page=3\""))
            #expect(html.contains("id=\"handoff-total\">45<"))

            // A merchant's conversations, a page at a time.
            let search = try await console.get("/search?q=558392&page=2", cookie: me.cookie)
            #expect(search.status == 200)
            #expect(search.bodyText.components(separatedBy: "href=\"/conversations/").count - 1 == 20 + 1, "20 rows and the id link")
        }
    }

    @Test func theLanguageFollowsTheBrowser() async throws {
        try await ConsoleHarness.run { console in
            let me = try await console.signIn()
            let portuguese = try await console.get("/", cookie: me.cookie, headers: ["accept-language": "pt-BR,pt;q=0.9,en;q=0.5"])
            #expect(portuguese.bodyText.contains("<html lang=\"pt-BR\">"))
            #expect(portuguese.bodyText.contains("Precisa de uma pessoa"))
            let english = try await console.get("/", cookie: me.cookie, headers: ["accept-language": "en-GB"])
            #expect(english.bodyText.contains("Needs a person"))
            let login = try await console.get("/login", headers: ["accept-language": "pt"])
            #expect(login.bodyText.contains("Senha"))
        }
    }

    @Test func aConversationPageDegradesWhenTheChatsAPIIsDown() async throws {
        try await ConsoleHarness.run(chatsUp: false) { console in
            try await Self.insertHostileHandOff(console)
            let me = try await console.signIn()
            let page = try await console.get("/conversations/900001", cookie: me.cookie)
            #expect(page.status == 200)
            #expect(page.bodyText.contains("The chats API did not answer"))
            #expect(page.bodyText.contains("job-1"), "the ledger is still shown")
            let list = try await console.get("/", cookie: me.cookie)
            #expect(list.status == 200)
            #expect(list.bodyText.contains("The chats API did not answer"))
            #expect(try await console.get("/conversations/not%20an%20id", cookie: me.cookie).status == 400)
        }
    }

    @Test func searchGoesToAConversationOrListsAMerchants() async throws {
        try await ConsoleHarness.run { console in
            try await Self.insertHostileHandOff(console)
            let me = try await console.signIn()
            let byConversation = try await console.get("/search?q=900001", cookie: me.cookie)
            #expect(byConversation.status == 303)
            #expect(byConversation.headers["location"] == "/conversations/900001")
            let byMerchant = try await console.get("/search?q=558392", cookie: me.cookie)
            #expect(byMerchant.status == 200)
            #expect(byMerchant.bodyText.contains("href=\"/conversations/900001\""))
            let nothing = try await console.get("/search?q=123", cookie: me.cookie)
            #expect(nothing.bodyText.contains("knows no conversation or merchant"))
            #expect(try await console.get("/search?q=%3Cscript%3E", cookie: me.cookie).status == 400)
        }
    }

    @Test func theOverviewShowsActivityQueuesAndProcesses() async throws {
        try await ConsoleHarness.run { console in
            try await console.query(
                """
                INSERT INTO responder.replies (conversation_id, message_id, status, reply_group, reply_text, resolver, language,
                  job_id, claimed_by, claim_expires_at, sent_at)
                SELECT (700000 + n)::text, '1', 'sent', 'g' || n, 'ok', CASE WHEN n % 3 = 0 THEN 'receipt' ELSE 'logistics' END,
                  'english', 'j', 'w', now(), now() - (n % 5) * interval '1 minute'
                FROM generate_series(1, 12) AS n
                """)
            let me = try await console.signIn()
            let page = try await console.get("/overview", cookie: me.cookie)
            #expect(page.status == 200)
            let html = page.bodyText
            #expect(html.contains("<code>logistics</code></td><td>8</td>"))
            #expect(html.contains("<code>receipt</code></td><td>4</td>"))
            #expect(html.contains("id=\"tile-replies_hour\"><div class=\"value\">12<"))
            #expect(html.contains("href=\"/conversations/700001\""), "the latest replies")
            #expect(html.contains(".jobs</code>"), "the queues (not declared here: their error is shown)")
            #expect(html.contains(">worker<"), "the ops target's kind, from its metrics")
            #expect(html.contains("logistics: open"), "its breaker")
            #expect(html.contains("down: refused"), "why it is not ready")
            #expect(html.contains("<dt>p95</dt>"))
            #expect(html.contains("data-refresh=\"5\""), "refreshes itself")
        }
    }
}
