import Foundation

extension NormalizationTable {
    /// Reads `config/normalization.yaml` (or another file of the same format).
    /// - Throws: ``ConfigurationError`` if the file is missing, not YAML or not the documented shape.
    public static func load(contentsOf file: URL) throws(ConfigurationError) -> NormalizationTable {
        try parse(yaml: ConfigurationFile.read(file), source: file.path)
    }

    /// Parses the YAML text of a normalization table. Keys, values and common words are normalized
    /// like the client's text (case, accents and apostrophes ignored).
    /// - Throws: ``ConfigurationError`` if it is not the documented shape, a key or value has no word,
    ///   two keys are the same words, or a tolerance is out of range.
    public static func parse(yaml: String, source: String = "normalization.yaml") throws(ConfigurationError)
        -> NormalizationTable
    {
        let file: FileFormat = try ConfigurationFile.decode(FileFormat.self, from: yaml, source: source)
        var replacements: [[String]: [String]] = [:]
        for (key, value) in (file.replacements ?? [:]).sorted(by: { $0.key < $1.key }) {
            let words = TextNormalizer.words(key)
            let replacement = TextNormalizer.words(value)
            guard !words.isEmpty, !replacement.isEmpty else {
                throw ConfigurationError(
                    code: .invalidValue, message: "\(source): replacement `\(key): \(value)` needs words on both sides")
            }
            guard replacements[words] == nil else {
                throw ConfigurationError(
                    code: .invalidValue, message: "\(source): replacement `\(key)` is listed twice (as normalized)")
            }
            replacements[words] = replacement
        }
        let common = Set((file.commonWords ?? []).flatMap(TextNormalizer.words))
        let typos = file.typos ?? TypoFormat()
        let tolerance = TypoTolerance(
            minLength: typos.minLength ?? 5, maxDistance: typos.maxDistance ?? 1,
            longLength: typos.longLength ?? 8, longMaxDistance: typos.longMaxDistance ?? 2)
        guard tolerance.minLength >= 3, (0...2).contains(tolerance.maxDistance),
            (0...3).contains(tolerance.longMaxDistance), tolerance.longLength >= tolerance.minLength
        else {
            throw ConfigurationError(
                code: .invalidValue,
                message: "\(source): typos needs min_length >= 3, max_distance 0...2, long_max_distance 0...3 "
                    + "and long_length >= min_length")
        }
        var variants: [Variant] = []
        for (from, to) in (file.variants ?? [:]).sorted(by: { $0.key < $1.key }) {
            let (letters, spelling) = (TextNormalizer.normalize(from), TextNormalizer.normalize(to))
            guard !letters.isEmpty, !spelling.isEmpty, !letters.contains(" "), !spelling.contains(" ") else {
                throw ConfigurationError(
                    code: .invalidValue, message: "\(source): variant `\(from): \(to)` must be letters on both sides")
            }
            variants.append(Variant(from: letters, to: spelling))
        }
        return NormalizationTable(replacements: replacements, commonWords: common, typos: tolerance, variants: variants)
    }

    private struct FileFormat: Decodable {
        let replacements: [String: String]?
        let commonWords: [String]?
        let typos: TypoFormat?
        let variants: [String: String]?

        enum CodingKeys: String, CodingKey {
            case replacements, typos, variants
            case commonWords = "common_words"
        }
    }

    private struct TypoFormat: Decodable {
        var minLength: Int?
        var maxDistance: Int?
        var longLength: Int?
        var longMaxDistance: Int?

        init() {}

        enum CodingKeys: String, CodingKey {
            case minLength = "min_length", maxDistance = "max_distance", longLength = "long_length"
            case longMaxDistance = "long_max_distance"
        }
    }
}
