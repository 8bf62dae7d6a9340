extension AMQPConfiguration {
    /// Parses `amqp://user:pass@host:port/vhost?heartbeat=10&connection_timeout=5000`
    /// (the RabbitMQ URI spec), `amqps://` for TLS, and several nodes of one cluster.
    ///
    /// - Every part is optional: user and password default to `guest`, the host to `localhost`,
    ///   the port to 5672 (5671 for `amqps`), the virtual host to `/` (also for an empty path).
    /// - User, password and virtual host are percent-decoded: `%2f` is the `/` virtual host. A comma
    ///   in the password must be written `%2C`.
    /// - Query: `heartbeat` (seconds), `connection_timeout` (milliseconds), `frame_max` (bytes),
    ///   `connection_name`; other keys are ignored.
    /// - Several nodes: a comma-separated list of hosts
    ///   (`amqp://user:pass@rabbit-1:5672,rabbit-2,rabbit-3:5673/%2f`), or a comma-separated list of
    ///   whole URLs that differ only in their hosts; they become ``endpoints``, tried in order.
    /// - `amqps://` sets ``tls`` to the system's CAs and no client certificate; set its files after.
    /// - Throws ``AMQPError/Code/invalidURL`` (the message never contains the password).
    public init(url: String) throws(AMQPError) {
        let urls = Self.splitURLList(url)
        if urls.count > 1 {
            self = try Self.merging(urls)
            return
        }
        self.init()
        guard let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://") else {
            throw Self.invalid("it does not start with amqp:// or amqps://")
        }
        let scheme = url[..<colon].lowercased()
        switch scheme {
        case "amqp": tls = nil
        case "amqps": tls = AMQPTLSConfiguration()
        default: throw Self.invalid("scheme '\(scheme)' is not supported; use amqp:// or amqps:// (TLS)")
        }
        var rest = url[url.index(colon, offsetBy: 3)...]
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var authority = rest
        var path: Substring?
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            path = rest[rest.index(after: slash)...]
        }
        if let at = authority.lastIndex(of: "@") {
            try parseUserInfo(authority[..<at])
            authority = authority[authority.index(after: at)...]
        }
        try parseHosts(authority, defaultPort: tls == nil ? 5672 : 5671)
        if let path, !path.isEmpty {
            guard !path.contains("/") else {
                throw Self.invalid("the virtual host must be one path segment; write '/' as %2f")
            }
            virtualHost = try Self.decode(path, part: "virtual host")
        }
        try parseQuery(query)
    }

    private mutating func parseUserInfo(_ userInfo: Substring) throws(AMQPError) {
        if let colon = userInfo.firstIndex(of: ":") {
            username = try Self.decode(userInfo[..<colon], part: "user name")
            password = try Self.decode(userInfo[userInfo.index(after: colon)...], part: "password")
        } else {
            username = try Self.decode(userInfo, part: "user name")
        }
    }

    /// `host[:port]`, or several separated by commas: the first is ``host``:``port``, the others
    /// ``additionalEndpoints``.
    private mutating func parseHosts(_ authority: Substring, defaultPort: Int) throws(AMQPError) {
        let items = authority.split(separator: ",", omittingEmptySubsequences: false)
        var endpoints: [AMQPEndpoint] = []
        for item in items {
            if item.isEmpty && items.count > 1 { throw Self.invalid("the list of hosts has an empty entry") }
            endpoints.append(try Self.endpoint(item, defaultPort: defaultPort))
        }
        host = endpoints[0].host
        port = endpoints[0].port
        additionalEndpoints = Array(endpoints.dropFirst())
    }

    private static func endpoint(_ authority: Substring, defaultPort: Int) throws(AMQPError) -> AMQPEndpoint {
        var hostPart = authority
        var portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw invalid("an IPv6 address must be closed by ']'")
            }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portPart = after.dropFirst() } else if !after.isEmpty {
                throw invalid("unexpected text after the IPv6 address")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        }
        var endpoint = AMQPEndpoint(host: "localhost", port: defaultPort)
        if !hostPart.isEmpty { endpoint.host = try decode(hostPart, part: "host") }
        if let portPart, !portPart.isEmpty {
            guard let value = Int(portPart), (1...65_535).contains(value) else {
                throw invalid("port '\(portPart)' is not a number between 1 and 65535")
            }
            endpoint.port = value
        }
        return endpoint
    }

    private mutating func parseQuery(_ query: Substring) throws(AMQPError) {
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try Self.decode(parts[0], part: "query key")
            let value = parts.count > 1 ? try Self.decode(parts[1], part: "query value") : ""
            switch key {
            case "heartbeat":
                heartbeat = .seconds(try Self.number(value, key: key, range: 0...65_535))
            case "connection_timeout":
                connectionTimeout = .milliseconds(try Self.number(value, key: key, range: 1...3_600_000))
            case "frame_max":
                frameMax = try Self.number(value, key: key, range: 4096...Int(Int32.max))
            case "connection_name":
                connectionName = value
            default:
                continue
            }
        }
    }

    private static func number(_ text: String, key: String, range: ClosedRange<Int>) throws(AMQPError) -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw invalid("query parameter \(key)='\(text)' must be a whole number in \(range)")
        }
        return value
    }

    static func invalid(_ reason: String) -> AMQPError {
        AMQPError(code: .invalidURL, message: "AMQP URL is invalid: \(reason). Expected amqp://user:password@host:port/vhost (amqps:// for TLS; several nodes: host1:port,host2:port)")
    }

    /// Percent-decodes one URL part; the error never quotes the text (it may be a password).
    static func decode(_ text: Substring, part: String) throws(AMQPError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw invalid("the \(part) has a '%' not followed by two hex digits")
            }
            bytes.append(high << 4 | low)
        }
        let decoded = String(decoding: bytes, as: UTF8.self)
        guard decoded.utf8.elementsEqual(bytes) else {
            throw invalid("the \(part) is not valid UTF-8 after percent-decoding")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension String {
    /// Percent-encodes everything but unreserved URL characters (so `/` becomes `%2F`).
    func addingAMQPPercentEncoding() -> String {
        var result = ""
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += byte < 16 ? "%0\(hex)" : "%\(hex)"
            }
        }
        return result
    }
}
