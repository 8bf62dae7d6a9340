@testable import PostgreSQL
import Foundation
import Testing
import TestSupport

/// `DATABASE_URL`'s own libpq options reach libpq: TLS (`sslmode`, `sslrootcert`, ...), several hosts
/// and `target_session_attrs` (a managed PostgreSQL with a standby). Only `connect_timeout`,
/// `application_name` and `client_encoding` are set by the configuration, and `options` is extended.
@Suite struct URIOptionsTests {
    static let managed =
        "postgresql://app:s3cret@db-1.internal:5432,db-2.internal:6432/autoresponder"
        + "?sslmode=verify-full&sslrootcert=/etc/ssl/db-ca.pem&target_session_attrs=read-write"
        + "&keepalives_idle=30&options=-c%20search_path%3Dpublic"

    @Test func libpqOptionsOfTheURIArePassedOn() throws {
        let configuration = try PostgresConfiguration(url: Self.managed, applicationName: "worker-1")
        let parameters = Dictionary(
            PostgresConnection.connectionParameters(configuration).map { ($0.keyword, $0.value) }) { _, last in last }
        #expect(parameters["host"] == "db-1.internal,db-2.internal")
        #expect(parameters["port"] == "5432,6432")
        #expect(parameters["sslmode"] == "verify-full")
        #expect(parameters["sslrootcert"] == "/etc/ssl/db-ca.pem")
        #expect(parameters["target_session_attrs"] == "read-write")
        #expect(parameters["keepalives_idle"] == "30")
        #expect(parameters["password"] == "s3cret")
        // Set by the configuration; the URI's own `options` are kept in front of the session settings.
        #expect(parameters["application_name"] == "worker-1")
        #expect(parameters["options"]?.hasPrefix("-c search_path=public -c TimeZone=UTC") == true)
        #expect(configuration.description == "postgresql://app@db-1.internal,db-2.internal:5432,6432/autoresponder")
        #expect(!configuration.description.contains("s3cret"))
    }

    @Test func aHostListSkipsAHostThatIsDown() throws {
        // The first host refuses; libpq tries the next one, which must accept writes.
        let url = try Self.local(
            hosts: "127.0.0.1:\(try freeLocalPort()),HOST", query: "target_session_attrs=read-write&sslmode=disable")
        let connection = try PostgresConnection(
            configuration: try PostgresConfiguration(url: url, connectTimeout: .seconds(3)), logger: TestDatabase.logger)
        #expect(try connection.query("select 1 as one")[0].decode(Int.self, "one") == 1)
    }

    @Test func sslmodeRequireIsHonoured() throws {
        // The test server has no TLS: libpq refuses to go on without it, as asked.
        let url = try Self.local(hosts: "HOST", query: "sslmode=require")
        #expect {
            _ = try PostgresConnection(
                configuration: try PostgresConfiguration(url: url, connectTimeout: .seconds(3)), logger: TestDatabase.logger)
        } throws: { error in
            (error as? PostgresError)?.code == .connectionFailed && "\(error)".contains("SSL")
        }
    }

    /// TEST_DATABASE_URL with its host:port replaced by `hosts` (`HOST` stands for its own) and `query`.
    static func local(hosts: String, query: String) throws -> String {
        let base = TestEnvironment.databaseURL
        guard let schemeEnd = base.range(of: "://"), let slash = base[schemeEnd.upperBound...].firstIndex(of: "/") else {
            throw PostgresError(code: .invalidConfiguration, message: "TEST_DATABASE_URL has no host and path: \(base)")
        }
        var authority = base[schemeEnd.upperBound..<slash]
        var user = ""
        if let at = authority.lastIndex(of: "@") {
            user = String(authority[...at])
            authority = authority[authority.index(after: at)...]
        }
        let path = base[slash...].split(separator: "?", maxSplits: 1)[0]
        return "postgresql://\(user)\(hosts.replacingOccurrences(of: "HOST", with: authority))\(path)?\(query)"
    }
}
