import Foundation
import Logging
import Operations

/// Logging set-up of the executables: swift-log to stderr, as text (default) or one JSON object per
/// line (`LOG_FORMAT=json`), level from `LOG_LEVEL` (default `info`).
public enum ServiceLogging {
    /// The line formats of `LOG_FORMAT`.
    public enum Format: String, Sendable, CaseIterable {
        /// swift-log's text lines (`StreamLogHandler`).
        case text
        /// One JSON object per line (``JSONLogHandler``).
        case json
    }

    /// Bootstraps swift-log once per process and returns the root logger of `label`.
    /// - Throws: ``ServiceConfigurationError`` for an unknown `LOG_FORMAT` or `LOG_LEVEL`.
    public static func bootstrap(label: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ServiceConfigurationError) -> Logger
    {
        let env = EnvironmentReader(environment)
        let level = try env.choice("LOG_LEVEL", default: Logger.Level.info)
        let format = try env.choice("LOG_FORMAT", default: Format.text)
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            case .json:
                var handler = JSONLogHandler(label: label)
                handler.logLevel = level
                return handler
            }
        }
        return Logger(label: label)
    }
}

extension ServiceLogging {
    /// A text logger that does not need the environment (for errors in the environment itself).
    static func fallbackLogger(label: String) -> Logger {
        Logger(label: label, factory: { StreamLogHandler.standardError(label: $0) })
    }
}
