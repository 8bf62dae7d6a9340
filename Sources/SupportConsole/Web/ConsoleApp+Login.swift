import Digest
import Foundation
import Hummingbird
import Logging
import NIOPosix

/// The model of the sign-in page.
struct LoginModel {
    let csrf: String
    let next: String
    let user: String
    let error: String?
    let passwords: Bool
    let token: Bool
}

extension ConsoleApp {
    /// The pre-session CSRF cookie of the sign-in form (double submit: the form must carry its value).
    static let loginCookie = "console_login"

    /// `GET /login`: the sign-in form, with a fresh pre-session CSRF token in a cookie and the form.
    func loginPage(_ request: Request, context: ConsoleContext) async -> Response {
        if context.session != nil {
            return Responses.redirect(Paths.local(request.uri.queryParameters.get("next")))
        }
        return await loginForm(
            next: request.uri.queryParameters.get("next"), token: request.cookies[Self.loginCookie]?.value, context: context)
    }

    /// `POST /login`: checks the form's CSRF token against the cookie, then the password or token; on
    /// success opens a session (a new id: no fixation) and goes to `next`.
    func login(_ request: Request, context: ConsoleContext) async -> Response {
        let form = await Form.read(request, context: context)
        let cookie = request.cookies[Self.loginCookie]?.value
        guard let cookie, let posted = form["csrf"], constantTimeEquals(Array(cookie.utf8), Array(posted.utf8)),
            CSRF.isSameOrigin(request)
        else {
            return await loginForm(next: form["next"], token: cookie, error: "login_expired", status: .forbidden, context: context)
        }
        let user = try? await passwordChecks.runIfActive { [credentials = configuration.credentials] () -> String? in
            if let token = form["token"], credentials.verify(token: token) {
                let name = form["name"]?.trimmingCharacters(in: .whitespaces) ?? ""
                return Credentials.isValidName(name) ? "\(name) (token)" : "token"
            }
            if let name = form["user"], let password = form["password"], Credentials.isValidName(name),
                credentials.verify(user: name, password: password)
            {
                return name
            }
            return nil
        }
        guard let user = user ?? nil else {
            try? await Task.sleep(for: .milliseconds(400))  // slows guessing down a little
            logger.notice("a sign-in to the console failed")
            return await loginForm(
                next: form["next"], token: cookie, user: form["user"] ?? "", error: "login_failed", status: .unauthorized,
                context: context)
        }
        if let old = context.session { sessions.close(old.id) }
        let session = sessions.open(user: user)
        logger.info("an operator signed in to the console", metadata: ["operator": "\(user)"])
        var response = Responses.redirect(Paths.local(form["next"]))
        response.setCookie(sessionCookie(session.id, context: context))
        response.setCookie(expired(Self.loginCookie, context: context))
        return response
    }

    /// `POST /logout`: ends the session (CSRF-checked, so that another site cannot sign anyone out).
    func logout(_ request: Request, context: ConsoleContext) async -> Response {
        let form = await Form.read(request, context: context)
        guard let session = context.session, CSRF.allows(request, form: form, session: session) else {
            return problem(.forbidden, "problem_csrf", context: context)
        }
        sessions.close(session.id)
        var response = Responses.redirect("/login")
        response.setCookie(expired(SessionMiddleware.cookie, context: context))
        return response
    }

    /// The form, with the pre-session CSRF token `token` when the browser already has a well-formed one
    /// (several tabs, or the browser's own requests such as the icon, must not invalidate each other's
    /// forms), else a new one.
    private func loginForm(
        next: String?, token existing: String?, user: String = "", error: String? = nil,
        status: HTTPResponse.Status = .ok, context: ConsoleContext
    ) async -> Response {
        let token = existing.flatMap { RandomToken.isWellFormed($0) ? $0 : nil } ?? RandomToken.make()
        let t = context.language.strings
        let model = LoginModel(
            csrf: token, next: Paths.local(next), user: String(user.prefix(64)), error: error.flatMap { t[$0] },
            passwords: configuration.credentials.acceptsPasswords, token: configuration.credentials.acceptsToken)
        var response = await page("login", title: t["login_title"] ?? "", model: model, context: context, status: status)
        response.setCookie(cookie(Self.loginCookie, token, maxAge: 3600, context: context))
        return response
    }

    /// The session cookie: `HttpOnly`, `SameSite=Strict`, `Path=/`, `Secure` behind TLS.
    func sessionCookie(_ id: String, context: ConsoleContext) -> Cookie {
        cookie(SessionMiddleware.cookie, id, maxAge: Int(configuration.sessionLifetime.components.seconds), context: context)
    }

    private func cookie(_ name: String, _ value: String, maxAge: Int, context: ConsoleContext) -> Cookie {
        Cookie(
            name: name, value: value, maxAge: maxAge, path: "/", secure: configuration.secureCookies || context.viaTLS,
            httpOnly: true, sameSite: .strict)
    }

    private func expired(_ name: String, context: ConsoleContext) -> Cookie {
        cookie(name, "", maxAge: 0, context: context)
    }
}
