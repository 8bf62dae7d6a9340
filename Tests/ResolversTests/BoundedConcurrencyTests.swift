import Testing

@testable import Resolvers

actor InFlight {
    var current = 0
    var highest = 0
    func enter() { current += 1; highest = max(highest, current) }
    func leave() { current -= 1 }
}

@Suite struct BoundedConcurrencyTests {
    @Test func keepsOrderAndNeverExceedsTheLimit() async throws {
        let inFlight = InFlight()
        let results = try await boundedConcurrentMap(Array(0..<20), limit: 3) { value in
            await inFlight.enter()
            for _ in 0..<(20 - value) { await Task.yield() }
            await inFlight.leave()
            return value * 10
        }
        #expect(results == (0..<20).map { $0 * 10 })
        #expect(await inFlight.highest <= 3)
        #expect(await inFlight.current == 0)
    }

    @Test func theFirstErrorIsRethrown() async {
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await boundedConcurrentMap([1, 2, 3], limit: 2) { value in
                if value == 2 { throw Boom() }
                return value
            }
        }
    }
}
