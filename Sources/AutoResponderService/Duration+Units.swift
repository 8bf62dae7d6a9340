extension Duration {
    /// Whole milliseconds (for SQL intervals and configuration).
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// Whole nanoseconds (for swift-metrics timers).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

extension Duration {
    /// `312 s`, `1.5 s`, `40 ms`: for messages.
    var roundedDescription: String {
        let ms = milliseconds
        if ms >= 10_000 { return "\(ms / 1000) s" }
        if ms >= 1000 { return "\(Double(ms / 100) / 10) s" }
        return "\(ms) ms"
    }
}
