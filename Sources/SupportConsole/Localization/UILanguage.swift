import Foundation

/// The languages of the console's pages, chosen per request from the browser's `Accept-Language`.
public enum UILanguage: String, Sendable, CaseIterable {
    /// English (the default).
    case english = "en"
    /// Portuguese (Brazil).
    case portuguese = "pt-BR"

    /// The language the browser prefers among ours: the highest `q` among `pt*` and `en*` ranges, the
    /// earlier one on a tie; English when neither is listed (or for `*`).
    public static func negotiate(_ acceptLanguage: String?) -> UILanguage {
        guard let acceptLanguage, acceptLanguage.utf8.count <= 1024 else { return .english }
        var best: (language: UILanguage, quality: Double)?
        for item in acceptLanguage.split(separator: ",").prefix(32) {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let range = parts.first?.lowercased(), !range.isEmpty else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)).map { min(max($0, 0), 1) } ?? 0
            }
            let language: UILanguage? =
                range == "pt" || range.hasPrefix("pt-") ? .portuguese : range == "en" || range.hasPrefix("en-") ? .english : nil
            guard let language, quality > 0 else { continue }
            if best == nil || quality > best!.quality { best = (language, quality) }
        }
        return best?.language ?? .english
    }

    /// The page's texts in this language.
    public var strings: [String: String] {
        switch self {
        case .english: UIStrings.english
        case .portuguese: UIStrings.portuguese
        }
    }

    /// `text` (a key of ``strings``) with `%1`, `%2`, … replaced by `arguments`.
    public func format(_ key: String, _ arguments: String...) -> String {
        var text = strings[key] ?? key
        for (index, argument) in arguments.enumerated().reversed() {
            text = text.replacingOccurrences(of: "%\(index + 1)", with: argument)
        }
        return text
    }
}
