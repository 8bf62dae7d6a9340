import Foundation
import Testing

@testable import AutoResponderCore

@Suite struct ReplyRendererTests {
    func renderer(_ sources: [Language: [String: String]]) throws -> ReplyRenderer {
        ReplyRenderer(
            templates: try TemplateSet(sources: sources, defaultLanguage: .english), languages: try loadLanguages(),
            timeZone: saoPaulo)
    }

    @Test func rendersPlainTextWithoutHTMLEscaping() throws {
        let renderer = try renderer([.english: ["t": "Status: {{status}} ({{description}})"]])
        let text = try renderer.render(
            template: "t", facts: ["status": "failed", "description": "bank's API is <unavailable> & \"down\""],
            language: .english)
        #expect(text == "Status: failed (bank's API is <unavailable> & \"down\")")
    }

    @Test func upstreamTextIsQuotedLiterallyOnOneLineAndBounded() throws {
        let renderer = try renderer([.english: ["t": "[{{description}}]"]])
        let sneaky = try renderer.render(template: "t", facts: ["description": "{{#x}}{{> t}}\nline two\t end"], language: .english)
        #expect(sneaky == "[{{#x}}{{> t}} line two end]")
        let long = try renderer.render(template: "t", facts: ["description": .text(String(repeating: "a", count: 5000))], language: .english)
        #expect(long.count == FactFormatter.maxTextLength + 2)
        #expect(long.hasSuffix("…]"))
    }

    @Test func formatsMoneyAndDatesForTheLanguage() throws {
        let renderer = try renderer([
            .english: ["t": "{{value}} on {{day}}"], .portuguese: ["t": "{{value}} em {{day}}"],
        ])
        let facts: Facts = ["value": .money(1240), "day": .date(instant("2021-12-21T00:00:00-03:00"))]
        #expect(try renderer.render(template: "t", facts: facts, language: .english) == "R$ 1,240.00 on Dec 21, 2021")
        #expect(try renderer.render(template: "t", facts: facts, language: .portuguese) == "R$ 1.240,00 em 21/12/2021")
    }

    @Test func sectionsListsGroupsAndFlags() throws {
        let renderer = try renderer([
            .english: ["t": "{{#items}}[{{id}}{{#flag}}!{{/flag}}{{#place}} {{city}}{{/place}}]{{/items}}{{^items}}none{{/items}}"]
        ])
        let facts: Facts = [
            "items": .list([["id": "a", "flag": true, "place": .group(["city": "BH"])], ["id": "b", "flag": false]])
        ]
        #expect(try renderer.render(template: "t", facts: facts, language: .english) == "[a! BH][b]")
        #expect(try renderer.render(template: "t", facts: ["items": .list([])], language: .english) == "none")
    }

    @Test func aTemplateMissingInALanguageFallsBackToTheDefault() throws {
        let renderer = try renderer([.english: ["a": "english a", "b": "english b"], .portuguese: ["a": "português a"]])
        #expect(try renderer.render(template: "a", facts: [:], language: .portuguese) == "português a")
        #expect(try renderer.render(template: "b", facts: [:], language: .portuguese) == "english b")
        #expect(try renderer.render(template: "a", facts: [:], language: Language("fr")) == "english a")
        #expect(throws: ConfigurationError.self) { try renderer.render(template: "zzz", facts: [:], language: .english) }
    }

    @Test func tidiesBlankLinesAndTrailingSpaces() throws {
        let renderer = try renderer([.english: ["t": "\n\nHi!   \n\n\n\n{{#no}}x{{/no}}\n\nBye \n\n"]])
        #expect(try renderer.render(template: "t", facts: [:], language: .english) == "Hi!\n\nBye")
    }

    @Test func brokenTemplatesAndAMissingDefaultAreConfigurationErrors() {
        #expect(throws: ConfigurationError.self) { try TemplateSet(sources: [.english: ["t": "{{#open}}"]], defaultLanguage: .english) }
        #expect(throws: ConfigurationError.self) { try TemplateSet(sources: [.portuguese: ["t": "x"]], defaultLanguage: .english) }
    }

    @Test func validationNamesMissingTemplates() throws {
        let renderer = try renderer([.english: ["handoff": "x"]])
        do {
            try renderer.validate(templateNames: ["handoff", "delivery"])
            Issue.record("a missing template passed validation")
        } catch {
            #expect(error.code == .missingTemplate)
            #expect(error.message.contains("delivery"))
        }
    }

    @Test func theRepositoryTemplatesLoadForBothLanguages() throws {
        let configuration = try ResponderConfiguration.load(directory: configDirectory)
        let names: Set<String> = ["delivery", "chip_status", "receipt", "handoff"]
        #expect(configuration.templates.ownTemplateNames(for: .english).isSuperset(of: names))
        #expect(configuration.templates.ownTemplateNames(for: .portuguese).isSuperset(of: names))
        let renderer = ReplyRenderer(templates: configuration.templates, languages: configuration.languages, timeZone: saoPaulo)
        for language in [Language.english, .portuguese] {
            let text = try renderer.render(template: "handoff", facts: [:], language: language)
            #expect(text.contains(language == .english ? "a person" : "uma pessoa"))
            #expect(!text.contains("{{"))
            #expect(!text.hasPrefix("\n"))
        }
    }
}
