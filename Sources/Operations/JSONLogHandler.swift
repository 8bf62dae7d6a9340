#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CivilTime
import Logging

/// A swift-log handler that writes one JSON object per line to stderr (`LOG_FORMAT=json`):
///
///     {"timestamp":"2026-12-04T16:18:00.123Z","level":"info","label":"worker","message":"replied","conversation.id":"754893","resolver":"logistics"}
///
/// Every metadata key is a top-level field (strings, or JSON arrays and objects for nested
/// metadata); `timestamp` is UTC with milliseconds; `source` and `location` are left out (they are in
/// the code). Written by hand: swift-log ships only a text handler, and no JSON handler is among
/// the packages this project may use.
public struct JSONLogHandler: LogHandler {
    /// The logger's label (`worker`, `dispatcher`, ...).
    public let label: String
    /// Messages below this level are dropped.
    public var logLevel: Logger.Level = .info
    /// Metadata attached to every line of this logger.
    public var metadata: Logger.Metadata = [:]
    /// Metadata added at each log call.
    public var metadataProvider: Logger.MetadataProvider?

    /// A handler for `label`.
    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = Self.line(
            timestamp: Self.timestamp(), level: event.level, label: label, message: "\(event.message)",
            metadata: merged(event.metadata))
        line.append("\n")
        // One write(2) per line: lines of concurrent tasks never interleave (no stdio buffer to share).
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { if errno == EINTR { continue } else { break } }
                offset += written
            }
        }
    }

    private func merged(_ explicit: Logger.Metadata?) -> Logger.Metadata {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let explicit { all.merge(explicit) { _, new in new } }
        return all
    }

    /// The JSON object of one line (without the newline); keys in a stable order: the four fixed ones,
    /// then the metadata sorted by key.
    static func line(
        timestamp: String, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata
    ) -> String {
        var out = "{\"timestamp\":\"" + timestamp + "\",\"level\":\"" + level.rawValue + "\",\"label\":"
        out += JSONText.quoted(label) + ",\"message\":" + JSONText.quoted(message)
        for key in metadata.keys.sorted() where !["timestamp", "level", "label", "message"].contains(key) {
            out += "," + JSONText.quoted(key) + ":" + json(metadata[key]!)
        }
        out += "}"
        return out
    }

    private static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): JSONText.quoted(text)
        case .stringConvertible(let convertible): JSONText.quoted(convertible.description)
        case .array(let values): "[" + values.map(json).joined(separator: ",") + "]"
        case .dictionary(let values):
            "{" + values.keys.sorted().map { JSONText.quoted($0) + ":" + json(values[$0]!) }.joined(separator: ",") + "}"
        }
    }

    /// Now, as `2026-12-04T16:18:00.123Z`.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return timestamp(seconds: Int64(now.tv_sec), milliseconds: Int(now.tv_nsec / 1_000_000))
    }

    /// A UTC instant as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    static func timestamp(seconds: Int64, milliseconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let second = Int(seconds - days * 86_400)
        let date = CivilDate(daysSinceEpoch: days)
        return date.iso8601 + "T" + zeroPadded(second / 3600, 2) + ":" + zeroPadded(second / 60 % 60, 2) + ":"
            + zeroPadded(second % 60, 2) + "." + zeroPadded(milliseconds, 3) + "Z"
    }
}
