import Foundation
import Mustache

/// The reply templates of every language: `config/templates/<language>/<name>.mustache`.
///
/// Templates are Mustache, rendered as plain text (no HTML escaping: statuses and descriptions are
/// quoted exactly). A template missing in a language falls back to the default language's, also
/// for partials (`{{> name}}`).
public struct TemplateSet: Sendable {
    private let libraries: [Language: MustacheLibrary]
    private let names: [Language: Set<String>]
    /// The language whose templates are the fallback.
    public let defaultLanguage: Language

    /// Parses templates from their texts: language → name → Mustache text.
    /// - Throws: ``ConfigurationError`` (`invalidSyntax`) for a template that does not parse,
    ///   (`missingTemplate`) if the default language has none.
    public init(sources: [Language: [String: String]], defaultLanguage: Language) throws(ConfigurationError) {
        var parsed: [Language: [String: MustacheTemplate]] = [:]
        for (language, templates) in sources {
            for (name, text) in templates {
                do {
                    // Plain text: without this pragma Mustache would HTML-escape `'`, `&`, `<`.
                    parsed[language, default: [:]][name] = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT }}\n" + text)
                } catch {
                    throw ConfigurationError(
                        code: .invalidSyntax, message: "template \(language)/\(name) does not parse: \(error)")
                }
            }
        }
        guard let defaults = parsed[defaultLanguage], !defaults.isEmpty else {
            throw ConfigurationError(
                code: .missingTemplate, message: "no template for the default language \(defaultLanguage)")
        }
        var libraries: [Language: MustacheLibrary] = [:]
        var names: [Language: Set<String>] = [:]
        for (language, templates) in parsed {
            let merged = defaults.merging(templates) { _, own in own }
            libraries[language] = MustacheLibrary(templates: merged)
            names[language] = Set(templates.keys)
        }
        self.libraries = libraries
        self.names = names
        self.defaultLanguage = defaultLanguage
    }

    /// Loads `directory/<language>/*.mustache` for every language that has a folder.
    /// - Throws: ``ConfigurationError`` if the folder is unreadable or a template does not parse.
    public static func load(directory: URL, defaultLanguage: Language) throws(ConfigurationError) -> TemplateSet {
        let files = FileManager.default
        guard let languages = try? files.contentsOfDirectory(atPath: directory.path) else {
            throw ConfigurationError(code: .fileNotFound, message: "cannot list templates in \(directory.path)")
        }
        var sources: [Language: [String: String]] = [:]
        for language in languages.sorted() {
            let folder = directory.appendingPathComponent(language)
            guard let entries = try? files.contentsOfDirectory(atPath: folder.path) else { continue }
            for entry in entries where entry.hasSuffix(".mustache") {
                let text = try ConfigurationFile.read(folder.appendingPathComponent(entry))
                sources[Language(language), default: [:]][String(entry.dropLast(".mustache".count))] = text
            }
        }
        return try TemplateSet(sources: sources, defaultLanguage: defaultLanguage)
    }

    /// The templates `language` defines itself (without fallbacks).
    public func ownTemplateNames(for language: Language) -> Set<String> {
        names[language] ?? []
    }

    /// The library used for `language` (its own templates over the default language's).
    func library(for language: Language) -> MustacheLibrary? {
        libraries[language] ?? libraries[defaultLanguage]
    }
}
