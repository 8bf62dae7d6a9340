import HTTP

/// `HTTPClient.postJSON` of a small JSON object to the in-process echo server, decoding the reply:
/// 1 request in flight, and 64 in flight (the client's default connection limits apply).
struct HTTPBenchCases {
    let context: BenchContext

    func run() async throws {
        let context = self.context
        try await EchoServer.withServer(logger: context.logger) { baseURL in
            let client = HTTPClient(logger: context.logger)
            let url = "\(baseURL)/echo"
            progress("posting to \(url)")
            do {
                for inFlight in [1, 64] {
                    let sample = try await timedCase(
                        "http postJSON, \(inFlight) in flight", options: context.options, concurrency: inFlight
                    ) {
                        let sent = EchoMessage(id: Int.random(in: 0..<1_000_000), text: "hello from the bench")
                        let reply = try await client.postJSON(url, body: sent, as: EchoMessage.self)
                        guard reply.id == sent.id else { throw BenchError("the echo server answered another id") }
                        return 1
                    }
                    context.report.add(sample)
                }
            } catch {
                await client.shutdown()
                throw error
            }
            await client.shutdown()
        }
    }
}
