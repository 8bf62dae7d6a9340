import ArgumentParser
import Foundation
import Logging

extension Bench {
    /// `bench e2e`: one end-to-end run of the whole system (see `E2ERun`).
    struct E2E: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "e2e",
            abstract: "One end-to-end run: the simulator, a dispatcher and W workers answer N conversations active at once.",
            discussion: """
                Needs the servers running, the world's business tables loaded into the database of \
                --database-url and the service's role there; scripts/bench-e2e.sh (make bench-e2e) does all \
                that. Prints the figures and writes <out-dir>/<label>.json and .txt; the processes' logs go \
                to <out-dir>/<label>/.
                """)

        @OptionGroup var options: E2EOptions

        func run() async throws {
            LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
            var logger = Logger(label: "bench")
            logger.logLevel = .warning
            let result = try await E2ERun(options: options, logger: logger).run()
            let text = result.text
            print(text)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(result).write(to: URL(fileURLWithPath: "\(options.outDir)/\(options.label).json"))
            try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: "\(options.outDir)/\(options.label).txt"))
            progress("result in \(options.outDir)/\(options.label).json")
        }
    }

    /// `bench e2e-report`: writes a section of docs/benchmarks.md from the JSON results of `bench e2e`.
    struct E2EReport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "e2e-report",
            abstract: "Write one section (burst, scaling, steady, steady-settled or steady-push) of the benchmarks page from results of bench e2e.")

        @Option(help: "The section: burst (one result), scaling (several), steady, steady-settled or steady-push (one result).")
        var section: String

        @Option(help: "The markdown file to update (its other sections are kept).")
        var out: String = "docs/benchmarks.md"

        @Option(help: "Where the raw output is kept (mentioned in the section).")
        var raw: String?

        @Argument(help: "JSON results of bench e2e.")
        var results: [String]

        func validate() throws {
            guard E2EMarkdown.sections.contains(section) else { throw ValidationError("--section: \(E2EMarkdown.sections.joined(separator: ", "))") }
            guard !results.isEmpty else { throw ValidationError("give at least one result") }
        }

        func run() throws {
            let decoded = try results.map { try JSONDecoder().decode(E2EResult.self, from: Data(contentsOf: URL(fileURLWithPath: $0))) }
            var body: String
            switch section {
            case "scaling": body = decoded.scalingMarkdown
            case "steady", "steady-settled", "steady-push": body = decoded[0].steadyMarkdown(title: E2EMarkdown.titles[section] ?? section)
            default: body = decoded[0].burstMarkdown
            }
            if let raw { body += "\n\nRaw output: `\(raw)`." }
            let existing = try? String(contentsOfFile: out, encoding: .utf8)
            try Data(E2EMarkdown.update(existing: existing, section: section, body: body).utf8)
                .write(to: URL(fileURLWithPath: out))
            progress("wrote the \(section) section of \(out)")
        }
    }
}
