import Foundation

/// How the console writes times, ages and texts from outside.
struct Formatting: Sendable {
    let language: UILanguage
    let zone: TimeZone

    /// `2026-05-04 14:03:22` in the business time zone.
    func time(_ date: Date?) -> String {
        guard let date else { return "—" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0,
            c.second ?? 0)
    }

    /// `42 s`, `3 min`, `2 h 5 min`, `3 d 4 h`: how long ago `date` was.
    func age(since date: Date, now: Date = Date()) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        switch seconds {
        case ..<60: return "\(seconds) s"
        case ..<3600: return "\(seconds / 60) min"
        case ..<86_400: return "\(seconds / 3600) h \(seconds % 3600 / 60) min"
        default: return "\(seconds / 86_400) d \(seconds % 86_400 / 3600) h"
        }
    }

    /// `raw` made safe (``DisplayText``) and cut at `limit` characters.
    func shown(_ raw: String?, limit: Int) -> Shown {
        let display = DisplayText(raw ?? "", limit: limit)
        let cut = display.truncated > 0 ? language.format("text_cut", String(display.truncated)) : nil
        return Shown(text: display.text, cut: cut)
    }

    /// `0.42 s`, `3.5 min`, `2.1 h`, `1808 d`: a duration in the unit that reads best.
    func duration(_ seconds: Double) -> String {
        switch seconds {
        case ..<60: String(format: "%.2f s", seconds)
        case ..<3600: String(format: "%.1f min", seconds / 60)
        case ..<86_400: String(format: "%.1f h", seconds / 3600)
        default: String(format: "%.0f d", seconds / 86_400)
        }
    }

    /// The head of a recorded route decision, for lists: `receipt (label)` of
    /// `receipt (label: bank account|…, my money|…)`; the whole text when it has no keyword list.
    func briefRoute(_ route: String?) -> String {
        guard let route else { return "—" }
        guard let colon = route.firstIndex(of: ":") else { return short(route, limit: 120) }
        return short(String(route[..<colon]), limit: 120) + ")"
    }

    /// A short text from outside (ids, labels, reasons) on one line: cleaned and cut; `—` when empty.
    func short(_ raw: String?, limit: Int = 200) -> String {
        guard let raw, !raw.isEmpty else { return "—" }
        let display = DisplayText(raw, limit: limit)
        return display.truncated > 0 ? display.text + "…" : display.text
    }
}

/// A text ready for a template, and what was cut from it (localized), if anything.
struct Shown {
    let text: String
    let cut: String?
}

/// Most characters shown of one text, by place.
enum Limits {
    /// A message on the conversation page.
    static let message = 4000
    /// A message in the list of hand-offs.
    static let listedMessage = 600
    /// A reply.
    static let reply = 4000
    /// Details, errors, route decisions.
    static let detail = 1000
    /// Messages of one conversation shown in the list of hand-offs (the latest ones).
    static let listedMessages = 5
    /// Messages of one conversation shown on its page (the latest ones).
    static let conversationMessages = 200
}
