// make eval-routing: routes every message of the routing corpus (config/routing-corpus) with the
// repository's configuration and prints accuracy per topic, language and label kind, and a confusion
// matrix, for the tuning part and the held-out part.
//
//   routing-eval [--config DIR] [--part tuning|held-out] [--errors] [--rewrites] [--cross-validate K]
//
// --part routes one part only (tuning work looks at the tuning part alone).
// --errors lists every message routed wrong, with the decision and its reason.
// --corpus FILE routes the messages of another corpus file (same format) instead of the two parts.
// --check-words FILE prints every word of FILE (one a line, e.g. a spelling dictionary) that the
// normalization would rewrite as a typing error, glued word or variant: real words to add to
// `common_words` in normalization.yaml.
// --try TEXT routes one text (with --label LABEL) and prints the decision, nothing else.
// --timing splits the start-up time (keyword index, normalizing the corpus, training).
// --rewrites lists how the normalization read the words of the routed messages, and how often.
// --cross-validate K also measures the second opinion alone on the tuning part, K-fold (trained on
// the other folds): its accuracy by confidence, to choose `second_opinion.min_confidence` without
// looking at the held-out part.
import AutoResponderCore
import Foundation

var configDirectory = "config"
var showErrors = false
var showRewrites = false
var tried: [String] = []
var label = ""
var extraCorpus: String?
var wordList: String?
var folds = 0
var parts: Set<String> = ["tuning", "held-out"]
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--config": configDirectory = arguments.popFirst() ?? configDirectory
    case "--errors": showErrors = true
    case "--rewrites": showRewrites = true
    case "--timing": break
    case "--try": tried.append(arguments.popFirst() ?? "")
    case "--label": label = arguments.popFirst() ?? ""
    case "--corpus": extraCorpus = arguments.popFirst()
    case "--check-words": wordList = arguments.popFirst()
    case "--part": parts = [arguments.popFirst() ?? ""]
    case "--cross-validate": folds = Int(arguments.popFirst() ?? "") ?? 5
    default:
        FileHandle.standardError.write(Data("usage: routing-eval [--config DIR] [--part tuning|held-out] [--errors] [--rewrites] [--cross-validate K] [--label L --try TEXT]\n".utf8))
        exit(64)
    }
}

let directory = URL(fileURLWithPath: configDirectory)
do {
    let configuration = try RoutingConfiguration.load(contentsOf: directory.appendingPathComponent("routing.yaml"))
    let started = ContinuousClock.now
    let router = Router(configuration: configuration)
    let startUp = ContinuousClock.now - started
    if CommandLine.arguments.contains("--timing"), let settings = configuration.secondOpinion {
        var plain = configuration
        plain.secondOpinion = nil
        let t0 = ContinuousClock.now
        let keywordsOnly = Router(configuration: plain)
        let t1 = ContinuousClock.now
        let sentences = settings.training.map {
            keywordsOnly.canonicalizer.canonicalize(sentences: TextNormalizer.sentences($0.text))
        }
        let t2 = ContinuousClock.now
        _ = NGramClassifier(examples: sentences.map { ($0, ["x"]) })
        let t3 = ContinuousClock.now
        print("keywords-only router \(t1 - t0), canonicalizing the corpus \(t2 - t1), training \(t3 - t2)")
    }
    Evaluation.labelRouter = router
    let order = configuration.resolvers.map(\.name)
    if let wordList {
        let text = try String(contentsOf: URL(fileURLWithPath: wordList), encoding: .utf8)
        var seen: Set<String> = []
        for line in text.split(separator: "\n") {
            let words = TextNormalizer.words(String(line))
            guard words.count == 1, let word = words.first, seen.insert(word).inserted else { continue }
            var rewrites: [String] = []
            let read = router.canonicalizer.canonicalize([word], rewrites: &rewrites)
            if !rewrites.isEmpty { print("\(word)\t\(read.joined(separator: " "))") }
        }
        exit(0)
    }
    if let extraCorpus {
        let examples = try RoutingCorpus.load(contentsOf: URL(fileURLWithPath: extraCorpus)).examples
        Report.print(part: extraCorpus, outcomes: Evaluation.run(examples, router: router), order: order, showErrors: showErrors)
        exit(0)
    }
    if !tried.isEmpty {
        for text in tried { print("\(text)\n  → \(router.route(subject: label, texts: [text]))") }
        exit(0)
    }
    let corpus = directory.appendingPathComponent("routing-corpus")
    let tuning = try RoutingCorpus.load(contentsOf: corpus.appendingPathComponent("tuning.tsv")).examples
    let heldOut =
        parts.contains("held-out")
        ? try RoutingCorpus.load(contentsOf: corpus.appendingPathComponent("heldout.tsv")).examples : []

    print("routing corpus: \(tuning.count) tuning + \(heldOut.count) held-out messages")
    print("router start-up (normalization, keyword index, classifier trained on \(configuration.secondOpinion?.training.count ?? 0) texts): \(startUp)")
    let routingStarted = ContinuousClock.now
    let tuningOutcomes = parts.contains("tuning") ? Evaluation.run(tuning, router: router) : []
    let heldOutOutcomes = Evaluation.run(heldOut, router: router)
    let perMessage = (ContinuousClock.now - routingStarted) / max(1, tuningOutcomes.count + heldOutOutcomes.count)
    print("routing: \(perMessage) per message\n")
    if parts.contains("tuning") {
        Report.print(part: "tuning", outcomes: tuningOutcomes, order: order, showErrors: showErrors)
    }
    if parts.contains("held-out") {
        Report.print(part: "held-out", outcomes: heldOutOutcomes, order: order, showErrors: showErrors)
    }
    if showRewrites { Report.printRewrites(tuningOutcomes + heldOutOutcomes) }
    if folds > 1 { CrossValidation.run(tuning, configuration: configuration, folds: folds) }
} catch {
    FileHandle.standardError.write(Data("routing-eval: \(error)\n".utf8))
    exit(1)
}
