import AutoResponderCore
import Foundation

/// Prints accuracy per topic and per language, and the confusion matrix, of one corpus part.
enum Report {
    static func print(part: String, outcomes: [Outcome], order: [String], showErrors: Bool) {
        let correct = outcomes.filter(\.isCorrect).count
        Swift.print("== \(part): \(percent(correct, outcomes.count)) (\(correct)/\(outcomes.count))")
        table(
            "topic", outcomes: outcomes,
            key: { Evaluation.canonical($0.example.topic, order: order) }, order: order)
        table("language", outcomes: outcomes, key: { $0.example.language }, order: [])
        table("label kind", outcomes: outcomes, key: { labelKind($0) }, order: ["right", "wrong", "empty", "unlisted"])
        confusion(outcomes, order: order)
        if showErrors {
            Swift.print("  errors:")
            for outcome in outcomes where !outcome.isCorrect {
                Swift.print("    [\(outcome.example.label)] \(outcome.example.text)")
                Swift.print("      expected \(outcome.expected), got \(outcome.decision)")
            }
        }
        Swift.print("")
    }

    /// Every spelling change made, with its count, and how often the second opinion decided.
    static func printRewrites(_ outcomes: [Outcome]) {
        var counts: [String: Int] = [:]
        for outcome in outcomes { for rewrite in outcome.decision.rewrites { counts[rewrite, default: 0] += 1 } }
        Swift.print("== rewrites (\(counts.count) distinct):")
        for (rewrite, count) in counts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            Swift.print("    \(count)  \(rewrite)")
        }
        let decided = outcomes.filter { $0.decision.reason == .secondOpinion }
        Swift.print("== decided by the second opinion: \(decided.count) of \(outcomes.count)")
        for outcome in decided { Swift.print("    \(outcome.example.text)  →  \(outcome.decision)") }
    }

    private static func labelKind(_ outcome: Outcome) -> String {
        let label = outcome.example.label
        if label.trimmingCharacters(in: .whitespaces).isEmpty { return "empty" }
        guard let resolver = Evaluation.labelResolver(label) else { return "unlisted" }
        return outcome.expected.split(separator: "+").contains(Substring(resolver)) ? "right" : "wrong"
    }

    private static func table(
        _ title: String, outcomes: [Outcome], key: (Outcome) -> String, order: [String]
    ) {
        let groups = Dictionary(grouping: outcomes, by: key)
        let keys = groups.keys.sorted { lhs, rhs in
            let (left, right) = (rank(lhs, order), rank(rhs, order))
            return left != right ? left < right : lhs < rhs
        }
        Swift.print("  by \(title):")
        for name in keys {
            let group = groups[name] ?? []
            let right = group.filter(\.isCorrect).count
            Swift.print("    \(pad(name, 28)) \(pad(percent(right, group.count), 8)) \(right)/\(group.count)")
        }
    }

    private static func confusion(_ outcomes: [Outcome], order: [String]) {
        let expected = Set(outcomes.map { Evaluation.canonical($0.expected, order: order) })
        let predicted = Set(outcomes.map { Evaluation.canonical($0.predicted, order: order) })
        let rows = expected.sorted { (rank($0, order), $0) < (rank($1, order), $1) }
        let columns = predicted.union(expected).sorted { (rank($0, order), $0) < (rank($1, order), $1) }
        var counts: [String: [String: Int]] = [:]
        for outcome in outcomes {
            counts[Evaluation.canonical(outcome.expected, order: order), default: [:]][
                Evaluation.canonical(outcome.predicted, order: order), default: 0] += 1
        }
        Swift.print("  confusion (rows: expected, columns: routed to):")
        let widths = columns.map { max(5, $0.count) + 2 }
        Swift.print("    " + pad("", 28) + zip(columns, widths).map { pad($0, $1, right: true) }.joined())
        for row in rows {
            let cells = zip(columns, widths).map { column, width in
                pad(counts[row]?[column].map(String.init) ?? ".", width, right: true)
            }
            Swift.print("    " + pad(row, 28) + cells.joined())
        }
    }

    /// Single topics in configuration order, then combinations, then the rest.
    private static func rank(_ name: String, _ order: [String]) -> Int {
        if let index = order.firstIndex(of: name) { return index }
        return name.contains("+") ? 100 + name.count : 1000
    }

    static func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "-" : String(format: "%.1f %%", 100 * Double(part) / Double(whole))
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }
}
