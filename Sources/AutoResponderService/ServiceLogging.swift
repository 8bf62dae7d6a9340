import Foundation
import Logging

/// Logging set-up of the executables: swift-log to stderr, level from `LOG_LEVEL` (default `info`).
public enum ServiceLogging {
    /// Bootstraps swift-log once per process and returns the root logger of `label`.
    public static func bootstrap(label: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> Logger
    {
        let level = environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: label)
    }
}
