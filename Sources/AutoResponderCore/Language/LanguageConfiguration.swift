import Foundation

/// The reply languages: how to recognise them in the client's text and how to format facts in them.
/// Read from `config/language.yaml`:
///
/// ```yaml
/// default: en
/// languages:
///   - code: pt-BR
///     markers: [não, meu, minha, olá, obrigado, máquina]   # words or phrases, accents optional
///     decimal_separator: ","
///     grouping_separator: "."
///     date_format: dd/MM/yyyy          # DateFormatter patterns, business time zone
///     date_time_format: dd/MM/yyyy 'às' HH:mm
/// ```
public struct LanguageConfiguration: Hashable, Sendable {
    /// One language.
    public struct Entry: Hashable, Sendable {
        /// The language.
        public var language: Language
        /// Words or phrases that show a text is in this language.
        public var markers: [KeywordPattern]
        /// How facts are formatted.
        public var format: FactFormat

        /// Creates an entry.
        public init(language: Language, markers: [KeywordPattern], format: FactFormat) {
            self.language = language
            self.markers = markers
            self.format = format
        }
    }

    /// The language when the text says nothing (and whose templates are the fallback).
    public var defaultLanguage: Language
    /// The languages, in order of preference for ties.
    public var entries: [Entry]

    /// Creates a configuration.
    public init(defaultLanguage: Language, entries: [Entry]) {
        self.defaultLanguage = defaultLanguage
        self.entries = entries
    }

    /// The format of `language`, or of the default language, or the English default.
    public func format(for language: Language) -> FactFormat {
        entries.first { $0.language == language }?.format
            ?? entries.first { $0.language == defaultLanguage }?.format
            ?? FactFormat()
    }

    /// English and Brazilian Portuguese with a few markers: for tests and as a last resort.
    public static let builtIn = LanguageConfiguration(
        defaultLanguage: .english,
        entries: [
            Entry(language: .english, markers: ["the", "my", "is", "hello"].compactMap(KeywordPattern.init),
                  format: FactFormat()),
            Entry(
                language: .portuguese,
                markers: ["não", "meu", "minha", "olá", "obrigado", "máquina", "entrega", "dinheiro", "conta", "cadê",
                          "ainda", "está", "você"].compactMap(KeywordPattern.init),
                format: FactFormat(decimalSeparator: ",", groupingSeparator: ".", dateFormat: "dd/MM/yyyy",
                                   dateTimeFormat: "dd/MM/yyyy HH:mm")),
        ])
}

/// How facts are formatted in one language.
public struct FactFormat: Hashable, Sendable {
    /// The currency symbol before amounts.
    public var currencySymbol: String
    /// Between units and cents (`.` in English, `,` in Portuguese).
    public var decimalSeparator: String
    /// Between thousands (`,` in English, `.` in Portuguese).
    public var groupingSeparator: String
    /// `DateFormatter` pattern of a calendar date.
    public var dateFormat: String
    /// `DateFormatter` pattern of an instant.
    public var dateTimeFormat: String
    /// The locale of month and day names in the patterns.
    public var localeIdentifier: String

    /// Creates a format (defaults: English).
    public init(
        currencySymbol: String = "R$", decimalSeparator: String = ".", groupingSeparator: String = ",",
        dateFormat: String = "MMM d, yyyy", dateTimeFormat: String = "MMM d, yyyy h:mm a",
        localeIdentifier: String = "en_US_POSIX"
    ) {
        self.currencySymbol = currencySymbol
        self.decimalSeparator = decimalSeparator
        self.groupingSeparator = groupingSeparator
        self.dateFormat = dateFormat
        self.dateTimeFormat = dateTimeFormat
        self.localeIdentifier = localeIdentifier
    }
}
