import APISimulator
import Foundation
import Logging
import TestSupport
import World

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

let testToken = "test-token"

/// Logs nothing: the tests assert, they do not read logs.
let quietLogger = Logger(label: "apisim-tests", factory: { _ in SwiftLogNoOpLogHandler() })

/// The committed original world (db/worlds/original/world.json).
func committedOriginalWorld() throws -> World {
    try WorldFile.read(from: TestEnvironment.repositoryRoot.appendingPathComponent("db/worlds/original"))
}

func makeSimulator(
    _ world: World, knobs: SimulatorKnobs = SimulatorKnobs(), clock: any SimulatorClock = SystemClock()
) throws -> Simulator {
    try Simulator(world: world, token: testToken, knobs: knobs, clock: clock, logger: quietLogger)
}

/// An HTTP answer.
struct HTTPAnswer: Sendable {
    let status: Int
    let body: Data
    /// The response's headers, names lowercased.
    var headers: [String: String] = [:]

    /// The body as a JSON object, or nil.
    var object: [String: Any]? { try? JSONSerialization.jsonObject(with: body) as? [String: Any] }
}

/// POSTs `body` to `base/path` with URLSession (not the project's HTTP module, which is being written).
func post(
    _ base: URL, _ path: String, _ body: String? = nil, token: String? = testToken, timeout: TimeInterval = 10
) async throws -> HTTPAnswer {
    var request = URLRequest(url: base.appendingPathComponent(path))
    request.httpMethod = "POST"
    request.timeoutInterval = timeout
    if let token { request.setValue(token, forHTTPHeaderField: "authorization") }
    request.setValue("application/json", forHTTPHeaderField: "content-type")
    if let body { request.httpBody = Data(body.utf8) }
    return try await send(request)
}

/// GETs `base/path`.
func get(_ base: URL, _ path: String) async throws -> HTTPAnswer {
    try await send(URLRequest(url: URL(string: base.absoluteString + path)!))
}

/// DELETEs `base/path`.
func delete(_ base: URL, _ path: String) async throws -> HTTPAnswer {
    var request = URLRequest(url: URL(string: base.absoluteString + path)!)
    request.httpMethod = "DELETE"
    return try await send(request)
}

private func send(_ request: URLRequest) async throws -> HTTPAnswer {
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = response as? HTTPURLResponse
    var headers: [String: String] = [:]
    for (name, value) in http?.allHeaderFields ?? [:] {
        if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
    }
    return HTTPAnswer(status: http?.statusCode ?? 0, body: data, headers: headers)
}

/// JSON text of a dictionary.
func json(_ object: [String: Any]) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
}

/// Two JSON documents are the same value (key order and spacing aside).
func sameJSON(_ a: Data, _ b: Data) -> Bool {
    guard let x = try? JSONSerialization.jsonObject(with: a, options: [.fragmentsAllowed]),
        let y = try? JSONSerialization.jsonObject(with: b, options: [.fragmentsAllowed])
    else { return false }
    return NSDictionary(dictionary: ["v": x]).isEqual(to: ["v": y])
}

/// Runs a SQL script with psql against the test database (TEST_DATABASE_URL); returns the rows,
/// one line each, fields separated by `|`.
func psql(_ script: String, schema: String? = nil) throws -> [String] {
    let prefix = schema.map { "set search_path to \"\($0)\";\n" } ?? ""
    let output = try WorldDatabaseLoader(databaseURL: TestEnvironment.databaseURL).runPsql(script: prefix + script)
    return output.split(separator: "\n").map(String.init).filter { !$0.isEmpty && $0 != "SET" }
}

/// Runs `simulator` over HTTP on a free port while `body` runs.
func serve(_ simulator: Simulator, _ body: @escaping @Sendable (URL) async throws -> Void) async throws {
    try await SimulatorServer.withRunning(simulator, logger: quietLogger, body)
}
