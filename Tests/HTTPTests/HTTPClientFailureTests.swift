import HTTP
import Testing

@Suite("HTTPClient failures: timeouts, refused connections, limits, cancellation, shutdown")
struct HTTPClientFailureTests {
    @Test func serverThatNeverAnswersTimesOutAtTheConfiguredTimeout() async throws {
        try await TestServer.withServer { server in
            try await withClient(HTTPClientConfiguration(requestTimeout: .milliseconds(500))) { client in
                let clock = ContinuousClock()
                let started = clock.now
                let error = await httpError { try await client.execute(HTTPRequest(url: "\(server.baseURL)/slow")) }
                let elapsed = clock.now - started
                #expect(error?.code == .timeout)
                #expect(error?.isRetryable == true)
                // The server answers after 30 s: the error came from the client's timer, not before it.
                #expect(elapsed >= .milliseconds(450) && elapsed < .seconds(15))
            }
        }
    }

    @Test func requestTimeoutOverridesTheClientTimeout() async throws {
        try await TestServer.withServer { server in
            try await withClient(HTTPClientConfiguration(requestTimeout: .seconds(60))) { client in
                let request = HTTPRequest(url: "\(server.baseURL)/slow", timeout: .milliseconds(300))
                let error = await httpError { try await client.execute(request) }
                #expect(error?.code == .timeout)
            }
        }
    }

    @Test func closedPortIsConnectionFailedWithoutQueryOrCredentialsInTheURL() async throws {
        let port = try closedPort()
        try await withClient { client in
            let url = "http://user:password@127.0.0.1:\(port)/tracking?token=secret#part"
            let error = await httpError { try await client.execute(HTTPRequest(url: url)) }
            #expect(error?.code == .connectionFailed)
            #expect(error?.isRetryable == true)
            #expect(error?.url == "http://127.0.0.1:\(port)/tracking")
            #expect(error.map { !"\($0)".contains("secret") && !"\($0)".contains("password") } == true)
        }
    }

    @Test func unknownHostIsConnectionFailed() async throws {
        try await withClient { client in
            let error = await httpError { try await client.execute(HTTPRequest(url: "http://no-such-host.invalid/x")) }
            #expect(error?.code == .connectionFailed)
        }
    }

    @Test func malformedURLIsInvalidRequest() async throws {
        try await withClient { client in
            let error = await httpError { try await client.execute(HTTPRequest(url: "ftp://127.0.0.1/file")) }
            #expect(error?.code == .invalidRequest)
            #expect(error?.isRetryable == false)
        }
    }

    @Test func bodyOverTheLimitIsBodyTooLarge() async throws {
        try await TestServer.withServer { server in
            try await withClient(HTTPClientConfiguration(maxBodyBytes: 1000)) { client in
                let fits = try await client.execute(HTTPRequest(url: "\(server.baseURL)/bytes/1000"))
                #expect(fits.body.count == 1000)
                let error = await httpError { try await client.execute(HTTPRequest(url: "\(server.baseURL)/bytes/1001")) }
                #expect(error?.code == .bodyTooLarge)
            }
        }
    }

    @Test func cancellingTheTaskEndsTheWaitAndTheClientGoesOn() async throws {
        try await TestServer.withServer { server in
            try await withClient { client in
                let slow = Task { () async throws(HTTPError) -> HTTPResponse in
                    try await client.execute(HTTPRequest(url: "\(server.baseURL)/slow"))
                }
                #expect(try await eventually { server.requestCount == 1 })
                slow.cancel()
                let error = await httpError { try await slow.value }
                #expect(error?.code == .cancelled)
                let reply = try await client.postJSON(
                    "\(server.baseURL)/echo", body: EchoBody(id: 2, text: "after"), as: EchoReply.self)
                #expect(reply.id == 2)
            }
        }
    }

    @Test func shutdownFailsPendingRequestsAndRefusesNewOnes() async throws {
        try await TestServer.withServer { server in
            let client = HTTPClient(logger: testLogger)
            let url = "\(server.baseURL)/slow"
            let errors = try await withThrowingTaskGroup(of: HTTPError?.self) { group in
                for _ in 0..<5 {
                    group.addTask { await httpError { try await client.execute(HTTPRequest(url: url)) } }
                }
                #expect(try await eventually { server.requestCount == 5 })
                await client.shutdown()
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(errors.count == 5)
            #expect(errors.allSatisfy { $0?.code == .shutdown })
            let late = await httpError { try await client.execute(HTTPRequest(url: url)) }
            #expect(late?.code == .shutdown)
            await client.shutdown()  // a second call does nothing
        }
    }
}
