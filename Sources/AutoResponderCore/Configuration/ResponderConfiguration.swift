import Foundation

/// Everything under `config/`: routing, languages and reply templates. Read at start-up, so editing
/// the files and restarting changes the behaviour without a rebuild.
///
/// ```
/// config/routing.yaml                        RoutingConfiguration
/// config/language.yaml                       LanguageConfiguration
/// config/templates/<language>/<name>.mustache TemplateSet
/// config/sources.yaml                        SourcesConfiguration (optional)
/// ```
public struct ResponderConfiguration: Sendable {
    /// `routing.yaml`.
    public var routing: RoutingConfiguration
    /// `language.yaml`.
    public var languages: LanguageConfiguration
    /// `templates/`.
    public var templates: TemplateSet
    /// `sources.yaml`: where the data sources that resolvers bring along live (none if absent).
    public var sources: SourcesConfiguration

    /// Creates a configuration from its parts.
    public init(
        routing: RoutingConfiguration, languages: LanguageConfiguration, templates: TemplateSet,
        sources: SourcesConfiguration = SourcesConfiguration()
    ) {
        self.routing = routing
        self.languages = languages
        self.templates = templates
        self.sources = sources
    }

    /// Reads a configuration directory.
    /// - Throws: ``ConfigurationError`` naming the file that is missing or wrong.
    public static func load(directory: URL) throws(ConfigurationError) -> ResponderConfiguration {
        let routing = try RoutingConfiguration.load(contentsOf: directory.appendingPathComponent("routing.yaml"))
        let languages = try LanguageConfiguration.load(contentsOf: directory.appendingPathComponent("language.yaml"))
        let templates = try TemplateSet.load(
            directory: directory.appendingPathComponent("templates"), defaultLanguage: languages.defaultLanguage)
        let sources = try SourcesConfiguration.load(
            contentsOf: directory.appendingPathComponent(SourcesConfiguration.fileName))
        return ResponderConfiguration(routing: routing, languages: languages, templates: templates, sources: sources)
    }
}
