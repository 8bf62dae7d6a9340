/// Orders strings so that runs of digits compare by numeric value: `"754893-2"` < `"754893-10"`.
/// Used to order identifiers that upstream builds from counters.
enum NaturalOrder {
    /// Whether `lhs` comes before `rhs` in natural order (ties broken by plain string order).
    static func isOrderedBefore(_ lhs: String, _ rhs: String) -> Bool {
        let left = chunks(lhs)
        let right = chunks(rhs)
        for (a, b) in zip(left, right) where a != b {
            switch (a, b) {
            case (.number(let x), .number(let y)):
                // Compare digit runs by length after stripping leading zeros, then lexically.
                let xs = x.drop { $0 == "0" }
                let ys = y.drop { $0 == "0" }
                if xs.count != ys.count { return xs.count < ys.count }
                if xs != ys { return xs < ys }
            case (.number, .text): return true
            case (.text, .number): return false
            case (.text(let x), .text(let y)): return x < y
            }
        }
        if left.count != right.count { return left.count < right.count }
        return lhs < rhs
    }

    private enum Chunk: Equatable {
        case number(Substring)
        case text(Substring)
    }

    private static func chunks(_ value: String) -> [Chunk] {
        var result: [Chunk] = []
        var index = value.startIndex
        while index < value.endIndex {
            let isDigit = value[index].isASCII && value[index].isNumber
            let end = value[index...].firstIndex { ($0.isASCII && $0.isNumber) != isDigit } ?? value.endIndex
            let run = value[index..<end]
            result.append(isDigit ? .number(run) : .text(run))
            index = end
        }
        return result
    }
}
