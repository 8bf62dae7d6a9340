extension AMQPConfiguration {
    /// Splits `amqp://a/%2f,amqp://b/%2f` into its URLs: a comma followed by a scheme starts the next
    /// one (a comma before anything else separates hosts inside one URL).
    static func splitURLList(_ text: String) -> [Substring] {
        var urls: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while let comma = text[index...].firstIndex(of: ",") {
            let next = text[text.index(after: comma)...].lowercased()
            if next.hasPrefix("amqp://") || next.hasPrefix("amqps://") {
                urls.append(text[start..<comma])
                start = text.index(after: comma)
            }
            index = text.index(after: comma)
        }
        urls.append(text[start...])
        return urls
    }

    /// One configuration from several URLs of one cluster: their hosts, in order, as endpoints.
    /// Everything else (scheme, user, password, virtual host, options) must be the same in each.
    static func merging(_ urls: [Substring]) throws(AMQPError) -> AMQPConfiguration {
        var merged = try AMQPConfiguration(url: String(urls[0]))
        for url in urls.dropFirst() {
            let next = try AMQPConfiguration(url: String(url))
            guard next.withoutEndpoints == merged.withoutEndpoints else {
                throw invalid(
                    "the URLs of a list may differ only in their hosts; the scheme, user, password, virtual host and options must be the same")
            }
            merged.additionalEndpoints += next.endpoints
        }
        return merged
    }

    /// This configuration with its endpoints blanked (to compare the rest).
    private var withoutEndpoints: AMQPConfiguration {
        var copy = self
        copy.host = ""
        copy.port = 0
        copy.additionalEndpoints = []
        return copy
    }
}
