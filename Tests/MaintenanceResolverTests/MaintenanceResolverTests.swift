import AutoResponderCore
import Foundation
import MaintenanceResolver
import Testing

/// Every branch of the maintenance resolver, over an in-memory maintenance API and sales.
@Suite struct MaintenanceResolverTests {
    let merchants = FakeMerchants(sales: [sale("34853"), sale("34860", status: "in progress", daysAgo: 3)])

    func resolver(_ source: FakeMaintenanceSource, merchants: FakeMerchants? = nil) throws -> MaintenanceResolver {
        try MaintenanceResolver(context: ResolverContext(dependencies: dependencies(merchants ?? self.merchants, source)))
    }

    /// The first machine's facts of a reply or a hand-off.
    func machine(_ resolution: Resolution) throws -> Facts {
        try #require(resolution.facts["machines"]?.list?.first)
    }

    @Test func underWarrantyWithoutAnOpenOrderOpensOneWithAKeyOfTheConversation() async throws {
        let api = FakeMaintenanceSource(warranties: ["34853": (true, "2022-02-08")])
        let resolution = try await resolver(api).resolve(request(texts: ["my machine wont turn on", "please help"]))
        guard case .reply(let reply) = resolution else { Issue.record("expected a reply, got \(resolution)"); return }
        #expect(reply.template == "maintenance")
        #expect(reply.facts["orderOpened"] == .flag(true))
        let facts = try machine(resolution)
        #expect(facts["saleID"] == .text("34853"))
        #expect(facts["underWarranty"] == .flag(true))
        #expect(facts["warrantyUntil"]?.flag == nil && facts["warrantyUntil"] != nil)
        #expect(facts["newOrder"]?.group?["orderID"] == .text("SO-101"))
        #expect(facts["newOrder"]?.group?["status"] == .text("open"))
        let create = try #require(api.calls.first { $0.path == "/service_orders" })
        #expect(create.body["id_sale"] == "34853")
        #expect(create.body["idempotency_key"] == "conversation:754900:754900-0")
        #expect(create.body["problem"] == "my machine wont turn on / please help")
        #expect(api.created == 1)
    }

    @Test func underWarrantyWithAnOpenOrderGivesItsNumberAndStatusAndOpensNone() async throws {
        let api = FakeMaintenanceSource(
            warranties: ["34853": (true, "2022-02-08")],
            orders: ["34853": [["order_id": "SO-77", "status": "awaiting parts", "opened_at": "2021-12-20"]]])
        let resolution = try await resolver(api).resolve(request())
        #expect(resolution.replyTemplate == "maintenance")
        #expect(resolution.facts["orderOpened"] == .flag(false))
        let facts = try machine(resolution)
        #expect(facts["hasOpenOrders"] == .flag(true))
        let order = try #require(facts["openOrders"]?.list?.first)
        #expect(order["orderID"] == .text("SO-77"))
        #expect(order["status"] == .text("awaiting parts"))
        #expect(order["openedAt"] != nil)
        #expect(api.created == 0)
    }

    @Test func outOfWarrantyHandsOffForAQuote() async throws {
        let api = FakeMaintenanceSource(warranties: ["34853": (false, "2021-08-09")])
        let resolution = try await resolver(api).resolve(request())
        guard case .handOff(let decision) = resolution else { Issue.record("expected a hand-off, got \(resolution)"); return }
        #expect(decision.reason == .repairQuote)
        #expect(decision.template == "maintenance")
        #expect(decision.facts["needsQuote"] == .flag(true))
        #expect(try machine(resolution)["outOfWarranty"] == .flag(true))
        #expect(decision.detail.contains("34853"))
        #expect(api.created == 0)
    }

    @Test func outOfWarrantyWithAnOpenOrderGivesTheOrder() async throws {
        let api = FakeMaintenanceSource(
            warranties: ["34853": (false, nil)], orders: ["34853": [["order_id": "SO-9", "status": "in repair"]]])
        let resolution = try await resolver(api).resolve(request())
        #expect(resolution.replyTemplate == "maintenance")
        let facts = try machine(resolution)
        #expect(facts["outOfWarranty"] == .flag(true))
        #expect(facts["warrantyUntil"] == nil)
        #expect(facts["openOrders"]?.list?.first?["orderID"] == .text("SO-9"))
    }

    @Test func aMachineTheMaintenanceAPIDoesNotKnowIsHandedOff() async throws {
        let api = FakeMaintenanceSource(warranties: [:])
        let resolution = try await resolver(api).resolve(request())
        #expect(resolution.handOffReason == .missingData)
        #expect(resolution.facts["unknownMachine"] == .flag(true))
        #expect(api.created == 0)
    }

    @Test func aMerchantWithoutSalesOrWithoutADeliveredMachineIsHandedOff() async throws {
        let api = FakeMaintenanceSource(warranties: ["34860": (true, nil)])
        let none = try await resolver(api, merchants: FakeMerchants()).resolve(request())
        #expect(none.handOffReason == .noMerchantData)
        let undelivered = try await resolver(api, merchants: FakeMerchants(sales: [sale("34860", status: "in progress")]))
            .resolve(request())
        #expect(undelivered.handOffReason == .missingData)
        #expect(undelivered.facts["noMachine"] == .flag(true))
        #expect(api.calls.isEmpty)
    }

    @Test func theAPIDownIsAFailureOfTheJobAndOpensNothing() async throws {
        let api = FakeMaintenanceSource(warranties: ["34853": (true, nil)])
        api.fail(with: UpstreamError(code: .unavailable, upstream: "maintenance /warranty", message: "answered 503"))
        await #expect(throws: UpstreamError.self) { try await resolver(api).resolve(request()) }
        #expect(api.created == 0)
        let database = FakeMerchants(failing: UpstreamError(code: .timeout, upstream: "database", message: "slow"))
        await #expect(throws: UpstreamError.self) { try await resolver(api, merchants: database).resolve(request()) }
    }

    @Test func aRetryAfterTheCreationsAnswerWasLostFindsTheSameOrderAndOpensNoSecond() async throws {
        let api = FakeMaintenanceSource(warranties: ["34853": (true, "2022-02-08")])
        api.loseNextCreateAnswer()
        let resolver = try resolver(api)
        await #expect(throws: UpstreamError.self) { try await resolver.resolve(request()) }
        #expect(api.orders(of: "34853").count == 1, "the lost answer's order was created")
        // The retry: the client wrote again meanwhile; the key is the first unanswered message's.
        let retry = try await resolver.resolve(request(texts: ["my machine wont turn on", "hello??"]))
        #expect(retry.facts["orderOpened"] == .flag(true), "told as the order this conversation opened")
        #expect(try machine(retry)["newOrder"]?.group?["orderID"] == .text("SO-101"))
        #expect(try machine(retry)["hasOpenOrders"] == .flag(false))
        #expect(api.orders(of: "34853").count == 1)
        #expect(api.created == 1)
    }

    @Test func theKeyIsTheSameForEveryAttemptOfOneReplyAndNewForALaterMessage() {
        let first = MaintenanceResolver.idempotencyKey(request(texts: ["it restarts all the time"]))
        #expect(first == MaintenanceResolver.idempotencyKey(request(texts: ["it restarts all the time", "any news?"])))
        let later = ResolutionRequest(
            conversationID: try! ConversationID("754900"), merchantID: try! MerchantID("530364"), subject: "",
            messages: [ChatMessage(id: try! MessageID("754900-3"), text: "it broke again", createdAt: Date())],
            language: .english, route: RouteDecision(resolver: "maintenance", reason: .keywords), logger: quietLogger)
        #expect(MaintenanceResolver.idempotencyKey(later) != first)
    }

    @Test func severalMachinesAreListedAndAPersonAsksWhichOneFails() async throws {
        let merchants = FakeMerchants(sales: [sale("34853", daysAgo: 300), sale("34854", daysAgo: 20)])
        let api = FakeMaintenanceSource(
            warranties: ["34853": (false, "2021-08-09"), "34854": (true, "2022-12-01")],
            orders: ["34854": [["order_id": "SO-5", "status": "open"]]])
        let resolution = try await resolver(api, merchants: merchants).resolve(request())
        #expect(resolution.handOffReason == .machineUnclear)
        let machines = try #require(resolution.facts["machines"]?.list)
        #expect(machines.map { $0["saleID"] } == [.text("34854"), .text("34853")], "latest first")
        #expect(machines[0]["openOrders"]?.list?.first?["orderID"] == .text("SO-5"))
        #expect(machines[1]["outOfWarranty"] == .flag(true))
        #expect(api.created == 0)
    }

    @Test func answersAboutAnotherSaleOrMerchantAreRejected() async throws {
        let stray = FakeMerchants(sales: [sale("34853", merchant: "999")], ignoresMerchant: true)
        struct Wrong: JSONSource {
            let name = "maintenance"
            func post(_ path: String, body: [String: String], call: JSONCall) async throws(UpstreamError) -> Data? {
                Data(#"{"id_sale": "11111", "under_warranty": true}"#.utf8)
            }
        }
        let context = { (merchants: FakeMerchants, source: any JSONSource) in
            ResolverContext(
                dependencies: ResolverDependencies(
                    merchants: merchants, logistics: Unused(), telecom: Unused(), sources: DataSources().adding(source),
                    businessTimeZone: saoPaulo, logger: quietLogger))
        }
        let sales = MaintenanceResolverTests().merchants
        do {
            _ = try await MaintenanceResolver(context: context(sales, Wrong())).resolve(request())
            Issue.record("an answer about another sale was accepted")
        } catch let error as UpstreamError {
            #expect(error.code == .mismatchedData)
        }
        await #expect(throws: UpstreamError.self) {
            try await MaintenanceResolver(context: context(stray, FakeMaintenanceSource())).resolve(request())
        }
    }

    @Test func bodiesOfTheWrongShapeAreFailuresNotData() async throws {
        for body in [#"{"data": {}}"#, "[]", #"{"id_sale": "34853", "under_warranty": "maybe"}"#,
            #"{"id_sale": "34853", "under_warranty": true, "warranty_until": "08/02/2022"}"#]
        {
            struct Fixed: JSONSource {
                let name = "maintenance"
                let body: String
                func post(_ path: String, body: [String: String], call: JSONCall) async throws(UpstreamError) -> Data? {
                    Data(self.body.utf8)
                }
            }
            let context = ResolverContext(
                dependencies: ResolverDependencies(
                    merchants: merchants, logistics: Unused(), telecom: Unused(),
                    sources: DataSources().adding(Fixed(body: body)), businessTimeZone: saoPaulo, logger: quietLogger))
            do {
                _ = try await MaintenanceResolver(context: context).resolve(request())
                Issue.record("accepted \(body)")
            } catch let error as UpstreamError {
                #expect(error.code == .invalidResponse, "\(body)")
            }
        }
    }
}

extension Resolution {
    var replyTemplate: String? { if case .reply(let reply) = self { reply.template } else { nil } }
    var handOffReason: HandOffReason? { if case .handOff(let decision) = self { decision.reason } else { nil } }
}
