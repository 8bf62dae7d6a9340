import Mustache

/// The console's Mustache templates, kept as strings in the module so that the executable carries
/// them (no resource bundle to ship beside it). They render as HTML: `{{name}}` escapes `& < > " '`;
/// no template uses the unescaped forms `{{{…}}}` or `{{&…}}` (a test checks), and text from outside
/// goes through ``DisplayText`` first.
enum Templates {
    /// Every template by name; pages extend `layout` and include `messages` and `pager`.
    static let all: [String: String] = [
        "layout": layout, "messages": messages, "pager": pager, "login": login, "error": error,
        "handoffs": handOffs, "conversation": conversation, "overview": overview, "deadLetters": deadLetters,
        "search": search,
    ]

    /// The parsed templates.
    static func library() throws(ConsoleError) -> MustacheLibrary {
        var templates: [String: MustacheTemplate] = [:]
        for (name, text) in all {
            do {
                templates[name] = try MustacheTemplate(string: text)
            } catch {
                throw ConsoleError(.template, "the template \(name) does not parse: \(error)")
            }
        }
        return MustacheLibrary(templates: templates)
    }
}

/// What every page shows around its own part: title, language, who is signed in, navigation.
struct Chrome {
    var title: String
    var lang: String
    var signedIn = false
    var user = ""
    var csrf = ""
    var openHandOffs = ""
    var query = ""
    var flash: String?
    /// Seconds between live refreshes of `<main>`, when the page refreshes itself.
    var refresh: String?
    var onHandOffs = false
    var onOverview = false
    var onDeadLetters = false
    var footer = ""
}

/// Renders pages: `t` (the language's texts), `chrome` and `m` (the page's model) for the templates.
struct Views: Sendable {
    let library: MustacheLibrary

    init() throws(ConsoleError) {
        library = try Templates.library()
    }

    func render(_ template: String, chrome: Chrome, language: UILanguage, model: Any) -> String {
        let context: [String: Any] = ["t": language.strings, "chrome": chrome, "m": model]
        return library.render(context, withTemplate: template) ?? ""
    }
}
