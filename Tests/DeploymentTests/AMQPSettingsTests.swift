import AMQP
import AutoResponderService
import Foundation
import Testing

/// `AMQP_URL` with several nodes or TLS, and the `AMQP_TLS_*` files, as the service reads them.
@Suite struct AMQPSettingsTests {
    static func configuration(_ extra: [String: String]) throws -> ServiceConfiguration {
        try ServiceConfiguration(environment: ["API_TOKEN": "t"].merging(extra) { _, new in new })
    }

    /// The configuration error `environment` gives, if any.
    static func failure(_ extra: [String: String]) -> ServiceConfigurationError? {
        do {
            _ = try ServiceConfiguration(environment: ["API_TOKEN": "t"].merging(extra) { _, new in new })
            return nil
        } catch {
            return error
        }
    }

    /// A readable file for the TLS settings (its content does not matter here).
    static func file() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("amqp-settings-\(UUID()).pem").path
        try Data("not checked here".utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aClusterURLGivesEveryNode() throws {
        let amqp = try Self.configuration(["AMQP_URL": "amqp://app:pw@rabbit-1,rabbit-2:5673,rabbit-3/%2f"])
            .amqpConfiguration()
        #expect(amqp.endpoints.map(\.description) == ["rabbit-1:5672", "rabbit-2:5673", "rabbit-3:5672"])
        #expect(amqp.tls == nil)
    }

    @Test func amqpsTakesTheTLSFiles() throws {
        let (ca, certificate, key) = (try Self.file(), try Self.file(), try Self.file())
        let amqp = try Self.configuration([
            "AMQP_URL": "amqps://app:pw@broker.example.com/%2f", "AMQP_TLS_CA_FILE": ca,
            "AMQP_TLS_CERT_FILE": certificate, "AMQP_TLS_KEY_FILE": key,
        ]).amqpConfiguration()
        #expect(amqp.tls == AMQPTLSConfiguration(caFile: ca, certificateFile: certificate, keyFile: key))
        #expect(amqp.port == 5671)
        // Without files: the system's CAs.
        let plain = try Self.configuration(["AMQP_URL": "amqps://broker.example.com"]).amqpConfiguration()
        #expect(plain.tls == AMQPTLSConfiguration())
    }

    @Test func aTLSFileWithAPlainURLStopsTheStart() throws {
        let error = Self.failure(["AMQP_URL": "amqp://broker/%2f", "AMQP_TLS_CA_FILE": try Self.file()])
        #expect(error?.variable == "AMQP_TLS_CA_FILE")
        #expect(error?.message.contains("amqps://") == true)
    }

    @Test func aCertificateNeedsItsKey() throws {
        let error = Self.failure(["AMQP_URL": "amqps://broker", "AMQP_TLS_CERT_FILE": try Self.file()])
        #expect(error?.variable == "AMQP_TLS_KEY_FILE")
    }

    @Test func aMissingFileIsNamed() {
        let error = Self.failure(["AMQP_URL": "amqps://broker", "AMQP_TLS_CA_FILE": "/nonexistent/ca.pem"])
        #expect(error?.variable == "AMQP_TLS_CA_FILE")
        #expect(error?.message.contains("/nonexistent/ca.pem") == true)
    }

    @Test func aMalformedURLStopsTheStartWithoutItsPassword() {
        let error = Self.failure(["AMQP_URL": "amqp://u:topsecret@a,,b/%2f"])
        #expect(error?.variable == "AMQP_URL")
        #expect(error.map { !$0.description.contains("topsecret") } == true)
    }
}
