import ArgumentParser
import AutoResponderService
import Foundation
import Logging

/// `--json` on every listing.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON instead of a table.")
    var json = false
}

/// Runs `body` with a client of the deployment the environment describes, and closes it.
func withOperatorClient<T: Sendable>(_ body: (OperatorClient) async throws -> T) async throws -> T {
    let logger = Logger(label: "autoresponderctl", factory: { _ in SwiftLogNoOpLogHandler() })
    let configuration: ServiceConfiguration
    do {
        configuration = try ServiceConfiguration(requiresAPIToken: false)
    } catch {
        throw ValidationError("\(error)")
    }
    let client = try OperatorClient(configuration: configuration, logger: logger)
    do {
        let result = try await body(client)
        await client.close()
        return result
    } catch {
        await client.close()
        throw error
    }
}

/// Prints `value` as pretty JSON (ISO 8601 dates, sorted keys).
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.dateEncodingStrategy = .iso8601
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// `3 h 12 min`, `42 s`: how long ago `date` was.
func age(since date: Date, now: Date = Date()) -> String {
    let seconds = max(0, Int(now.timeIntervalSince(date)))
    switch seconds {
    case ..<60: return "\(seconds) s"
    case ..<3600: return "\(seconds / 60) min"
    case ..<86_400: return "\(seconds / 3600) h \(seconds % 3600 / 60) min"
    default: return "\(seconds / 86_400) d \(seconds % 86_400 / 3600) h"
    }
}

extension String {
    /// Padded with spaces to `width` (on the left when `left`).
    func padded(_ width: Int, left: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - count))
        return left ? padding + self : self + padding
    }
}
