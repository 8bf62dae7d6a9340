import APISimulator
import ArgumentParser
import Foundation
import Logging
import Operations
import World

/// `apisim`: the simulator of the chats, logistics, telecom and maintenance APIs on one port (`apisim serve`, the
/// default), and `apisim healthcheck` for container health checks.
@main
struct APISim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apisim",
        abstract: "Simulate the chats, logistics, telecom and maintenance APIs (docs/contract.md) on one port.",
        subcommands: [Serve.self, Healthcheck.self],
        defaultSubcommand: Serve.self)
}

/// `apisim healthcheck`: exit 0 if a simulator answers `GET /_sim/health` on this machine.
struct Healthcheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Exit 0 if the simulator on 127.0.0.1:PORT answers GET /_sim/health with 200.")

    @Option(help: "The simulator's port (default APISIM_PORT, else 8080).")
    var port: Int?

    func run() async throws {
        let port = self.port ?? ProcessInfo.processInfo.environment["APISIM_PORT"].flatMap { Int($0) } ?? 8080
        do {
            let (status, body) = try await OperationsProbe.get(port: port, path: "/_sim/health")
            print(body.trimmingCharacters(in: .whitespacesAndNewlines))
            if status != 200 { throw ExitCode(1) }
        } catch let error as ExitCode {
            throw error
        } catch {
            print("no answer from http://127.0.0.1:\(port)/_sim/health: \(error)")
            throw ExitCode(1)
        }
    }
}

/// `apisim serve`: the simulator itself.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate the chats, logistics, telecom and maintenance APIs (docs/contract.md) on one port (the default).",
        discussion: """
            Serves POST /conversations, /conversation_info, /send_message, /tracking, /zip_code and \
            /chip_status over one world (world.json, from `worldgen generate|original`, or --generate), so \
            CHATS_API_URL, LOGISTICS_API_URL and TELECOM_API_URL can all point at it. The authorization \
            header must equal the token (401 otherwise); unknown ids answer 404, malformed bodies 400.

            Every knob has an environment fallback (APISIM_<NAME>, e.g. APISIM_ERROR_SHARE) and can be \
            changed at run time with POST /_sim/config {"error_share": 0.1, ...} (JSON names in brackets). \
            Faults are drawn per request in this order: hang, 500, wrong shape. A 500 or a hang happens \
            before the request is processed (a /send_message is then not posted); a wrong shape after it. \
            The send_*_after_share knobs fail a call of the after_effect_endpoints (send_message unless set; \
            service_orders) after it acted: posted the message, opened the order (500, hang, dropped connection).

            Partner failures come first, before authorization and the faults above, and nothing else \
            happens then (a /send_message posts nothing): the rate limits (rate_limits, requests per second \
            per API: chats = conversations, conversation_info, send_message; logistics = tracking, zip_code; \
            telecom = chip_status; maintenance = warranty, open_service_orders, service_orders; a token bucket holding one second's worth; beyond it 429 with a \
            Retry-After header in whole seconds), then the outages (outages: chosen endpoints answer a \
            status, default 503, or hang, from START seconds after the simulator's start, reset or the \
            moment the knob is set, for DURATION seconds). \
            Example: --outages 'logistics:503:10:20' --rate-limits chats=300,logistics=100,telecom=100, or \
            POST /_sim/config {"outages": [{"endpoints": ["tracking", "zip_code"], "status": 503, \
            "start_after_seconds": 10, "duration_seconds": 20}], "rate_limits": {"logistics": 100}}.

            Inspection (no token, never faulty): GET /_sim/health; GET /_sim/sent?since=N&conversation_id=ID \
            (every /send_message, with stats); GET /_sim/stats; GET /_sim/active; GET /_sim/conversations/ID; \
            GET /_sim/service_orders (every service order, the world's and those opened); \
            GET and POST /_sim/config; POST /_sim/reset (back to the world's start, knobs kept); \
            GET /_sim/outage (outages in progress and to come); POST /_sim/outage {"endpoints": ["logistics"], \
            "status": 503, "hang": false, "duration_seconds": 20} starts one now (no duration: until stopped); \
            DELETE /_sim/outage (or POST /_sim/outage/stop) ends those in progress. /_sim/stats counts \
            outage_refused and rate_limited per endpoint and tells outage_active, outage_endpoints, \
            last_outage_started_at and last_outage_ended_at (Unix seconds). See db/README.md.
            """)

    @Option(help: "Address to listen on (APISIM_HOST).")
    var host: String?
    @Option(help: "Port to listen on; 0 picks a free one (APISIM_PORT, default 8080).")
    var port: Int?
    @Option(help: "World directory or world.json to serve (APISIM_WORLD, default db/worlds/original).")
    var world: String?
    @Flag(help: "Serve a generated world instead (with --seed, --merchants, --conversations).")
    var generate = false
    @Option(help: "Seed of the generated world, the fault draws and the follow-up choice (APISIM_SEED, default 1).")
    var seed: UInt64?
    @Option(help: "Merchants of the generated world (APISIM_MERCHANTS, default 1000).")
    var merchants: Int?
    @Option(help: "Conversations of the generated world (APISIM_CONVERSATIONS, default: as many as merchants).")
    var conversations: Int?
    @Option(help: "Value the authorization header must have (default: API_TOKEN).")
    var token: String?

    @Option(help: "[latency_ms] Added latency in ms (APISIM_LATENCY_MS, default 0).")
    var latencyMs: Int?
    @Option(help: "[jitter_ms] Random extra latency, 0...N ms (APISIM_JITTER_MS, default 0).")
    var jitterMs: Int?
    @Option(help: "[error_share] Share of requests answered 500 (APISIM_ERROR_SHARE, default 0).")
    var errorShare: Double?
    @Option(help: "[hang_share] Share of requests that hang (APISIM_HANG_SHARE, default 0).")
    var hangShare: Double?
    @Option(help: "[hang_seconds] How long a hang lasts before a 500 (APISIM_HANG_SECONDS, default 120).")
    var hangSeconds: Double?
    @Option(help: "[wrong_shape_share] Share answered 200 with JSON of the wrong shape (APISIM_WRONG_SHAPE_SHARE, default 0).")
    var wrongShapeShare: Double?
    @Option(help: "[send_error_after_share] Share of /send_message calls that post, then answer 500 (APISIM_SEND_ERROR_AFTER_SHARE, default 0).")
    var sendErrorAfterShare: Double?
    @Option(help: "[send_hang_after_share] Share of /send_message calls that post, then hang (APISIM_SEND_HANG_AFTER_SHARE, default 0).")
    var sendHangAfterShare: Double?
    @Option(help: "[send_reset_after_share] Share of /send_message calls that post, then drop the connection (APISIM_SEND_RESET_AFTER_SHARE, default 0).")
    var sendResetAfterShare: Double?
    @Option(help: "[after_effect_endpoints] Comma-separated endpoints the send_*_after_share knobs apply to: send_message, service_orders (APISIM_AFTER_EFFECT_ENDPOINTS, default send_message).")
    var afterEffectEndpoints: String?
    @Option(help: "[fault_endpoints] Comma-separated endpoints latency and faults apply to (APISIM_FAULT_ENDPOINTS, default all).")
    var faultEndpoints: String?
    @Option(help: "[echo_replies] Append replies to the conversation's messages: true|false (APISIM_ECHO_REPLIES, default true).")
    var echoReplies: Bool?
    @Option(help: "[max_active] At most N conversations active at once (APISIM_MAX_ACTIVE, default no cap).")
    var maxActive: Int?
    @Option(help: "[initial_active] Conversations active at start (APISIM_INITIAL_ACTIVE, default: as many as the cap allows).")
    var initialActive: Int?
    @Option(help: "[arrival_per_second] New conversations per second (APISIM_ARRIVAL_PER_SECOND, default: as soon as there is room).")
    var arrivalPerSecond: Double?
    @Option(help: "[close_after_seconds] Leave the active list N s after the last reply; 'never' (APISIM_CLOSE_AFTER_SECONDS, default 60).")
    var closeAfterSeconds: String?
    @Option(help: "[follow_up_share] Share of conversations whose client writes again after the first reply (APISIM_FOLLOW_UP_SHARE, default 0).")
    var followUpShare: Double?
    @Option(help: "[follow_up_delay_seconds] Delay of that follow-up (APISIM_FOLLOW_UP_DELAY_SECONDS, default 2).")
    var followUpDelaySeconds: Double?
    @Option(help: ArgumentHelp(
        "[outages] Outage windows: ENDPOINTS[:STATUS|hang[:START[:DURATION]]], several separated by ';', or a JSON array (APISIM_OUTAGES, default none).",
        discussion: "ENDPOINTS comma-separated endpoints or APIs; STATUS default 503; START seconds after start (default 0); no DURATION: until stopped."))
    var outages: String?
    @Option(help: "[rate_limits] Requests per second per API: chats=N,logistics=N,telecom=N,maintenance=N; an API left out is not limited (APISIM_RATE_LIMITS, default none).")
    var rateLimits: String?
    @Option(help: "Log level: trace, debug, info, notice, warning, error (APISIM_LOG_LEVEL, default info).")
    var logLevel: String?

    func run() async throws {
        let level = Logger.Level(rawValue: setting(logLevel, "APISIM_LOG_LEVEL") ?? "info") ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "apisim")
        guard let token = token ?? environment("API_TOKEN") else {
            throw ValidationError("set API_TOKEN (or --token): the value the authorization header must have")
        }
        let knobs = try makeKnobs()
        let served = try loadWorld(knobs: knobs)
        let simulator = try Simulator(world: served, token: token, knobs: knobs, logger: logger)
        let host = setting(host, "APISIM_HOST") ?? "127.0.0.1"
        let port = try setting(port, "APISIM_PORT") ?? 8080
        try await SimulatorServer.run(simulator: simulator, host: host, port: port, logger: logger) { bound in
            logger.info("apisim listening", metadata: ["url": "http://\(host):\(bound)", "world": "\(served.summary)"])
        }
    }
}
