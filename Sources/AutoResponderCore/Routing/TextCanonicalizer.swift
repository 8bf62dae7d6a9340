import Foundation

/// Puts the client's normalized words into the spelling the keywords are written in, so that the
/// configured keywords (which explain every decision) match how people actually write:
/// 1. **abbreviations and slang** of ``NormalizationTable/replacements`` (`vc` → `voce`, `n` → `nao`,
///    `plz` → `please`, `didn t` → `didnt`), longest phrase first;
/// 2. **split words** joined: two neighbouring words, one of them unknown, that together make a
///    keyword's word (`ma quina` → `maquina`, `in ternet` → `internet`);
/// 3. **glued words** split: an unknown word that is a known word followed by another, one of them a
///    keyword's word (`mymachine` → `my machine`, `naochegou` → `nao chegou`);
/// 4. **sound-alike spellings** of ``NormalizationTable/variants`` tried on an unknown word: it is
///    read as the keyword's word a variant makes of it (`xegou` → `chegou`, `makina` → `maquina`);
/// 5. **typing errors** corrected: an unknown word of at least `typos.min_length` letters within
///    `max_distance` edits (insertions, deletions, substitutions, adjacent swaps) of exactly one best
///    keyword word or stem (`mashine` → `machine`, `singal` → `signal`, `arive` → `arrive` by
///    `arriv*`). A five-letter word is corrected only by an insertion, a deletion or a swap, never a
///    substitution (`there` stays `there`, not `where`). Known words — the keywords' own words, words
///    their prefixes match, and ``NormalizationTable/commonWords`` — are never changed, and short words
///    never fuzzy-match.
///
/// Everything is precomputed at init; rewriting a word that is known costs a set lookup.
public struct TextCanonicalizer: Sendable {
    /// A keyword word a typing error may be corrected to.
    struct Target: Sendable {
        let bytes: [UInt8]
        let text: String
        let isPrefix: Bool
    }

    private let single: [String: [String]]
    /// Multi-word replacements by their first word, longest first.
    private let phrases: [String: [(words: [String], replacement: [String])]]
    private let known: Set<String>
    /// Words of the keywords (exact ones), for "is this a topic word".
    private let keywordWords: Set<String>
    /// Prefix words (`word*`) of the keywords, by first byte.
    private let stems: [UInt8: [String]]
    private let targets: [UInt8: [Target]]
    private let typos: NormalizationTable.TypoTolerance
    private let variants: [NormalizationTable.Variant]

    /// The most letters a word corrected by a stem may have after the stem's own (`arive` → `arriv`
    /// + `e`; not `restarted` → `reset` + `arted`).
    static let maxStemSuffix = 4

    /// A canonicalizer that changes nothing.
    public static let identity = TextCanonicalizer(table: .empty, vocabulary: [])

    /// Creates a canonicalizer from a table and the keywords whose spelling the text is put into.
    public init(table: NormalizationTable, vocabulary: [KeywordPattern]) {
        typos = table.typos
        variants = table.variants
        var single: [String: [String]] = [:]
        var phrases: [String: [(words: [String], replacement: [String])]] = [:]
        for (words, replacement) in table.replacements {
            if words.count == 1 {
                single[words[0]] = replacement
            } else {
                phrases[words[0], default: []].append((words, replacement))
            }
        }
        for key in phrases.keys { phrases[key]?.sort { $0.words.count > $1.words.count } }
        self.single = single
        self.phrases = phrases

        var exact: Set<String> = []
        var prefixes: Set<String> = []
        for pattern in vocabulary {
            for part in pattern.parts {
                for alternative in part {
                    for word in alternative {
                        if word.isPrefix { prefixes.insert(word.text) } else { exact.insert(word.text) }
                    }
                }
            }
        }
        keywordWords = exact
        var known = table.commonWords.union(exact)
        for replacement in table.replacements.values { known.formUnion(replacement) }
        self.known = known
        var stems: [UInt8: [String]] = [:]
        for prefix in prefixes.sorted() { stems[prefix.utf8.first ?? 0, default: []].append(prefix) }
        self.stems = stems

        var targets: [UInt8: [Target]] = [:]
        let minimum = table.typos.minLength
        for word in exact.sorted() where word.utf8.count >= minimum && word.utf8.count < 63 {
            targets[word.utf8.first ?? 0, default: []].append(Target(bytes: Array(word.utf8), text: word, isPrefix: false))
        }
        for prefix in prefixes.sorted() where prefix.utf8.count >= minimum && prefix.utf8.count < 63 {
            targets[prefix.utf8.first ?? 0, default: []].append(Target(bytes: Array(prefix.utf8), text: prefix, isPrefix: true))
        }
        self.targets = targets
    }

    /// One sentence's words in the keywords' spelling; every change made is appended to `rewrites`
    /// as `from→to`.
    public func canonicalize(_ sentence: [String], rewrites: inout [String]) -> [String] {
        var output: [String] = []
        output.reserveCapacity(sentence.count + 2)
        var index = 0
        while index < sentence.count {
            let word = sentence[index]
            if let (length, replacement) = phraseReplacement(in: sentence, at: index) {
                output.append(contentsOf: replacement)
                index += length
                continue
            }
            if let replacement = single[word] {
                output.append(contentsOf: replacement)
                index += 1
                continue
            }
            if index + 1 < sentence.count, let joined = join(word, sentence[index + 1]) {
                rewrites.append("\(word) \(sentence[index + 1])→\(joined)")
                output.append(joined)
                index += 2
                continue
            }
            index += 1
            if isKnown(word) {
                output.append(word)
            } else if let variant = variant(of: word) {
                rewrites.append("\(word)→\(variant)")
                output.append(variant)
            } else if word.utf8.count < typos.minLength {
                output.append(word)
            } else if let corrected = correction(of: word) {
                rewrites.append("\(word)→\(corrected)")
                output.append(corrected)
            } else if let (left, right) = split(word) {
                rewrites.append("\(word)→\(left) \(right)")
                output.append(left)
                output.append(right)
            } else {
                output.append(word)
            }
        }
        return output
    }

    /// Every sentence in the keywords' spelling.
    public func canonicalize(sentences: [[String]]) -> [[String]] {
        var ignored: [String] = []
        return sentences.map { canonicalize($0, rewrites: &ignored) }
    }

    /// Whether `word` is a word this canonicalizer leaves alone: a keyword's word, one a keyword
    /// prefix matches, a common word, a replacement's output, or a word with a digit.
    public func isKnown(_ word: String) -> Bool {
        known.contains(word) || matchesStem(word, minimumStem: 1) || word.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
    }

    private func matchesStem(_ word: String, minimumStem: Int) -> Bool {
        guard let first = word.utf8.first, let candidates = stems[first] else { return false }
        return candidates.contains { $0.utf8.count >= minimumStem && word.hasPrefix($0) }
    }

    /// A word that says something of a topic: a keyword's word of four letters or more, or a word a
    /// keyword stem of three letters or more starts.
    private func isTopicWord(_ word: String) -> Bool {
        word.utf8.count >= 4 && (keywordWords.contains(word) || matchesStem(word, minimumStem: 3))
    }

    private func phraseReplacement(in sentence: [String], at index: Int) -> (Int, [String])? {
        guard let candidates = phrases[sentence[index]] else { return nil }
        for candidate in candidates where index + candidate.words.count <= sentence.count {
            if sentence[index..<(index + candidate.words.count)].elementsEqual(candidate.words) {
                return (candidate.words.count, candidate.replacement)
            }
        }
        return nil
    }

    private func variant(of word: String) -> String? {
        guard word.utf8.count >= 3 else { return nil }
        for variant in variants where word.contains(variant.from) {
            let candidate = word.replacingOccurrences(of: variant.from, with: variant.to)
            if isTopicWord(candidate) { return candidate }
        }
        return nil
    }

    /// `first` and `second` joined, if that makes a keyword's word: one of the keyword's exact words,
    /// or a word a keyword stem starts that `first` alone is too short for (`ma quina` → `maquina`, but
    /// not `maquininha mostra`). Both parts have two letters or more, and not both are known.
    private func join(_ first: String, _ second: String) -> String? {
        guard !typos.isNone, first.utf8.count >= 2, second.utf8.count >= 2, !(isKnown(first) && isKnown(second)),
            single[first] == nil, single[second] == nil
        else { return nil }
        let joined = first + second
        if keywordWords.contains(joined) { return joined }
        guard let head = joined.utf8.first, let candidates = stems[head] else { return nil }
        let spansTheCut = candidates.contains { stem in
            stem.utf8.count >= 3 && stem.utf8.count > first.utf8.count && joined.hasPrefix(stem)
                && joined.utf8.count <= stem.utf8.count + 4
        }
        return spansTheCut ? joined : nil
    }

    /// `word` cut in two known words, the first of two letters or more, the second a keyword's word of
    /// five letters or more (`mymachine` → `my machine`, `naochegou` → `nao chegou`; not `passada` →
    /// `passa da`, nor `apagou` → `a pagou`).
    private func split(_ word: String) -> (String, String)? {
        guard !typos.isNone else { return nil }
        let scalars = Array(word.unicodeScalars)
        guard scalars.count >= 7 else { return nil }
        for cut in 2..<(scalars.count - 4) {
            let left = String(String.UnicodeScalarView(scalars[..<cut]))
            let right = String(String.UnicodeScalarView(scalars[cut...]))
            if isKnown(left), isTopicWord(right) { return (left, right) }
        }
        return nil
    }

    /// The keyword word (or stem with the rest of `word`) nearest to `word`, if one is near enough and
    /// no other is as near (of the same length).
    func correction(of word: String) -> String? {
        var word = word
        return word.withUTF8 { bytes -> String? in
            let bound = typos.maxEdits(forLength: bytes.count)
            guard bound > 0, let first = bytes.first, let candidates = targets[first] else { return nil }
            // The nearest; between equally near ones, one of the word's own length (`singal` is
            // `signal`, not `sinal`), then the one of the longest keyword word or stem (`recived` is
            // `receiv*`, not `recie*`); still tied: no correction.
            var best: (distance: Int, sameLength: Bool, target: Int, text: String)?
            var tied = false
            func consider(_ distance: Int, _ target: Int, _ text: String) {
                let candidate = (distance, text.utf8.count == bytes.count, target, text)
                guard let current = best else {
                    best = candidate
                    return
                }
                let order = { (a: (Int, Bool, Int, String)) in (a.0, a.1 ? 0 : 1, -a.2) }
                let (new, old) = (order(candidate), order(current))
                if new < old {
                    best = candidate
                    tied = false
                } else if new == old, text != current.text {
                    tied = true
                }
            }
            for target in candidates {
                target.bytes.withUnsafeBufferPointer { targetBytes in
                    if target.isPrefix {
                        // The word's first letters against the stem, with the stem's own tolerance.
                        let stem = targetBytes.count
                        let stemBound = min(bound, typos.maxEdits(forLength: stem))
                        let (shortest, longest) = (max(1, stem - stemBound), min(bytes.count, stem + stemBound))
                        guard stemBound > 0, shortest <= longest else { return }
                        for length in shortest...longest where bytes.count - length <= Self.maxStemSuffix {
                            let head = UnsafeBufferPointer(rebasing: bytes[0..<length])
                            guard let distance = EditDistance.distance(head, targetBytes, bound: stemBound),
                                distance > 0, bytes.count > typos.minLength || allowed(head, targetBytes)
                            else { continue }
                            consider(distance, stem, target.text + String(decoding: bytes[length...], as: UTF8.self))
                        }
                    } else if let distance = EditDistance.distance(bytes, targetBytes, bound: bound), distance > 0,
                        allowed(bytes, targetBytes)
                    {
                        consider(distance, targetBytes.count, target.text)
                    }
                }
            }
            return tied ? nil : best?.text
        }
    }

    /// Between words of at most `min_length` letters, only an insertion, a deletion or a swap is a
    /// typing error: a substitution in a five-letter word too often makes another real word.
    private func allowed(_ written: UnsafeBufferPointer<UInt8>, _ keyword: UnsafeBufferPointer<UInt8>) -> Bool {
        guard written.count == keyword.count, written.count <= typos.minLength else { return true }
        return EditDistance.isTransposition(written, keyword)
    }
}

extension NormalizationTable.TypoTolerance {
    /// Whether no typing error is tolerated (and no word joined or split).
    var isNone: Bool { maxDistance == 0 && longMaxDistance == 0 }
}
