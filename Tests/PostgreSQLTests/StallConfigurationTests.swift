import Testing

@testable import PostgreSQL

@Suite("Configuration against stalls: keepalives, timeouts")
struct StallConfigurationTests {
    /// The keyword/value pairs given to `PQconnectdbParams`, and how many times each keyword appears.
    private func parameters(
        _ configuration: PostgresConfiguration
    ) -> (values: [String: String], counts: [String: Int]) {
        let pairs = PostgresConnection.connectionParameters(configuration)
        return (
            Dictionary(pairs.map { ($0.keyword, $0.value) }, uniquingKeysWith: { $1 }),
            Dictionary(pairs.map { ($0.keyword, 1) }, uniquingKeysWith: +)
        )
    }

    @Test func keepalivesAndConnectTimeoutAreInTheConnectionParametersByDefault() throws {
        let configuration = try PostgresConfiguration(
            url: "postgresql://app@db.example:5432/app", connectTimeout: .seconds(4))
        let (values, counts) = parameters(configuration)
        #expect(values["keepalives"] == "1")
        #expect(values["keepalives_idle"] == "30")
        #expect(values["keepalives_interval"] == "10")
        #expect(values["keepalives_count"] == "3")
        #expect(values["tcp_user_timeout"] == "60000")
        #expect(values["connect_timeout"] == "4")
        #expect(counts.values.allSatisfy { $0 == 1 }, "\(counts)")
        #expect(values["options"]?.contains("-c client_connection_check_interval=2000") == true)
    }

    @Test func keepaliveSettingsOfTheURIWin() throws {
        let configuration = try PostgresConfiguration(
            url: "postgresql://app@db.example/app?keepalives_idle=7&tcp_user_timeout=1500&connect_timeout=9",
            connectTimeout: .milliseconds(2500),
            keepalive: .init(idle: .seconds(20), interval: .milliseconds(1500), count: 5, userTimeout: nil))
        let (values, counts) = parameters(configuration)
        #expect(values["keepalives_idle"] == "7")
        #expect(values["tcp_user_timeout"] == "1500")
        #expect(values["keepalives_interval"] == "2")  // whole seconds, rounded up
        #expect(values["keepalives_count"] == "5")
        // connect_timeout is the configuration's (as before), in whole seconds, rounded up.
        #expect(values["connect_timeout"] == "3")
        #expect(counts.values.allSatisfy { $0 == 1 }, "\(counts)")
    }

    @Test func withoutKeepaliveSettingsLibpqDefaultsStay() throws {
        let configuration = try PostgresConfiguration(
            url: "postgresql://app@db.example/app", keepalive: nil, clientConnectionCheckInterval: nil)
        let (values, _) = parameters(configuration)
        #expect(values.keys.filter { $0.hasPrefix("keepalives") || $0 == "tcp_user_timeout" }.isEmpty)
        #expect(values["options"]?.contains("client_connection_check_interval") == false)
    }

    @Test func queryTimeoutFollowsTheStatementTimeoutUnlessSet() throws {
        var configuration = try PostgresConfiguration(url: "postgresql://app@db.example/app")
        #expect(configuration.queryTimeout == .seconds(15))
        #expect(configuration.poolWaitTimeout == .seconds(10))
        configuration.statementTimeout = .seconds(30)
        #expect(configuration.queryTimeout == .seconds(32))
        configuration.queryTimeout = .seconds(3)
        #expect(configuration.queryTimeout == .seconds(3))
        configuration.statementTimeout = .seconds(60)
        #expect(configuration.queryTimeout == .seconds(3))

        let explicit = try PostgresConfiguration(
            url: "postgresql://app@db.example/app", statementTimeout: .milliseconds(500),
            queryTimeout: .milliseconds(800))
        #expect(explicit.queryTimeout == .milliseconds(800))
        let derived = try PostgresConfiguration(
            url: "postgresql://app@db.example/app", statementTimeout: .milliseconds(500))
        #expect(derived.queryTimeout == .milliseconds(2500))
    }

    @Test func nonPositiveTimeoutsAreRefused() {
        for (query, wait) in [(Duration.zero, Duration.seconds(1)), (.seconds(1), .milliseconds(-1))] {
            #expect {
                try PostgresConfiguration(
                    url: "postgresql://app@db.example/app", queryTimeout: query, poolWaitTimeout: wait)
            } throws: { error in
                (error as? PostgresError)?.code == .invalidConfiguration
            }
        }
    }

    @Test func clientTimeoutIsConnectionLevelButTheServersStatementTimeoutIsNot() {
        let client = PostgresError(code: .timeout, message: "no answer")
        #expect(client.isClientTimeout && client.isConnectionLevel)
        let server = PostgresError(code: .timeout, message: "canceling statement", sqlState: "57014")
        #expect(!server.isClientTimeout && !server.isConnectionLevel)
        let pool = PostgresError(code: .poolTimeout, message: "busy")
        #expect(!pool.isClientTimeout && !pool.isConnectionLevel)
    }
}
