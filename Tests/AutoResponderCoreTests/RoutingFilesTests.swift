import Foundation
import Testing

@testable import AutoResponderCore

/// The normalization table and the corpus files: parsing, errors, and agreement with the keywords.
@Suite struct RoutingFilesTests {
    @Test func parsesANormalizationTable() throws {
        let table = try NormalizationTable.parse(yaml: """
            typos: {min_length: 6, max_distance: 1}
            variants: {x: ch}
            replacements: {vc: você, "didn t": didnt}
            common_words: [There THEN]
            """)
        #expect(table.replacements[["vc"]] == ["voce"])
        #expect(table.replacements[["didn", "t"]] == ["didnt"])
        #expect(table.commonWords == ["there", "then"])
        #expect(table.typos.minLength == 6)
        #expect(table.typos.maxEdits(forLength: 5) == 0)
        #expect(table.typos.maxEdits(forLength: 12) == 2)
        #expect(table.variants == [NormalizationTable.Variant(from: "x", to: "ch")])
    }

    @Test func malformedNormalizationTablesAreClearErrors() {
        for yaml in ["replacements: {vc: \"\"}", "replacements: {\"!!\": x}", "typos: {min_length: 1}", "variants: {x: \"c h\"}",
                     "replacements: {Vc: a, vc: b}", "replacements: [a]"] {
            #expect(throws: ConfigurationError.self, "\(yaml)") { try NormalizationTable.parse(yaml: yaml) }
        }
    }

    @Test func parsesACorpus() throws {
        let corpus = try RoutingCorpus.parse(tsv: """
            # a comment
            topic\tlanguage\tlabel\ttext
            telecom+receipt\ten\t\tno signal, no money
            vague\tpt-BR\tlate delivery\toi
            """)
        #expect(corpus.examples.count == 2)
        #expect(corpus.examples[0].topics == ["telecom", "receipt"])
        #expect(corpus.examples[0].label.isEmpty)
        #expect(corpus.examples[1].isVague)
        for tsv in ["telecom\ten\t\tx", "topic\tlanguage\tlabel\ttext\ntelecom\ten\tx", "topic\tlanguage\tlabel\ttext\n\ten\t\tx"] {
            #expect(throws: ConfigurationError.self) { try RoutingCorpus.parse(tsv: tsv) }
        }
    }

    @Test func keywordsAreWrittenWithTheNormalizedSpelling() throws {
        // A keyword word the table rewrites could never match: the text's word is rewritten first.
        let configuration = try loadRouting()
        let keys = Set(configuration.normalization.replacements.keys.filter { $0.count == 1 }.map { $0[0] })
        for route in configuration.resolvers {
            for keyword in route.keywords {
                for part in keyword.pattern.parts {
                    for alternative in part {
                        for word in alternative where !word.isPrefix {
                            #expect(!keys.contains(word.text), "\(route.name): `\(keyword.pattern)` uses `\(word.text)`")
                        }
                    }
                }
            }
        }
    }

    @Test func theRoutingConfigurationRejectsBadSettings() {
        let base = "fallback: h\nresolvers: [{name: h}]\n"
        for extra in ["multi_topic_score: 0", "clarify_margin: -1", "clarify_min_score: 0",
                      "second_opinion: {training: x.tsv, min_confidence: 2}", "label_support_score: 0",
                      "second_opinion: {training: x.tsv, alone_confidence: 1.5}"] {
            #expect(throws: ConfigurationError.self, "\(extra)") { try RoutingConfiguration.parse(yaml: base + extra) }
        }
        #expect(throws: ConfigurationError.self) {
            try RoutingConfiguration.parse(yaml: "fallback: clarify\nresolvers: [{name: clarify}]")
        }
        // Files named by routing.yaml are read relative to it; a missing one is an error.
        #expect(throws: ConfigurationError.self) {
            try RoutingConfiguration.parse(
                yaml: base + "normalization: missing.yaml", directory: URL(fileURLWithPath: "/nonexistent"))
        }
    }
}
