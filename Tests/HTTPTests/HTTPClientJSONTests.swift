import HTTP
import Testing

@Suite("HTTPClient JSON calls against a local server")
struct HTTPClientJSONTests {
    @Test func jsonRoundTripSendsHeadersAndBody() async throws {
        try await TestServer.withServer { server in
            try await withClient { client in
                let reply = try await client.postJSON(
                    "\(server.baseURL)/echo", body: EchoBody(id: 7, text: "olá, mundo"),
                    headers: ["authorization": "secret-token"], as: EchoReply.self)
                #expect(
                    reply
                        == EchoReply(
                            id: 7, text: "olá, mundo", method: "POST", authorization: "secret-token",
                            contentType: "application/json"))
            }
        }
    }

    @Test func executeReturnsStatusHeadersAndBody() async throws {
        try await TestServer.withServer { server in
            try await withClient { client in
                let response = try await client.execute(
                    HTTPRequest(url: "\(server.baseURL)/status/404", headers: ["x-trace": "1"]))
                #expect(response.status == 404)
                #expect(response.bodyText == "status 404")
                #expect(response.headers["Content-Type"] == "text/plain")
                #expect(!response.isSuccess)
            }
        }
    }

    @Test(arguments: [(404, false), (500, true), (503, true), (429, true), (400, false)])
    func errorStatusesThrowStatusErrors(status: Int, retryable: Bool) async throws {
        try await TestServer.withServer { server in
            try await withClient { client in
                let url = "\(server.baseURL)/status/\(status)"
                let error = await httpError {
                    try await client.postJSON(url, body: EchoBody(id: 1, text: "x"), as: EchoReply.self)
                }
                #expect(error?.code == .status)
                #expect(error?.status == status)
                #expect(error?.bodyExcerpt == "status \(status)")
                #expect(error?.isRetryable == retryable)
                #expect(error?.url == url)
            }
        }
    }

    @Test func bodyThatIsNotJSONIsInvalidBody() async throws {
        try await TestServer.withServer { server in
            try await withClient { client in
                let error = await httpError {
                    try await client.postJSON(
                        "\(server.baseURL)/text", body: EchoBody(id: 1, text: "x"), as: EchoReply.self)
                }
                #expect(error?.code == .invalidBody)
                #expect(error?.status == 200)
                #expect(error?.message.contains("EchoReply") == true)
                #expect(error?.bodyExcerpt?.contains("this is not json") == true)
                #expect(error?.isRetryable == false)
            }
        }
    }

    @Test func bodyOfTheWrongShapeIsInvalidBodyNamingTheMissingField() async throws {
        try await TestServer.withServer { server in
            try await withClient { client in
                let error = await httpError {
                    try await client.postJSON(
                        "\(server.baseURL)/wrong-shape", body: EchoBody(id: 1, text: "x"), as: EchoReply.self)
                }
                #expect(error?.code == .invalidBody)
                #expect(error?.message.contains("\"id\" missing") == true)
                #expect(error?.bodyExcerpt == #"{"unexpected":true}"#)
            }
        }
    }

    @Test func statusOnlyVariantChecksTheStatusOnly() async throws {
        try await TestServer.withServer { server in
            try await withClient { client in
                let body = EchoBody(id: 1, text: "x")
                let response = try await client.postJSON("\(server.baseURL)/text", body: body)
                #expect(response.status == 200)
                let error = await httpError { try await client.postJSON("\(server.baseURL)/status/503", body: body) }
                #expect(error?.code == .status)
                #expect(error?.status == 503)
            }
        }
    }

    @Test func bodyLessVariantPostsAnEmptyBody() async throws {
        try await TestServer.withServer { server in
            try await withClient { client in
                // The echo endpoint cannot decode an empty body: the server answers 400.
                let error = await httpError { try await client.postJSON("\(server.baseURL)/echo", as: EchoReply.self) }
                #expect(error?.code == .status)
                #expect(error?.status == 400)
                #expect(server.requestCount == 1)
            }
        }
    }
}
