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
