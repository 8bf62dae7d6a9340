import Foundation
import Mustache

/// Turns a resolution into the plain text sent to the client, in the conversation's language.
public struct ReplyRenderer: Sendable {
    /// The templates.
    public let templates: TemplateSet
    /// The languages' formats.
    public let languages: LanguageConfiguration
    /// The business time zone (dates in replies).
    public let timeZone: TimeZone
    /// One formatter per configured language (their date patterns compiled once).
    private let formatters: [Language: FactFormatter]
    private let defaultFormatter: FactFormatter

    /// Creates a renderer (and a fact formatter per configured language).
    public init(templates: TemplateSet, languages: LanguageConfiguration, timeZone: TimeZone) {
        self.templates = templates
        self.languages = languages
        self.timeZone = timeZone
        var formatters: [Language: FactFormatter] = [:]
        for entry in languages.entries { formatters[entry.language] = FactFormatter(format: entry.format, timeZone: timeZone) }
        self.formatters = formatters
        defaultFormatter = FactFormatter(format: languages.format(for: languages.defaultLanguage), timeZone: timeZone)
    }

    /// Checks that the default language has every template in `names`.
    /// - Throws: ``ConfigurationError`` (`missingTemplate`) naming the missing ones.
    public func validate(templateNames names: Set<String>) throws(ConfigurationError) {
        let missing = names.subtracting(templates.ownTemplateNames(for: templates.defaultLanguage)).sorted()
        guard missing.isEmpty else {
            throw ConfigurationError(
                code: .missingTemplate,
                message: "templates \(missing.joined(separator: ", ")) are missing for \(templates.defaultLanguage); "
                    + "add config/templates/\(templates.defaultLanguage)/<name>.mustache")
        }
    }

    /// Renders `template` with `facts` in `language` (falling back to the default language's template).
    /// The text is tidied: trailing spaces dropped, at most one blank line in a row, trimmed.
    /// - Throws: ``ConfigurationError`` (`missingTemplate`) if no language has the template.
    public func render(template: String, facts: Facts, language: Language) throws(ConfigurationError) -> String {
        guard let library = templates.library(for: language), library.getTemplate(named: template) != nil,
            let text = library.render(formatter(for: language).mustacheContext(facts), withTemplate: template)
        else {
            throw ConfigurationError(code: .missingTemplate, message: "no template `\(template)` for \(language)")
        }
        return Self.tidy(text)
    }

    /// Renders a resolution's template and facts.
    public func render(_ resolution: Resolution, language: Language) throws(ConfigurationError) -> String {
        try render(template: resolution.template, facts: resolution.facts, language: language)
    }

    /// The formatter of `language`.
    public func formatter(for language: Language) -> FactFormatter {
        formatters[language] ?? defaultFormatter
    }

    static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var trimmed = line
            while let last = trimmed.last, last == " " || last == "\t" || last == "\r" { trimmed = trimmed.dropLast() }
            if trimmed.isEmpty, lines.last?.isEmpty ?? true { continue }
            lines.append(trimmed)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
