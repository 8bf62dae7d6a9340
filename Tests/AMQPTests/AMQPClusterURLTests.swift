import AMQP
import Testing

/// Several nodes and TLS in one URL (AMQP_URL of a cluster, amqps://).
@Suite struct AMQPClusterURLTests {
    @Test func commaSeparatedHostsBecomeEndpointsInOrder() throws {
        let configuration = try AMQPConfiguration(url: "amqp://app:s3cret@rabbit-1:5701,rabbit-2,[::1]:5703/orders?heartbeat=5")
        #expect(configuration.host == "rabbit-1")
        #expect(configuration.port == 5701)
        #expect(
            configuration.endpoints == [
                AMQPEndpoint(host: "rabbit-1", port: 5701), AMQPEndpoint(host: "rabbit-2", port: 5672),
                AMQPEndpoint(host: "::1", port: 5703),
            ])
        #expect(configuration.username == "app")
        #expect(configuration.password == "s3cret")
        #expect(configuration.virtualHost == "orders")
        #expect(configuration.heartbeat == .seconds(5))
        #expect(configuration.description == "amqp://app:***@rabbit-1:5701,rabbit-2:5672,[::1]:5703/orders?heartbeat=5")
    }

    @Test func aListOfWholeURLsIsOneConfiguration() throws {
        let configuration = try AMQPConfiguration(
            url: "amqp://app:pw@10.0.0.1:5672/%2f,amqp://app:pw@10.0.0.2:5672/%2f,AMQP://app:pw@10.0.0.3/%2f")
        #expect(configuration.endpoints.map(\.host) == ["10.0.0.1", "10.0.0.2", "10.0.0.3"])
        #expect(configuration.endpoints.map(\.port) == [5672, 5672, 5672])
        #expect(configuration.password == "pw")
    }

    @Test func oneHostHasNoAdditionalEndpoints() throws {
        let configuration = try AMQPConfiguration(url: "amqp://guest:guest@127.0.0.1:5682/%2f")
        #expect(configuration.additionalEndpoints.isEmpty)
        #expect(configuration.endpoints == [AMQPEndpoint(host: "127.0.0.1", port: 5682)])
        #expect(configuration.tls == nil)
    }

    @Test func amqpsTurnsTLSOnWithPort5671AndTheSystemCAs() throws {
        let configuration = try AMQPConfiguration(url: "amqps://app:pw@broker.example.com/%2f")
        #expect(configuration.tls == AMQPTLSConfiguration())
        #expect(configuration.port == 5671)
        #expect(configuration.description == "amqps://app:***@broker.example.com:5671/%2F?heartbeat=10")
        let cluster = try AMQPConfiguration(url: "amqps://a,b:6671")
        #expect(cluster.endpoints.map(\.port) == [5671, 6671])
    }

    @Test func aCommaInThePasswordIsPercentEncoded() throws {
        let configuration = try AMQPConfiguration(url: "amqp://u:a%2Cb@h1,h2/%2f")
        #expect(configuration.password == "a,b")
        #expect(configuration.endpoints.map(\.host) == ["h1", "h2"])
    }

    @Test func aListWithDifferentPasswordsIsRefusedWithoutQuotingThem() {
        do {
            _ = try AMQPConfiguration(url: "amqp://u:first-secret@a/%2f,amqp://u:second-secret@b/%2f")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidURL)
            #expect(!error.description.contains("secret"))
        }
    }
}
