@testable import AMQP
import Testing

/// The order in which the nodes of a cluster are tried.
@Suite struct EndpointRotationTests {
    @Test func startsWithTheFirstNode() {
        #expect(EndpointRotation(count: 3).order == [0, 1, 2])
        #expect(EndpointRotation(count: 1).order == [0])
    }

    @Test func keepsTheNodeItConnectedTo() {
        var rotation = EndpointRotation(count: 3)
        rotation.connected(to: 1)  // node 0 refused
        #expect(rotation.order == [1, 2, 0])
    }

    @Test func afterALossTriesTheNextNodeFirstAndTheLostOneLast() {
        var rotation = EndpointRotation(count: 3)
        rotation.connected(to: 2)
        rotation.lost()
        #expect(rotation.order == [0, 1, 2])
        rotation.connected(to: 0)
        rotation.lost()
        #expect(rotation.order == [1, 2, 0])
    }

    @Test func oneNodeIsAlwaysTriedAgain() {
        var rotation = EndpointRotation(count: 1)
        rotation.lost()
        #expect(rotation.order == [0])
    }
}
