import Digest
import AutoResponderService
import Foundation
import Hummingbird
import Logging
import NIOPosix

/// The support console's pages and actions over one deployment: what ``ConsoleServer`` serves.
/// Reads through ``OperatorClient`` (PostgreSQL and RabbitMQ, the queries `autoresponderctl` uses),
/// the chats API through ``ChatsReader``, and the processes' operations ports through ``OpsScraper``.
public struct ConsoleApp: Sendable {
    /// The settings.
    public let configuration: ConsoleConfiguration
    let operatorClient: OperatorClient
    let chats: ChatsReader
    let ops: OpsScraper
    let sessions: SessionStore
    let views: Views
    let logger: Logger
    /// One thread for password checks: a PBKDF2 hash takes a fraction of a second of CPU, which must
    /// not hold a thread of Swift's cooperative pool, and checks wait for each other (sign-in attempts
    /// cannot take more than one core).
    let passwordChecks: NIOThreadPool

    /// A console for the deployment `configuration` names. Connects lazily; call ``close()`` when done.
    public init(configuration: ConsoleConfiguration, logger: Logger) throws {
        self.configuration = configuration
        operatorClient = try OperatorClient(
            configuration: configuration.service, logger: logger, applicationName: "autoresponder-console", poolSize: 4)
        chats = ChatsReader(configuration: configuration.service, timeout: configuration.upstreamTimeout, logger: logger)
        ops = OpsScraper(targets: configuration.opsTargets, timeout: configuration.upstreamTimeout, logger: logger)
        sessions = SessionStore(lifetime: configuration.sessionLifetime)
        views = try Views()
        self.logger = logger
        passwordChecks = NIOThreadPool(numberOfThreads: 1)
        passwordChecks.start()
    }

    /// Creates or migrates the service's schema, so that the console works before any worker started.
    public func prepare() async throws {
        try await operatorClient.prepareSchema(logger: logger)
    }

    /// Closes the connections and HTTP clients.
    public func close() async {
        await chats.shutdown()
        await ops.shutdown()
        await operatorClient.close()
        try? await passwordChecks.shutdownGracefully()
    }

    /// Which navigation entry a page belongs to.
    enum Section { case handOffs, overview, deadLetters, none }

    /// A page of `template` with `model`, inside the layout.
    func page(
        _ template: String, title: String, section: Section = .none, model: Any, context: ConsoleContext,
        status: HTTPResponse.Status = .ok, flash: String? = nil, refresh: Bool = false, query: String = ""
    ) async -> Response {
        let language = context.language
        var chrome = Chrome(title: title, lang: language.rawValue)
        if let session = context.session {
            chrome.signedIn = true
            chrome.user = session.user
            chrome.csrf = session.csrfToken
            chrome.openHandOffs = (try? await operatorClient.openHandOffCount()).map(String.init) ?? "?"
        }
        chrome.query = String(query.prefix(64))
        chrome.flash = flash
        chrome.refresh = refresh && configuration.refreshSeconds > 0 ? String(configuration.refreshSeconds) : nil
        chrome.onHandOffs = section == .handOffs
        chrome.onOverview = section == .overview
        chrome.onDeadLetters = section == .deadLetters
        chrome.footer = language.format("footer_times", configuration.service.businessTimeZone.identifier)
        return Responses.html(views.render(template, chrome: chrome, language: language, model: model), status: status)
    }

    /// A page that only says what went wrong (`key` names its text).
    func problem(_ status: HTTPResponse.Status, _ key: String, context: ConsoleContext) -> Response {
        let language = context.language
        var chrome = Chrome(title: language.strings["problem_title"] ?? "", lang: language.rawValue)
        chrome.footer = language.format("footer_times", configuration.service.businessTimeZone.identifier)
        let model = ProblemModel(heading: "\(status.code) · \(status.reasonPhrase)", message: language.strings[key] ?? key)
        return Responses.html(views.render("error", chrome: chrome, language: language, model: model), status: status)
    }
}

/// The model of the error page.
struct ProblemModel {
    let heading: String
    let message: String
}
