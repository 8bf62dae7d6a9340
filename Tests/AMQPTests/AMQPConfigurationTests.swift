import AMQP
import Testing

@Suite struct AMQPConfigurationTests {
    @Test func defaultsForAnEmptyAuthority() throws {
        let configuration = try AMQPConfiguration(url: "amqp://")
        #expect(configuration.host == "localhost")
        #expect(configuration.port == 5672)
        #expect(configuration.username == "guest")
        #expect(configuration.password == "guest")
        #expect(configuration.virtualHost == "/")
        #expect(configuration.heartbeat == .seconds(10))
    }

    @Test func parsesEveryPart() throws {
        let configuration = try AMQPConfiguration(
            url: "amqp://bob:s%40cr%3At@rabbit.internal:5691/%2f?heartbeat=20&connection_timeout=2500&connection_name=worker-1")
        #expect(configuration.host == "rabbit.internal")
        #expect(configuration.port == 5691)
        #expect(configuration.username == "bob")
        #expect(configuration.password == "s@cr:t")
        #expect(configuration.virtualHost == "/")
        #expect(configuration.heartbeat == .seconds(20))
        #expect(configuration.connectionTimeout == .milliseconds(2500))
        #expect(configuration.connectionName == "worker-1")
    }

    @Test func namedVirtualHostAndEmptyPath() throws {
        #expect(try AMQPConfiguration(url: "amqp://h/orders").virtualHost == "orders")
        #expect(try AMQPConfiguration(url: "amqp://h/").virtualHost == "/")
        #expect(try AMQPConfiguration(url: "amqp://h").virtualHost == "/")
        #expect(try AMQPConfiguration(url: "amqp://h/a%2Fb").virtualHost == "a/b")
    }

    @Test func ipv6Host() throws {
        let configuration = try AMQPConfiguration(url: "amqp://u:p@[::1]:5700/%2f")
        #expect(configuration.host == "::1")
        #expect(configuration.port == 5700)
        #expect(configuration.description.contains("[::1]:5700"))
    }

    @Test func userWithoutPasswordKeepsDefaultPassword() throws {
        let configuration = try AMQPConfiguration(url: "amqp://alice@h")
        #expect(configuration.username == "alice")
        #expect(configuration.password == "guest")
    }

    @Test func descriptionMasksThePassword() throws {
        let configuration = try AMQPConfiguration(url: "amqp://bob:topsecret@h:1234/%2f")
        #expect(!configuration.description.contains("topsecret"))
        #expect(!String(reflecting: configuration.description).contains("topsecret"))
        #expect(configuration.description == "amqp://bob:***@h:1234/%2F?heartbeat=10")
    }

    @Test(arguments: [
        "http://h/", "rabbit", "amqpx://h/", "amqp://h:99999/", "amqp://a,,b/", "amqp://a,b:0/",
        "amqp://u:p@a/%2f,amqp://u:other@b/%2f", "amqp://a/%2f,amqps://b/%2f", "amqp://h:port/", "amqp://h/a/b",
        "amqp://h/%zz", "amqp://h/?heartbeat=soon", "amqp://[::1/",
    ])
    func rejectsInvalidURLs(_ url: String) {
        #expect {
            _ = try AMQPConfiguration(url: url)
        } throws: { error in
            (error as? AMQPError)?.code == .invalidURL
        }
    }

    @Test func invalidURLErrorNeverQuotesThePassword() {
        do {
            _ = try AMQPConfiguration(url: "amqp://bob:bad%zzsecret@h/")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidURL)
            #expect(!error.description.contains("secret"))
        }
    }
}
