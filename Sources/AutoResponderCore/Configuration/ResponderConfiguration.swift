import Foundation

/// Everything under `config/`: routing, languages and reply templates. Read at start-up, so editing
/// the files and restarting changes the behaviour without a rebuild.
///
/// ```
/// config/routing.yaml                        RoutingConfiguration
/// config/language.yaml                       LanguageConfiguration
/// config/templates/<language>/<name>.mustache TemplateSet
/// ```
public struct ResponderConfiguration: Sendable {
    /// `routing.yaml`.
    public var routing: RoutingConfiguration
    /// `language.yaml`.
    public var languages: LanguageConfiguration
    /// `templates/`.
    public var templates: TemplateSet

    /// Creates a configuration from its parts.
    public init(routing: RoutingConfiguration, languages: LanguageConfiguration, templates: TemplateSet) {
        self.routing = routing
        self.languages = languages
        self.templates = templates
    }

    /// Reads a configuration directory.
    /// - Throws: ``ConfigurationError`` naming the file that is missing or wrong.
    public static func load(directory: URL) throws(ConfigurationError) -> ResponderConfiguration {
        let routing = try RoutingConfiguration.load(contentsOf: directory.appendingPathComponent("routing.yaml"))
        let languages = try LanguageConfiguration.load(contentsOf: directory.appendingPathComponent("language.yaml"))
        let templates = try TemplateSet.load(
            directory: directory.appendingPathComponent("templates"), defaultLanguage: languages.defaultLanguage)
        return ResponderConfiguration(routing: routing, languages: languages, templates: templates)
    }
}
