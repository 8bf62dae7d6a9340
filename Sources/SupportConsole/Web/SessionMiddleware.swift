import HTTPTypes
import Hummingbird
import Logging

/// Runs before every route: picks the page language, finds the operator's session, keeps everyone
/// without one out of everything but the sign-in page and the static files, turns errors into pages,
/// and adds the security headers to every answer.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = ConsoleContext
    let app: ConsoleApp

    /// The session cookie's name.
    static let cookie = "console_session"

    func handle(
        _ request: Request, context: ConsoleContext, next: (Request, ConsoleContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.language = UILanguage.negotiate(request.headers[.acceptLanguage])
        context.viaTLS = request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
        context.session = app.sessions.session(request.cookies[Self.cookie]?.value)
        let path = request.uri.path
        let isPublic = Self.isPublic(path)
        var response: Response
        if context.session == nil && !isPublic {
            response = request.method == .get || request.method == .head
                ? Responses.redirect("/login?next=" + Paths.escape(Paths.local(request.uri.description)))
                : app.problem(.forbidden, "problem_signed_out", context: context)
        } else {
            do {
                response = try await next(request, context)
            } catch let error as HTTPError where error.status == .notFound {
                response = app.problem(.notFound, "problem_not_found", context: context)
            } catch let error as HTTPError where error.status.code < 500 {
                response = app.problem(error.status, "problem_bad_request", context: context)
            } catch {
                context.logger.error("a page failed", metadata: ["path": "\(path)", "error": "\(error)"])
                response = app.problem(.internalServerError, "problem_internal", context: context)
            }
        }
        Responses.secure(&response.headers, isAsset: path.hasPrefix("/static/"))
        return response
    }

    /// The sign-in page, the liveness answer, the static files and the browser's icon need no session.
    static func isPublic(_ path: String) -> Bool {
        path == "/login" || path == "/healthz" || path == "/favicon.ico" || path.hasPrefix("/static/")
    }
}
