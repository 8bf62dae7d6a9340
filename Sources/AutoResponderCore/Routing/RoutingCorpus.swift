import Foundation

/// A labelled client message of the routing corpus (`config/routing-corpus/*.tsv`).
public struct RoutingExample: Hashable, Sendable {
    /// The topic value of a message that names no topic: the label's resolver must answer.
    public static let vague = "vague"

    /// The resolvers that must answer, in the order written (several when one message asks several
    /// things); `[vague]` when the text names no topic.
    public var topics: [String]
    /// `en` or `pt-BR`.
    public var language: String
    /// The subject label an upstream classifier could have given (may be wrong, unlisted or empty).
    public var label: String
    /// What the client wrote.
    public var text: String

    /// Creates an example.
    public init(topics: [String], language: String, label: String, text: String) {
        self.topics = topics
        self.language = language
        self.label = label
        self.text = text
    }

    /// Whether the text names no topic.
    public var isVague: Bool { topics == [Self.vague] }

    /// The topics as written in the corpus: `telecom+receipt`.
    public var topic: String { topics.joined(separator: "+") }
}

/// The labelled client messages of one part of the routing corpus: a tab-separated file with the
/// header `topic, language, label, text`; lines starting with `#` are comments.
public struct RoutingCorpus: Hashable, Sendable {
    /// The examples, in file order.
    public var examples: [RoutingExample]

    /// Creates a corpus.
    public init(examples: [RoutingExample]) {
        self.examples = examples
    }

    /// Reads a corpus file.
    /// - Throws: ``ConfigurationError`` if the file is missing or a line is not four tab-separated
    ///   fields with a topic and a text.
    public static func load(contentsOf file: URL) throws(ConfigurationError) -> RoutingCorpus {
        try parse(tsv: ConfigurationFile.read(file), source: file.path)
    }

    /// Parses a corpus text.
    /// - Throws: ``ConfigurationError`` naming the first malformed line.
    public static func parse(tsv: String, source: String = "corpus.tsv") throws(ConfigurationError) -> RoutingCorpus {
        var examples: [RoutingExample] = []
        var sawHeader = false
        for (offset, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if !sawHeader {
                guard fields.map({ $0.lowercased() }) == ["topic", "language", "label", "text"] else {
                    throw ConfigurationError(
                        code: .invalidSyntax,
                        message: "\(source): the first line that is not a comment must be the header "
                            + "`topic<TAB>language<TAB>label<TAB>text`")
                }
                sawHeader = true
                continue
            }
            let topics = fields.first?.split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
            guard fields.count == 4, !topics.isEmpty, !topics.contains(where: \.isEmpty),
                !fields[3].trimmingCharacters(in: .whitespaces).isEmpty
            else {
                throw ConfigurationError(
                    code: .invalidSyntax,
                    message: "\(source):\(offset + 1): expected topic, language, label and text separated by tabs")
            }
            examples.append(RoutingExample(topics: topics, language: fields[1], label: fields[2], text: fields[3]))
        }
        return RoutingCorpus(examples: examples)
    }
}
