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

/// A Prometheus histogram summed over every series and process: its cumulative buckets, count and sum.
struct Histogram: Sendable, Equatable {
    /// (upper bound, cumulative count), by bound.
    let buckets: [(bound: Double, count: Double)]
    let count: Double
    let sum: Double

    static func == (lhs: Histogram, rhs: Histogram) -> Bool {
        lhs.count == rhs.count && lhs.sum == rhs.sum && lhs.buckets.map(\.bound) == rhs.buckets.map(\.bound)
            && lhs.buckets.map(\.count) == rhs.buckets.map(\.count)
    }

    /// The histogram `name` (`name_bucket`, `_count`, `_sum`) of all `texts` together; nil without samples.
    init?(_ name: String, in texts: [MetricsText]) {
        var byBound: [Double: Double] = [:]
        var count = 0.0
        var sum = 0.0
        var found = false
        for text in texts {
            for sample in text.samples {
                if sample.name == name + "_bucket", let le = sample.labels["le"] {
                    let bound = le == "+Inf" ? Double.infinity : Double(le) ?? .nan
                    guard !bound.isNaN else { continue }
                    byBound[bound, default: 0] += sample.value
                    found = true
                } else if sample.name == name + "_count" {
                    count += sample.value
                } else if sample.name == name + "_sum" {
                    sum += sample.value
                }
            }
        }
        guard found else { return nil }
        buckets = byBound.keys.sorted().map { ($0, byBound[$0]!) }
        self.count = count
        self.sum = sum
    }

    /// Whether the `q` quantile falls in the `+Inf` bucket (its estimate is then the highest finite bound).
    func isBeyondLastBound(_ q: Double) -> Bool {
        guard let total = buckets.last?.count, total > 0 else { return false }
        let finite = buckets.last(where: { $0.bound.isFinite })?.count ?? 0
        return q * total > finite
    }

    /// The `q` quantile (0...1) estimated as Prometheus's `histogram_quantile` does: linear within the
    /// bucket that holds it; the highest finite bound when it falls in the `+Inf` bucket.
    func quantile(_ q: Double) -> Double? {
        guard let total = buckets.last?.count, total > 0 else { return nil }
        let rank = q * total
        var lower = 0.0
        var below = 0.0
        for (bound, cumulative) in buckets {
            if cumulative >= rank {
                guard bound.isFinite else { return lower }
                let inBucket = cumulative - below
                return inBucket > 0 ? lower + (bound - lower) * (rank - below) / inBucket : bound
            }
            if bound.isFinite { lower = bound }
            below = cumulative
        }
        return lower
    }
}
