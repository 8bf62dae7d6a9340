/// Timed events of conversations (a follow-up to write, a conversation to close), earliest first.
struct EventQueue {
    enum Kind { case followUp, close }

    struct Event {
        let due: Double
        let sequence: Int
        let kind: Kind
        let conversation: Int
    }

    private var heap: [Event] = []
    private var nextSequence = 0

    var isEmpty: Bool { heap.isEmpty }

    mutating func schedule(_ kind: Kind, conversation: Int, at due: Double) {
        heap.append(Event(due: due, sequence: nextSequence, kind: kind, conversation: conversation))
        nextSequence += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest event if it is due at `now`.
    mutating func popDue(now: Double) -> Event? {
        guard let first = heap.first, first.due <= now else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < heap.count, precedes(heap[left], heap[smallest]) { smallest = left }
                if right < heap.count, precedes(heap[right], heap[smallest]) { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first
    }

    private func precedes(_ a: Event, _ b: Event) -> Bool { (a.due, a.sequence) < (b.due, b.sequence) }
}
