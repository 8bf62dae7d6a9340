import HTTP
import Testing

@Suite("HTTPClient concurrency and connection reuse")
struct HTTPClientConcurrencyTests {
    @Test func twoHundredConcurrentRequestsEachGetTheirOwnAnswerOverFewConnections() async throws {
        try await TestServer.withServer { server in
            // 200 requests queue for 8 connections, and the wait counts against the request timeout:
            // a generous one, so that a slow machine (a sanitizer build) does not fail the test.
            let configuration = HTTPClientConfiguration(requestTimeout: .seconds(120), maxConnectionsPerHost: 8)
            try await withClient(configuration) { client in
                let replies = try await withThrowingTaskGroup(of: (Int, EchoReply).self) { group in
                    for id in 0..<200 {
                        group.addTask {
                            let reply = try await client.postJSON(
                                "\(server.baseURL)/echo", body: EchoBody(id: id, text: "message \(id)"),
                                headers: ["authorization": "token-\(id)"], as: EchoReply.self)
                            return (id, reply)
                        }
                    }
                    return try await group.reduce(into: [Int: EchoReply]()) { $0[$1.0] = $1.1 }
                }
                #expect(replies.count == 200)
                for (id, reply) in replies {
                    #expect(reply.id == id && reply.text == "message \(id)" && reply.authorization == "token-\(id)")
                }
                #expect(server.requestCount == 200)
                #expect(server.connectionCount <= 8)
                #expect(client.statistics.requestsCompleted == 200)
                #expect(client.statistics.connectionsOpened == server.connectionCount)
            }
        }
    }

    @Test func sequentialRequestsReuseOneConnection() async throws {
        try await TestServer.withServer { server in
            try await withClient { client in
                for id in 0..<20 {
                    let reply = try await client.postJSON(
                        "\(server.baseURL)/echo", body: EchoBody(id: id, text: "x"), as: EchoReply.self)
                    #expect(reply.id == id)
                }
                #expect(server.connectionCount == 1)
                #expect(client.statistics == HTTPClientStatistics(requestsCompleted: 20, connectionsOpened: 1))
            }
        }
    }
}
