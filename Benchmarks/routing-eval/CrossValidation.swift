import AutoResponderCore
import Foundation

/// The second opinion alone, K-fold on the tuning part: how often it is right at each confidence.
enum CrossValidation {
    static func run(_ examples: [RoutingExample], configuration: RoutingConfiguration, folds: Int) {
        guard let settings = configuration.secondOpinion else { return }
        var bins = [(right: Int, total: Int)](repeating: (0, 0), count: 10)
        var routedRight = 0
        for fold in 0..<folds {
            var foldConfiguration = configuration
            var training = settings
            training.training = examples.enumerated().filter { $0.offset % folds != fold }.map(\.element)
            foldConfiguration.secondOpinion = training
            let router = Router(configuration: foldConfiguration)
            let tested = examples.enumerated().filter { $0.offset % folds == fold }.map(\.element)
            for example in tested {
                let sentences = router.canonicalizer.canonicalize(sentences: TextNormalizer.sentences(example.text))
                guard let prediction = router.classifier?.classify(sentences) else { continue }
                let truth = example.isVague ? [NGramClassifier.noTopic] : example.topics
                let bin = min(9, Int(prediction.confidence * 10))
                bins[bin].total += 1
                if truth.contains(prediction.label) { bins[bin].right += 1 }
            }
            routedRight += Evaluation.run(tested, router: router).filter(\.isCorrect).count
        }
        print("== second opinion alone, \(folds)-fold on the tuning part (by confidence):")
        for (index, bin) in bins.enumerated() where bin.total > 0 {
            print("    \(String(format: "%.1f", Double(index) / 10))–\(String(format: "%.1f", Double(index + 1) / 10))  "
                + "\(Report.pad(Report.percent(bin.right, bin.total), 8)) \(bin.right)/\(bin.total)")
        }
        print("  whole router, classifier trained without the fold: \(Report.percent(routedRight, examples.count))")
    }
}
