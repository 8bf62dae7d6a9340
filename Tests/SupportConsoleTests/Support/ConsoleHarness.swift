import Digest
import AutoResponderService
import Foundation
import HTTP
import Logging
import PostgreSQL
import ServiceLifecycle
import SupportConsole
import TestSupport

/// A console for one test, over real servers: a database of its own on TEST_DATABASE_URL's server
/// (the service's schema created by the console itself, dropped at the end), RabbitMQ under a prefix
/// of its own, and a stub chats API in-process that answers `/conversation_info` from ``StubChats``.
struct ConsoleHarness: Sendable {
    static let password = "wonderland"
    static let token = "a-shared-token-for-tests"
    static let quiet = Logger(label: "console-test", factory: { _ in SwiftLogNoOpLogHandler() })

    let port: Int
    let databaseURL: String
    /// The broker objects' prefix (`AMQP_PREFIX`).
    let prefix: String
    let chats: StubChats
    let client: HTTPClient

    /// Runs a console (with `environment` over the defaults) while `body` runs. With `chatsUp` false
    /// the chats API's address is a port nobody listens on.
    static func run(
        environment extra: [String: String] = [:], chatsUp: Bool = true,
        _ body: @Sendable (ConsoleHarness) async throws -> Void
    ) async throws {
        let database = try await ConsoleTestDatabase.create()
        let stub = StubChats()
        let chatsPort = try freeLocalPort()
        let port = try freeLocalPort()
        let prefix = uniqueTestName("console")
        var environment = [
            "DATABASE_URL": database.url, "AMQP_URL": TestEnvironment.amqpURL, "AMQP_PREFIX": prefix,
            "CHATS_API_URL": "http://127.0.0.1:\(chatsUp ? chatsPort : try freeLocalPort())", "API_TOKEN": "stub-token",
            "CONSOLE_USERS": "alice:sha256:" + hex(SHA256.hash(password.utf8)), "CONSOLE_TOKEN": token,
            "CONSOLE_PORT": "\(port)", "CONSOLE_UPSTREAM_TIMEOUT_MS": "1500", "BUSINESS_TIMEZONE": "UTC",
            "CONSOLE_OPS_TARGETS": "http://127.0.0.1:\(chatsPort)",
        ]
        environment.merge(extra) { _, new in new }
        let result: Result<Void, any Error>
        do {
            let app = try ConsoleApp(configuration: try ConsoleConfiguration(environment: environment), logger: quiet)
            try await app.prepare()
            let group = ServiceGroup(services: [stub.server(port: chatsPort), ConsoleServer(app: app)], logger: quiet)
            let client = HTTPClient(configuration: .init(requestTimeout: .seconds(10)), logger: quiet)
            let harness = ConsoleHarness(
                port: port, databaseURL: database.url, prefix: prefix, chats: stub, client: client)
            result = await withTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try? await group.run() }
                let outcome: Result<Void, any Error>
                do {
                    try await harness.waitUntilAnswering()
                    try await body(harness)
                    outcome = .success(())
                } catch {
                    outcome = .failure(error)
                }
                await group.triggerGracefulShutdown()
                await tasks.waitForAll()
                return outcome
            }
            await client.shutdown()
        } catch {
            result = .failure(error)
        }
        await database.drop()
        try result.get()
    }

    func waitUntilAnswering() async throws {
        for _ in 0..<200 {
            if let answer = try? await get("/healthz"), answer.status == 200 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ConsoleTestError("the console did not answer on port \(port)")
    }

    /// `GET path`.
    func get(_ path: String, cookie: String? = nil, headers: [String: String] = [:]) async throws -> HTTPResponse {
        var request = HTTPRequest(method: .get, url: "http://127.0.0.1:\(port)\(path)")
        if let cookie { request.headers.add(name: "cookie", value: cookie) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        return try await client.execute(request)
    }

    /// `POST path` with a form.
    func post(_ path: String, form: [(String, String)], cookie: String? = nil, headers: [String: String] = [:])
        async throws -> HTTPResponse
    {
        var request = HTTPRequest(method: .post, url: "http://127.0.0.1:\(port)\(path)")
        request.headers.add(name: "content-type", value: "application/x-www-form-urlencoded")
        if let cookie { request.headers.add(name: "cookie", value: cookie) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = Array(form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&").utf8)
        return try await client.execute(request)
    }

    /// Signs in as alice: the session cookie (`console_session=…`) and the pages' CSRF token.
    func signIn() async throws -> SignedIn {
        let form = try await get("/login")
        let loginCookie = try Self.cookie("console_login", in: form)
        let csrf = try Self.hiddenCSRF(in: form.bodyText)
        let answer = try await post(
            "/login", form: [("csrf", csrf), ("next", "/"), ("user", "alice"), ("password", Self.password)],
            cookie: loginCookie)
        guard answer.status == 303 else { throw ConsoleTestError("signing in answered \(answer.status)") }
        let session = try Self.cookie("console_session", in: answer)
        let home = try await get("/overview", cookie: session)
        return SignedIn(cookie: session, csrf: try Self.hiddenCSRF(in: home.bodyText))
    }

    /// `name=value` of the `Set-Cookie` named `name`.
    static func cookie(_ name: String, in response: HTTPResponse) throws -> String {
        guard let header = setCookie(name, in: response) else {
            throw ConsoleTestError("no \(name) cookie in a \(response.status) answer")
        }
        return String(header.prefix { $0 != ";" })
    }

    /// The whole `Set-Cookie` header of cookie `name`.
    static func setCookie(_ name: String, in response: HTTPResponse) -> String? {
        response.headers.values(for: "set-cookie").first { $0.hasPrefix(name + "=") }
    }

    /// The value of the first `name="csrf"` hidden field of a page.
    static func hiddenCSRF(in html: String) throws -> String {
        guard let field = html.range(of: "name=\"csrf\" value=\""),
            let end = html[field.upperBound...].firstIndex(of: "\"")
        else { throw ConsoleTestError("no CSRF field in the page") }
        return String(html[field.upperBound..<end])
    }

    /// Runs SQL on this console's database.
    @discardableResult
    func query(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws -> PostgresResult {
        let database = PostgresClient(
            configuration: try PostgresConfiguration(url: databaseURL, poolSize: 1), logger: Self.quiet)
        do {
            let result = try await database.query(sql, parameters)
            await database.close()
            return result
        } catch {
            await database.close()
            throw error
        }
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}

/// A signed-in browser: its session cookie and the CSRF token of its pages.
struct SignedIn: Sendable {
    let cookie: String
    let csrf: String
}

/// A failed expectation of the harness.
struct ConsoleTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
