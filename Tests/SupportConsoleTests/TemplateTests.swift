import Foundation
import Testing

@testable import SupportConsole

/// The templates parse, never print unescaped, and find every text they use in both languages.
@Suite struct TemplateTests {
    @Test func everyTemplateParses() throws {
        _ = try Views()
    }

    @Test func noTemplatePrintsUnescaped() {
        for (name, text) in Templates.all {
            #expect(!text.contains("{{{"), "\(name) uses {{{…}}}")
            #expect(!text.contains("{{&"), "\(name) uses {{&…}}")
            #expect(!text.contains("<script>"), "\(name) has an inline script")
            #expect(!text.contains("style=\""), "\(name) has an inline style (the CSP forbids it)")
        }
    }

    @Test func bothLanguagesHaveEveryTextTheTemplatesUse() throws {
        let pattern = try NSRegularExpression(pattern: #"\{\{[#^/]?t\.([a-z0-9_]+)\}\}"#)
        var keys = Set<String>()
        for text in Templates.all.values {
            let range = NSRange(text.startIndex..., in: text)
            for match in pattern.matches(in: text, range: range) {
                keys.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        #expect(keys.count > 50)
        for language in UILanguage.allCases {
            let missing = keys.subtracting(language.strings.keys)
            #expect(missing.isEmpty, "\(language) lacks \(missing.sorted())")
        }
        #expect(Set(UIStrings.english.keys) == Set(UIStrings.portuguese.keys), "the same keys in both languages")
    }

    @Test func aPageEscapesWhatItShows() throws {
        let views = try Views()
        let model = ProblemModel(heading: "<b>x</b>", message: "\"quoted\" & 'single' <script>alert(1)</script>")
        let html = views.render("error", chrome: Chrome(title: "<t>", lang: "en"), language: .english, model: model)
        #expect(html.contains("&lt;b&gt;x&lt;/b&gt;"))
        #expect(html.contains("&quot;quoted&quot; &amp; &#39;single&#39; &lt;script&gt;"))
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("<title>&lt;t&gt; · Support console</title>"))
    }
}
