/// SplitMix64: a small, fast, seeded pseudo-random generator whose output never depends on the
/// platform or the Swift version (unlike the standard library's `random(in:using:)` algorithms),
/// so a world generated from a seed is the same everywhere.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator seeded with `seed`.
    public init(seed: UInt64) { state = seed }

    /// An independent stream for `(seed, parts...)`: the same parts always give the same stream,
    /// so one merchant's data does not depend on how many numbers another merchant drew.
    public init(seed: UInt64, stream parts: UInt64...) {
        var first = SeededRandom(seed: seed)
        var mixed = first.next()
        for part in parts {
            var step = SeededRandom(seed: mixed ^ (part &* 0xD1B5_4A32_D192_ED03))
            mixed = step.next()
        }
        state = mixed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (bound > 0).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniform double in `0..<1`.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// True with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// A uniform element of a non-empty array.
    public mutating func pick<Element>(_ elements: [Element]) -> Element { elements[below(elements.count)] }

    /// An element chosen with the given integer weights (at least one positive).
    public mutating func weighted<Element>(_ choices: [(Element, Int)]) -> Element {
        let total = choices.reduce(0) { $0 + max(0, $1.1) }
        precondition(total > 0, "weights must not all be zero")
        var roll = below(total)
        for (element, weight) in choices where weight > 0 {
            if roll < weight { return element }
            roll -= weight
        }
        return choices[choices.count - 1].0
    }
}
