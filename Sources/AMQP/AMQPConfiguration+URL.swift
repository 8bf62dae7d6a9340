extension AMQPConfiguration {
    /// Parses `amqp://user:pass@host:port/vhost?heartbeat=10&connection_timeout=5000`
    /// (the RabbitMQ URI spec).
    ///
    /// - Every part is optional: user and password default to `guest`, the host to `localhost`,
    ///   the port to 5672, the virtual host to `/` (also for an empty path).
    /// - User, password and virtual host are percent-decoded: `%2f` is the `/` virtual host.
    /// - Query: `heartbeat` (seconds), `connection_timeout` (milliseconds), `frame_max` (bytes),
    ///   `connection_name`; other keys are ignored.
    /// - Throws ``AMQPError/Code/invalidURL`` (the message never contains the password).
    public init(url: String) throws(AMQPError) {
        self.init()
        guard let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://") else {
            throw Self.invalid("it does not start with amqp://")
        }
        let scheme = url[..<colon].lowercased()
        guard scheme == "amqp" else {
            throw Self.invalid("scheme '\(scheme)' is not supported; use amqp:// (TLS is not built in)")
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
        try parseHostAndPort(authority)
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

    private mutating func parseHostAndPort(_ authority: Substring) throws(AMQPError) {
        var hostPart = authority
        var portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw Self.invalid("an IPv6 address must be closed by ']'")
            }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portPart = after.dropFirst() } else if !after.isEmpty {
                throw Self.invalid("unexpected text after the IPv6 address")
            }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        }
        if !hostPart.isEmpty { host = try Self.decode(hostPart, part: "host") }
        if let portPart, !portPart.isEmpty {
            guard let value = Int(portPart), (1...65_535).contains(value) else {
                throw Self.invalid("port '\(portPart)' is not a number between 1 and 65535")
            }
            port = value
        }
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

    private static func invalid(_ reason: String) -> AMQPError {
        AMQPError(code: .invalidURL, message: "AMQP URL is invalid: \(reason). Expected amqp://user:password@host:port/vhost")
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
