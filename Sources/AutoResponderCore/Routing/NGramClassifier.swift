import Foundation

/// A small statistical second opinion on a text's topic: multinomial naive Bayes over the character
/// 3- to 5-grams of its normalized words (` my machine ` → ` my`, `my `, `y m`, …, `machi`, …), hashed
/// into a fixed table. Character n-grams see through what keywords miss — a misspelt stem, a glued
/// word, an unseen inflection — and the model is trained at start-up, in milliseconds, on the labelled
/// tuning corpus in `config/`: no network, no downloaded model.
///
/// Its confidence is the softmax of each class's *mean* log-likelihood per n-gram, times
/// ``temperature``: unlike the raw posterior, which naive Bayes pushes to 0 or 1 for any text, it stays
/// low for a text whose n-grams are common to every topic (a greeting) and is high only when most of
/// the text points one way. The ``Router`` asks it only when keywords say nothing clear, and records
/// its answer with that confidence.
public struct NGramClassifier: Sendable {
    /// The class of texts that name no topic (greetings, "any news?"): a prediction of it is no opinion.
    public static let noTopic = ""

    /// The classifier's answer.
    public struct Prediction: Hashable, Sendable, CustomStringConvertible {
        /// The most likely class (a resolver name, or ``NGramClassifier/noTopic``).
        public var label: String
        /// Its confidence, 0...1 (see ``NGramClassifier``).
        public var confidence: Double
        /// How many of the text's n-grams the model had seen in training.
        public var knownFeatures: Int

        /// Creates a prediction.
        public init(label: String, confidence: Double, knownFeatures: Int) {
            self.label = label
            self.confidence = confidence
            self.knownFeatures = knownFeatures
        }

        /// `receipt 0.93`.
        public var description: String {
            "\(label.isEmpty ? "no topic" : label) \(String(format: "%.2f", confidence))"
        }
    }

    /// The classes, in the order of the weight table's columns.
    public let classes: [String]
    /// Scale of the mean log-likelihoods before the softmax (higher: more confident).
    public let temperature: Double
    /// `log P(bucket | class)` at `bucket * classes.count + class`; all zero for a bucket never seen.
    private let weights: [Float]
    private let bucketMask: Int

    /// The smallest and largest n-gram lengths.
    static let gramLengths = 3...5
    /// Buckets of the hashed n-gram table (a power of two).
    static let bucketCount = 1 << 18

    /// Trains a classifier on `examples`: each a text's normalized words (sentences) and its classes
    /// (a text of several topics counts for each).
    /// - Parameters:
    ///   - smoothing: the additive (Lidstone) smoothing of n-gram counts.
    ///   - temperature: see ``temperature``.
    public init(examples: [(sentences: [[String]], classes: [String])], smoothing: Double = 0.1, temperature: Double = 8) {
        var classes: [String] = []
        var classIndex: [String: Int] = [:]
        for example in examples {
            for name in example.classes where classIndex[name] == nil {
                classIndex[name] = classes.count
                classes.append(name)
            }
        }
        let classCount = max(classes.count, 1)
        let mask = Self.bucketCount - 1
        var counts = [Float](repeating: 0, count: Self.bucketCount * classCount)
        var totals = [Double](repeating: 0, count: classCount)
        var touched: [Int] = []
        var seen = [Bool](repeating: false, count: Self.bucketCount)
        counts.withUnsafeMutableBufferPointer { table in
            for example in examples {
                let targets = example.classes.compactMap { classIndex[$0] }
                guard !targets.isEmpty else { continue }
                Self.forEachGram(in: example.sentences) { hash in
                    let bucket = hash & mask
                    if !seen[bucket] {
                        seen[bucket] = true
                        touched.append(bucket)
                    }
                    let base = bucket * classCount
                    for target in targets {
                        table[base + target] += 1
                        totals[target] += 1
                    }
                }
            }
        }
        // Lidstone smoothing over the buckets seen at all; unseen buckets stay 0 (no evidence).
        let denominators = totals.map { log($0 + smoothing * Double(max(touched.count, 1))) }
        counts.withUnsafeMutableBufferPointer { table in
            for bucket in touched {
                let base = bucket * classCount
                for column in 0..<classCount {
                    table[base + column] = Float(log(Double(table[base + column]) + smoothing) - denominators[column])
                }
            }
        }
        self.classes = classes
        self.temperature = temperature
        self.weights = counts
        self.bucketMask = mask
    }

    /// The most likely class of a text (its normalized words, by sentence), or `nil` when no n-gram of
    /// it was seen in training or the classifier has no class.
    public func classify(_ sentences: [[String]]) -> Prediction? {
        let classCount = classes.count
        guard classCount > 0 else { return nil }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: classCount) { sums -> Prediction? in
            sums.initialize(repeating: 0)
            var known = 0
            weights.withUnsafeBufferPointer { table in
                Self.forEachGram(in: sentences) { hash in
                    let base = (hash & bucketMask) * classCount
                    guard table[base] != 0 else { return }
                    known += 1
                    for column in 0..<classCount { sums[column] += Double(table[base + column]) }
                }
            }
            guard known > 0 else { return nil }
            var best = 0
            var maximum = -Double.infinity
            for column in 0..<classCount {
                sums[column] = sums[column] / Double(known) * temperature
                if sums[column] > maximum {
                    maximum = sums[column]
                    best = column
                }
            }
            var total = 0.0
            for column in 0..<classCount { total += exp(sums[column] - maximum) }
            return Prediction(label: classes[best], confidence: 1 / total, knownFeatures: known)
        }
    }

    /// Calls `body` with the hash of every character n-gram (``gramLengths``) of the words, each word
    /// padded by a space on both sides and the words of a sentence separated by one space. No
    /// allocation: the last bytes are kept in an integer.
    static func forEachGram(in sentences: [[String]], _ body: (Int) -> Void) {
        for sentence in sentences {
            var window: UInt64 = 0
            var filled = 0
            func push(_ byte: UInt8) {
                window = (window << 8) | UInt64(byte)
                filled += 1
                for length in gramLengths where filled >= length {
                    // FNV-1a over the last `length` bytes, oldest first, salted by the length.
                    var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(length)
                    var shift = (length - 1) * 8
                    while shift >= 0 {
                        hash = (hash ^ ((window >> UInt64(shift)) & 0xff)) &* 0x100_0000_01b3
                        shift -= 8
                    }
                    body(Int(truncatingIfNeeded: hash >> 1))
                }
            }
            push(0x20)
            for word in sentence {
                for byte in word.utf8 { push(byte) }
                push(0x20)
            }
        }
    }
}
