import Foundation
import HTTP
import PostgreSQL
import Testing

/// Nobody gets in without signing in; signing in sets a strict cookie; every change needs the
/// session's CSRF token. Against the real PostgreSQL (a database of the test's own).
@Suite(.serialized) struct ConsoleAccessTests {
    @Test func everyPageButSignInAndAssetsNeedsASession() async throws {
        try await ConsoleHarness.run { console in
            for path in ["/", "/overview", "/conversations/754893", "/search?q=558392", "/dead-letters", "/nowhere"] {
                let answer = try await console.get(path)
                #expect(answer.status == 303, "\(path)")
                #expect(answer.headers["location"]?.hasPrefix("/login?next=") == true, "\(path)")
                #expect(!answer.bodyText.contains("754893"), "nothing of the page leaks")
            }
            for path in ["/handoffs/1/resolve", "/dead-letters/purge", "/dead-letters/replay", "/parked/release", "/logout"] {
                let answer = try await console.post(path, form: [("confirm", "yes"), ("all", "1")])
                #expect(answer.status == 403, "\(path)")
            }
            let forged = try await console.get("/", cookie: "console_session=forged-session-id")
            #expect(forged.status == 303)
            for path in ["/login", "/static/console.js", "/static/console.css", "/healthz"] {
                #expect(try await console.get(path).status == 200, "\(path)")
            }
            let login = try await console.get("/login")
            #expect(login.headers["content-security-policy"]?.contains("script-src 'self'") == true)
            #expect(login.headers["x-content-type-options"] == "nosniff")
            #expect(login.headers["x-frame-options"] == "DENY")
            #expect(login.headers["cache-control"] == "no-store")
        }
    }

    @Test func signingInChecksThePasswordAndSetsAStrictCookie() async throws {
        try await ConsoleHarness.run { console in
            let form = try await console.get("/login?next=%2Foverview")
            let loginCookie = try ConsoleHarness.cookie("console_login", in: form)
            let csrf = try ConsoleHarness.hiddenCSRF(in: form.bodyText)
            #expect(form.bodyText.contains("value=\"/overview\""))
            // The browser's other requests (a second tab, its icon) keep the form valid.
            #expect(try await console.get("/favicon.ico").status == 204)
            let again = try await console.get("/login", cookie: loginCookie)
            #expect(try ConsoleHarness.hiddenCSRF(in: again.bodyText) == csrf)

            for (user, password) in [("alice", "wrong"), ("mallory", ConsoleHarness.password), ("alice", "")] {
                let refused = try await console.post(
                    "/login", form: [("csrf", csrf), ("user", user), ("password", password)], cookie: loginCookie)
                #expect(refused.status == 401)
                #expect(ConsoleHarness.setCookie("console_session", in: refused) == nil)
            }
            let withoutFormToken = try await console.post(
                "/login", form: [("user", "alice"), ("password", ConsoleHarness.password)], cookie: loginCookie)
            #expect(withoutFormToken.status == 403, "the sign-in form's own CSRF token is required")

            let accepted = try await console.post(
                "/login", form: [("csrf", csrf), ("next", "/overview"), ("user", "alice"), ("password", ConsoleHarness.password)],
                cookie: loginCookie)
            #expect(accepted.status == 303)
            #expect(accepted.headers["location"] == "/overview")
            let cookie = try #require(ConsoleHarness.setCookie("console_session", in: accepted))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(cookie.contains("Path=/"))
            #expect(!cookie.contains("Secure"), "plain HTTP on loopback")
            let session = try ConsoleHarness.cookie("console_session", in: accepted)
            let page = try await console.get("/overview", cookie: session)
            #expect(page.status == 200)
            #expect(page.bodyText.contains(">alice</span>"))

            // Signing out ends the session on the server, not only in the browser.
            let out = try await console.post("/logout", form: [("csrf", try ConsoleHarness.hiddenCSRF(in: page.bodyText))], cookie: session)
            #expect(out.status == 303)
            #expect(try await console.get("/overview", cookie: session).status == 303)
        }
    }

    @Test func theTokenSignsInWithAName() async throws {
        try await ConsoleHarness.run { console in
            let form = try await console.get("/login", headers: ["x-forwarded-proto": "https"])
            let accepted = try await console.post(
                "/login",
                form: [("csrf", try ConsoleHarness.hiddenCSRF(in: form.bodyText)), ("token", ConsoleHarness.token), ("name", "bob")],
                cookie: try ConsoleHarness.cookie("console_login", in: form), headers: ["x-forwarded-proto": "https"])
            #expect(accepted.status == 303)
            #expect(ConsoleHarness.setCookie("console_session", in: accepted)?.contains("Secure") == true, "behind TLS")
            let page = try await console.get("/", cookie: try ConsoleHarness.cookie("console_session", in: accepted))
            #expect(page.bodyText.contains(">bob (token)</span>"))
        }
    }

    @Test func secureCookiesCanBeRequired() async throws {
        try await ConsoleHarness.run(environment: ["CONSOLE_SECURE_COOKIES": "1"]) { console in
            let form = try await console.get("/login")
            #expect(ConsoleHarness.setCookie("console_login", in: form)?.contains("Secure") == true)
        }
    }

    @Test func changesNeedTheSessionsCSRFTokenAndThisOrigin() async throws {
        try await ConsoleHarness.run { console in
            let id = try #require(
                try await console.query(
                    """
                    INSERT INTO responder.handoffs (conversation_id, message_id, merchant_id, subject, reason)
                    VALUES ('754893', '754893-1', '558392', 'shipping', 'unknown_subject') RETURNING id
                    """
                ).first?.decode(Int.self, "id"))
            let me = try await console.signIn()
            func isOpen() async throws -> Bool {
                try await console.query("SELECT resolved_at IS NULL AS open FROM responder.handoffs").first?.decode(Bool.self, "open") ?? false
            }
            let path = "/handoffs/\(id)/resolve"
            #expect(try await console.post(path, form: [], cookie: me.cookie).status == 403)
            #expect(try await console.post(path, form: [("csrf", "guessed")], cookie: me.cookie).status == 403)
            let other = try await console.signIn()
            #expect(try await console.post(path, form: [("csrf", other.csrf)], cookie: me.cookie).status == 403, "another session's token")
            #expect(
                try await console.post(path, form: [("csrf", me.csrf)], cookie: me.cookie, headers: ["origin": "http://evil.example"]).status
                    == 403)
            #expect(
                try await console.post(path, form: [("csrf", me.csrf)], cookie: me.cookie, headers: ["sec-fetch-site": "cross-site"]).status
                    == 403)
            #expect(try await console.get(path, cookie: me.cookie).status == 404, "GET changes nothing")
            #expect(try await isOpen())

            let done = try await console.post(
                path, form: [("csrf", me.csrf), ("return", "/")], cookie: me.cookie,
                headers: ["origin": "http://127.0.0.1:\(console.port)", "sec-fetch-site": "same-origin"])
            #expect(done.status == 303)
            #expect(done.headers["location"] == "/?resolved=\(id)")
            #expect(try await !isOpen())
            let who = try await console.query("SELECT resolved_by FROM responder.handoffs").first?.decode(String?.self, "resolved_by")
            #expect(who == "alice")

            let away = try await console.post(path, form: [("csrf", me.csrf), ("return", "https://evil.example/")], cookie: me.cookie)
            #expect(away.headers["location"] == "/", "a form cannot send anyone to another site")
        }
    }
}
