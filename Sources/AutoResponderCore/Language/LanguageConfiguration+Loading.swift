import Foundation

extension LanguageConfiguration {
    /// Reads `config/language.yaml`.
    /// - Throws: ``ConfigurationError`` if the file is missing or not the documented shape.
    public static func load(contentsOf file: URL) throws(ConfigurationError) -> LanguageConfiguration {
        try parse(yaml: ConfigurationFile.read(file), source: file.path)
    }

    /// Parses the YAML text of a language configuration.
    /// - Throws: ``ConfigurationError`` if it is not the documented shape.
    public static func parse(yaml: String, source: String = "language.yaml") throws(ConfigurationError)
        -> LanguageConfiguration
    {
        let file = try ConfigurationFile.decode(FileFormat.self, from: yaml, source: source)
        let fallback = FactFormat()
        let entries = file.languages.map { entry in
            Entry(
                language: Language(entry.code),
                markers: (entry.markers ?? []).compactMap(KeywordPattern.init),
                format: FactFormat(
                    currencySymbol: entry.currencySymbol ?? fallback.currencySymbol,
                    decimalSeparator: entry.decimalSeparator ?? fallback.decimalSeparator,
                    groupingSeparator: entry.groupingSeparator ?? fallback.groupingSeparator,
                    dateFormat: entry.dateFormat ?? fallback.dateFormat,
                    dateTimeFormat: entry.dateTimeFormat ?? fallback.dateTimeFormat,
                    localeIdentifier: entry.locale ?? fallback.localeIdentifier))
        }
        let defaultLanguage = Language(file.default)
        guard entries.contains(where: { $0.language == defaultLanguage }) else {
            throw ConfigurationError(
                code: .invalidValue, message: "\(source): the default language `\(file.default)` is not listed")
        }
        guard Set(entries.map(\.language)).count == entries.count else {
            throw ConfigurationError(code: .invalidValue, message: "\(source): a language is listed twice")
        }
        return LanguageConfiguration(defaultLanguage: defaultLanguage, entries: entries)
    }

    private struct FileFormat: Decodable {
        let `default`: String
        let languages: [EntryFormat]
    }

    private struct EntryFormat: Decodable {
        let code: String
        let markers: [String]?
        let currencySymbol: String?
        let decimalSeparator: String?
        let groupingSeparator: String?
        let dateFormat: String?
        let dateTimeFormat: String?
        let locale: String?

        enum CodingKeys: String, CodingKey {
            case code, markers, locale
            case currencySymbol = "currency_symbol"
            case decimalSeparator = "decimal_separator"
            case groupingSeparator = "grouping_separator"
            case dateFormat = "date_format"
            case dateTimeFormat = "date_time_format"
        }
    }
}
