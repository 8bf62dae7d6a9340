/// The optimal-string-alignment distance (Damerau–Levenshtein with adjacent transpositions) of two
/// normalized words, bounded: typing errors are one or two edits, so anything above the bound is
/// "too far" and computed no further.
///
/// It models typing, not spelling: a letter missed, doubled or swapped with its neighbour costs 1,
/// and so does a letter replaced by one of its neighbours on the keyboard (`monry` → `money`); any
/// other replacement costs 2, as a deletion plus an insertion (`writing` is not `waiting`).
enum EditDistance {
    /// Neighbouring keys on a QWERTY keyboard, letter by letter (`a` first).
    private static let neighbours: [UInt32] = {
        let rows = [
            "q": "wa", "w": "qeas", "e": "wrsd", "r": "etdf", "t": "ryfg", "y": "tugh", "u": "yihj", "i": "uojk",
            "o": "ipkl", "p": "ol", "a": "qwsz", "s": "weadzx", "d": "ersfxc", "f": "rtdgcv", "g": "tyfhvb",
            "h": "yugjbn", "j": "uihknm", "k": "iojlm", "l": "opk", "z": "asx", "x": "sdzc", "c": "dfxv",
            "v": "fgcb", "b": "ghvn", "n": "hjbm", "m": "jkn",
        ]
        var masks = [UInt32](repeating: 0, count: 26)
        for (key, near) in rows {
            let index = Int(key.utf8.first! - 0x61)
            for letter in near.utf8 { masks[index] |= 1 << UInt32(letter - 0x61) }
        }
        return masks
    }()

    /// The cost of typing `written` for `meant`: 0 if equal, 1 for a keyboard neighbour, else 2.
    @inline(__always)
    static func substitutionCost(_ written: UInt8, _ meant: UInt8) -> Int {
        if written == meant { return 0 }
        guard (0x61...0x7a).contains(written), (0x61...0x7a).contains(meant) else { return 2 }
        return neighbours[Int(written - 0x61)] & (1 << UInt32(meant - 0x61)) != 0 ? 1 : 2
    }

    /// The distance of `a` and `b` (bytes of normalized words), or `nil` if it is above `bound`.
    /// Works on the stack for words of up to 62 bytes (longer ones are never compared).
    static func distance(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, bound: Int) -> Int? {
        let n = a.count
        let m = b.count
        guard abs(n - m) <= bound, n < 63, m < 63 else { return nil }
        if n == 0 || m == 0 { return max(n, m) <= bound ? max(n, m) : nil }
        let width = m + 1
        // Three rows: the one before the previous (transpositions), the previous and the current.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * width) { rows -> Int? in
            var before = 0
            var previous = width
            var current = 2 * width
            for j in 0...m { rows[previous + j] = j }
            let aStart = 0
            let bStart = 0
            for i in 1...n {
                rows[current] = i
                var rowMinimum = i
                let ai = a[aStart + i - 1]
                for j in 1...m {
                    let bj = b[bStart + j - 1]
                    let cost = substitutionCost(ai, bj)
                    var value = min(rows[previous + j] + 1, rows[current + j - 1] + 1, rows[previous + j - 1] + cost)
                    if i > 1, j > 1, ai == b[bStart + j - 2], a[aStart + i - 2] == bj {
                        value = min(value, rows[before + j - 2] + 1)
                    }
                    rows[current + j] = value
                    rowMinimum = min(rowMinimum, value)
                }
                if rowMinimum > bound { return nil }
                (before, previous, current) = (previous, current, before)
            }
            let result = rows[previous + m]
            return result <= bound ? result : nil
        }
    }

    /// Whether `a` and `b` (of the same length) differ only by two adjacent letters swapped.
    static func isTransposition(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        var index = 0
        while index < a.count, a[index] == b[index] { index += 1 }
        guard index + 1 < a.count, a[index] == b[index + 1], a[index + 1] == b[index] else { return false }
        index += 2
        while index < a.count, a[index] == b[index] { index += 1 }
        return index == a.count
    }
}
