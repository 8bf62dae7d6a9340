/// TLS for an `amqps://` connection (rabbitmq-c's OpenSSL socket).
///
/// The broker's certificate is always verified: its chain must lead to a CA of ``caFile`` and it must
/// name the host connected to (a DNS name of its subject alternative names, or its common name).
/// There is deliberately no switch to turn verification off: to trust a private or self-signed CA,
/// give its certificate as ``caFile``.
public struct AMQPTLSConfiguration: Sendable, Hashable {
    /// PEM file of the certificate authorities that sign the broker's certificate; `nil` uses the
    /// system's bundle (the first of ``systemCAFiles`` that exists).
    public var caFile: String?
    /// PEM file of the client certificate (chain), for brokers that require one; with ``keyFile``.
    public var certificateFile: String?
    /// PEM file of the client certificate's private key (not password-protected); with
    /// ``certificateFile``.
    public var keyFile: String?

    /// Creates a TLS configuration; by default the system's CAs and no client certificate.
    public init(caFile: String? = nil, certificateFile: String? = nil, keyFile: String? = nil) {
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.keyFile = keyFile
    }

    /// Where the system's CA bundle is looked for when ``caFile`` is `nil` (Debian and Ubuntu,
    /// Fedora and RHEL, Alpine and macOS). rabbitmq-c does not load OpenSSL's default paths itself.
    public static let systemCAFiles = [
        "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem",
    ]
}
