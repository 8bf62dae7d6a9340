import Foundation
import Yams

extension RoutingConfiguration {
    /// Reads `config/routing.yaml` (or another file of the same format) and the files it names
    /// (`normalization`, `second_opinion.training`), relative to its folder.
    /// - Throws: ``ConfigurationError`` if a file is missing, not YAML or not the documented shape.
    public static func load(contentsOf file: URL) throws(ConfigurationError) -> RoutingConfiguration {
        try parse(yaml: ConfigurationFile.read(file), source: file.path, directory: file.deletingLastPathComponent())
    }

    /// Parses the YAML text of a routing configuration.
    /// - Parameter directory: where the files it names are read from; `nil` reads none of them (no
    ///   normalization table, no training examples).
    /// - Throws: ``ConfigurationError`` if it (or a file it names) is not the documented shape.
    public static func parse(yaml: String, source: String = "routing.yaml", directory: URL? = nil)
        throws(ConfigurationError) -> RoutingConfiguration
    {
        let file: FileFormat = try ConfigurationFile.decode(FileFormat.self, from: yaml, source: source)
        var routes: [Route] = []
        for entry in file.resolvers {
            var keywords: [Keyword] = []
            for item in entry.keywords ?? [] {
                guard let pattern = KeywordPattern(item.phrase), item.weight > 0 else {
                    throw ConfigurationError(
                        code: .invalidValue,
                        message: "\(source): keyword `\(item.phrase)` of `\(entry.name)` has a part without a word "
                            + "(between `...` or `|`) or a weight below 1")
                }
                keywords.append(Keyword(pattern: pattern, weight: item.weight))
            }
            routes.append(
                Route(
                    name: entry.name, labels: entry.labels ?? [], keywords: keywords,
                    options: ResolverOptions(entry.options ?? [:])))
        }
        var neutral: [KeywordPattern] = []
        for phrase in file.neutral ?? [] {
            guard let pattern = KeywordPattern(phrase) else {
                throw ConfigurationError(
                    code: .invalidValue, message: "\(source): neutral phrase `\(phrase)` has a part without a word")
            }
            neutral.append(pattern)
        }
        var normalization = NormalizationTable.empty
        if let name = file.normalization, let directory {
            normalization = try NormalizationTable.load(contentsOf: directory.appendingPathComponent(name))
        }
        var secondOpinion: SecondOpinion?
        if let settings = file.secondOpinion {
            var training: [RoutingExample] = []
            if let directory {
                training = try RoutingCorpus.load(contentsOf: directory.appendingPathComponent(settings.training)).examples
            }
            secondOpinion = SecondOpinion(
                training: training, minConfidence: settings.minConfidence ?? 0.9,
                minFeatures: settings.minFeatures ?? 12, weight: settings.weight ?? 3,
                temperature: settings.temperature ?? 8, smoothing: settings.smoothing ?? 0.1,
                aloneConfidence: settings.aloneConfidence)
        }
        let configuration = RoutingConfiguration(
            fallback: file.fallback, labelWeight: file.labelWeight ?? 2, overrideScore: file.overrideScore ?? 3,
            neutral: neutral, resolvers: routes, normalization: normalization, secondOpinion: secondOpinion,
            multiTopicScore: file.multiTopicScore, clarifyMargin: file.clarifyMargin,
            clarifyMinScore: file.clarifyMinScore ?? 1, labelSupportScore: file.labelSupportScore ?? 1)
        try configuration.validate(source: source)
        return configuration
    }

    /// Checks names, weights and that no label maps to two resolvers.
    func validate(source: String) throws(ConfigurationError) {
        guard labelWeight >= 0, labelSupportScore >= 1 else {
            throw ConfigurationError(
                code: .invalidValue,
                message: "\(source): label_weight must not be negative, label_support_score at least 1")
        }
        guard overrideScore >= 1 else {
            throw ConfigurationError(code: .invalidValue, message: "\(source): override_score must be at least 1")
        }
        var seenNames: Set<String> = []
        var labelOwners: [String: String] = [:]
        for route in resolvers {
            guard !route.name.isEmpty, seenNames.insert(route.name).inserted else {
                throw ConfigurationError(
                    code: .invalidValue, message: "\(source): resolver name `\(route.name)` is empty or repeated")
            }
            for label in route.labels {
                let key = TextNormalizer.normalize(label)
                guard !key.isEmpty else {
                    throw ConfigurationError(
                        code: .invalidValue, message: "\(source): an empty label is listed for `\(route.name)`")
                }
                if let owner = labelOwners[key], owner != route.name {
                    throw ConfigurationError(
                        code: .invalidValue,
                        message: "\(source): label `\(label)` maps to both `\(owner)` and `\(route.name)`")
                }
                labelOwners[key] = route.name
            }
        }
        guard !fallback.isEmpty else {
            throw ConfigurationError(code: .invalidValue, message: "\(source): `fallback` must name a resolver")
        }
        guard !seenNames.contains(RouteDecision.clarify), fallback != RouteDecision.clarify else {
            throw ConfigurationError(
                code: .invalidValue,
                message: "\(source): `\(RouteDecision.clarify)` is the clarifying question's route, not a resolver name")
        }
        guard (multiTopicScore ?? 1) >= 1, (clarifyMargin ?? 0) >= 0, clarifyMinScore >= 1 else {
            throw ConfigurationError(
                code: .invalidValue,
                message: "\(source): multi_topic_score and clarify_min_score must be at least 1, clarify_margin not negative")
        }
        if let secondOpinion {
            guard (0...1).contains(secondOpinion.minConfidence), (0...1).contains(secondOpinion.aloneConfidence ?? 1),
                secondOpinion.weight >= 0, secondOpinion.minFeatures >= 0,
                secondOpinion.temperature > 0, secondOpinion.smoothing > 0
            else {
                throw ConfigurationError(
                    code: .invalidValue,
                    message: "\(source): second_opinion needs min_confidence and alone_confidence in 0...1, "
                        + "a weight not negative, a positive temperature and smoothing")
            }
            let known = seenNames.union([fallback, RoutingExample.vague])
            if let unknown = secondOpinion.training.flatMap(\.topics).first(where: { !known.contains($0) }) {
                throw ConfigurationError(
                    code: .invalidValue, message: "\(source): the training corpus names an unknown topic `\(unknown)`")
            }
        }
    }

    private struct FileFormat: Decodable {
        let fallback: String
        let labelWeight: Int?
        let labelSupportScore: Int?
        let overrideScore: Int?
        let neutral: [String]?
        let resolvers: [Entry]
        let normalization: String?
        let secondOpinion: SecondOpinionFormat?
        let multiTopicScore: Int?
        let clarifyMargin: Int?
        let clarifyMinScore: Int?

        enum CodingKeys: String, CodingKey {
            case fallback, resolvers, neutral, normalization
            case labelWeight = "label_weight"
            case labelSupportScore = "label_support_score"
            case overrideScore = "override_score"
            case secondOpinion = "second_opinion"
            case multiTopicScore = "multi_topic_score"
            case clarifyMargin = "clarify_margin"
            case clarifyMinScore = "clarify_min_score"
        }
    }

    private struct SecondOpinionFormat: Decodable {
        let training: String
        let minConfidence: Double?
        let minFeatures: Int?
        let weight: Int?
        let temperature: Double?
        let smoothing: Double?
        let aloneConfidence: Double?

        enum CodingKeys: String, CodingKey {
            case training, weight, temperature, smoothing
            case aloneConfidence = "alone_confidence"
            case minConfidence = "min_confidence"
            case minFeatures = "min_features"
        }
    }

    private struct Entry: Decodable {
        let name: String
        let labels: [String]?
        let keywords: [KeywordItem]?
        let options: [String: OptionValue]?
    }

    /// `- phrase` or `- phrase: weight`.
    private struct KeywordItem: Decodable {
        let phrase: String
        let weight: Int

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let phrase = try? container.decode(String.self) {
                self.phrase = phrase
                self.weight = 1
                return
            }
            let map = try container.decode([String: Int].self)
            guard map.count == 1, let (phrase, weight) = map.first else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "a keyword is `phrase` or `phrase: weight`")
            }
            self.phrase = phrase
            self.weight = weight
        }
    }
}
