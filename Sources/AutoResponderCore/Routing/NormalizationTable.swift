/// How the client's words are put into the keywords' spelling before routing: `config/normalization.yaml`.
///
/// ```yaml
/// typos: {min_length: 5, max_distance: 1, long_length: 8, long_max_distance: 2}
/// variants: {x: ch}          # sound-alike spellings tried on unknown words (`xegou` → `chegou`)
/// replacements:              # words or short phrases → what keywords are written with
///   vc: voce
///   n: nao
///   didn t: didnt
/// common_words:              # real words that are never "corrected" into a keyword
///   - the there then them they
/// ```
///
/// See ``TextCanonicalizer`` for how the table is applied.
public struct NormalizationTable: Hashable, Sendable {
    /// How far a client's word may be from a keyword's word to be read as it.
    public struct TypoTolerance: Hashable, Sendable {
        /// Words shorter than this are never corrected (nor glued words split).
        public var minLength: Int
        /// Edits allowed for words from ``minLength``.
        public var maxDistance: Int
        /// From this length, ``longMaxDistance`` edits are allowed.
        public var longLength: Int
        /// Edits allowed for long words.
        public var longMaxDistance: Int

        /// Creates a tolerance.
        public init(minLength: Int = 5, maxDistance: Int = 1, longLength: Int = 8, longMaxDistance: Int = 2) {
            self.minLength = minLength
            self.maxDistance = maxDistance
            self.longLength = longLength
            self.longMaxDistance = longMaxDistance
        }

        /// The edits allowed for a word of `length` letters (0 below ``minLength``).
        public func maxEdits(forLength length: Int) -> Int {
            length < minLength ? 0 : length >= longLength ? longMaxDistance : maxDistance
        }

        /// No tolerance at all.
        public static let none = TypoTolerance(minLength: .max, maxDistance: 0, longLength: .max, longMaxDistance: 0)
    }

    /// Normalized words (one or more) → the normalized words that replace them.
    public var replacements: [[String]: [String]]
    /// Normalized words that are never corrected or split, besides the keywords' own words.
    public var commonWords: Set<String>
    /// Typing-error tolerance.
    public var typos: TypoTolerance
    /// Sound-alike spellings (`x` → `ch`): an unknown word with `from` replaced by `to` everywhere is
    /// read as the keyword's word it then is.
    public var variants: [Variant]

    /// A sound-alike spelling.
    public struct Variant: Hashable, Sendable {
        /// Letters as written.
        public var from: String
        /// Letters as the keywords spell them.
        public var to: String

        /// Creates a variant.
        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }

    /// Creates a table.
    public init(
        replacements: [[String]: [String]] = [:], commonWords: Set<String> = [], typos: TypoTolerance = .none,
        variants: [Variant] = []
    ) {
        self.replacements = replacements
        self.commonWords = commonWords
        self.typos = typos
        self.variants = variants
    }

    /// No replacement, no tolerance: the text is matched as normalized by ``TextNormalizer``.
    public static let empty = NormalizationTable()
}
