/// The samples of a Prometheus text exposition (what `/metrics` answers), for the overview.
struct MetricsText: Sendable {
    /// One sample: a series and its value.
    struct Sample: Sendable, Equatable {
        let name: String
        let labels: [String: String]
        let value: Double
    }

    let samples: [Sample]

    init(samples: [Sample]) { self.samples = samples }

    /// Parses the text format (comments and malformed lines are skipped; label values may hold
    /// escaped quotes, commas and braces).
    init(_ text: String) {
        samples = text.split(separator: "\n").compactMap { line in
            line.hasPrefix("#") ? nil : Self.sample(Substring(line))
        }
    }

    /// The sum of the samples named `name` whose labels include `labels`; nil when there is none.
    func sum(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        let matching = samples.filter { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }
        return matching.isEmpty ? nil : matching.reduce(0) { $0 + $1.value }
    }

    /// The values of label `label` among the samples named `name`, with each one's value.
    func values(_ name: String, by label: String) -> [(String, Double)] {
        samples.filter { $0.name == name }.compactMap { sample in sample.labels[label].map { ($0, sample.value) } }
    }

    private static func sample(_ line: Substring) -> Sample? {
        let trimmed = line.drop(while: { $0 == " " })
        guard !trimmed.isEmpty else { return nil }
        var labels: [String: String] = [:]
        var rest: Substring
        let name: Substring
        if let brace = trimmed.firstIndex(of: "{") {
            name = trimmed[..<brace]
            var index = trimmed.index(after: brace)
            while index < trimmed.endIndex, trimmed[index] != "}" {
                guard let equals = trimmed[index...].firstIndex(of: "="),
                    trimmed.index(after: equals) < trimmed.endIndex, trimmed[trimmed.index(after: equals)] == "\""
                else { return nil }
                let key = String(trimmed[index..<equals]).trimmingSpacesAndCommas
                var value = ""
                var cursor = trimmed.index(equals, offsetBy: 2)
                while cursor < trimmed.endIndex, trimmed[cursor] != "\"" {
                    if trimmed[cursor] == "\\", trimmed.index(after: cursor) < trimmed.endIndex {
                        cursor = trimmed.index(after: cursor)
                        value.append(trimmed[cursor] == "n" ? "\n" : trimmed[cursor])
                    } else {
                        value.append(trimmed[cursor])
                    }
                    cursor = trimmed.index(after: cursor)
                }
                guard cursor < trimmed.endIndex else { return nil }
                labels[key] = value
                index = trimmed.index(after: cursor)
                while index < trimmed.endIndex, trimmed[index] == "," || trimmed[index] == " " { index = trimmed.index(after: index) }
            }
            guard index < trimmed.endIndex else { return nil }
            rest = trimmed[trimmed.index(after: index)...]
        } else {
            guard let space = trimmed.firstIndex(of: " ") else { return nil }
            name = trimmed[..<space]
            rest = trimmed[space...]
        }
        rest = rest.drop(while: { $0 == " " })
        let valueText = rest.split(separator: " ").first.map(String.init) ?? ""
        let value: Double? = switch valueText {
        case "+Inf": .infinity
        case "-Inf": -.infinity
        default: Double(valueText)
        }
        guard let value, !name.isEmpty else { return nil }
        return Sample(name: String(name), labels: labels, value: value)
    }
}

extension String {
    fileprivate var trimmingSpacesAndCommas: String {
        String(drop(while: { $0 == " " || $0 == "," }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
