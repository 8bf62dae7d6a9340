import AutoResponderCore
import Foundation
import Logging
import Synchronization

/// The maintenance API in memory, speaking its JSON (docs/contract.md §8): warranties and open orders
/// by sale, `POST /service_orders` idempotent by key. `failing` makes every call throw that error;
/// `loseNextCreateAnswer` creates the next order, then throws a timeout (the answer lost).
final class FakeMaintenanceSource: JSONSource {
    struct State {
        var warranties: [String: (Bool, String?)] = [:]
        var orders: [String: [[String: String]]] = [:]
        var calls: [(String, [String: String])] = []
        var failing: UpstreamError?
        var loseNextCreateAnswer = false
        var nextOrder = 100
    }

    let name = "maintenance"
    let state = Mutex(State())

    init(warranties: [String: (Bool, String?)] = [:], orders: [String: [[String: String]]] = [:]) {
        state.withLock {
            $0.warranties = warranties
            $0.orders = orders
        }
    }

    var calls: [(path: String, body: [String: String])] { state.withLock { $0.calls.map { ($0.0, $0.1) } } }
    var created: Int { calls.filter { $0.path == "/service_orders" }.count }
    func fail(with error: UpstreamError?) { state.withLock { $0.failing = error } }
    func loseNextCreateAnswer() { state.withLock { $0.loseNextCreateAnswer = true } }
    func orders(of sale: String) -> [[String: String]] { state.withLock { $0.orders[sale] ?? [] } }

    func post(_ path: String, body: [String: String], call: JSONCall) async throws(UpstreamError) -> Data? {
        let result: Result<Data?, UpstreamError> = state.withLock { state in
            state.calls.append((path, body))
            if let failing = state.failing { return .failure(failing) }
            let sale = body["id_sale"] ?? ""
            guard let (under, until) = state.warranties[sale] else { return .success(nil) }
            switch path {
            case "/warranty":
                var object: [String: Any] = ["id_sale": sale, "under_warranty": under]
                if let until { object["warranty_until"] = until }
                return .success(json(object))
            case "/open_service_orders":
                return .success(json(["id_sale": sale, "orders": state.orders[sale] ?? []]))
            case "/service_orders":
                let key = body["idempotency_key"] ?? ""
                var order = state.orders[sale]?.first { $0["idempotency_key"] == key }
                if order == nil {
                    state.nextOrder += 1
                    let made = [
                        "order_id": "SO-\(state.nextOrder)", "status": "open", "opened_at": "2021-12-22",
                        "idempotency_key": key,
                    ]
                    state.orders[sale, default: []].insert(made, at: 0)
                    order = made
                }
                if state.loseNextCreateAnswer {
                    state.loseNextCreateAnswer = false
                    return .failure(UpstreamError(code: .timeout, upstream: "maintenance /service_orders", message: "lost"))
                }
                var object: [String: Any] = order ?? [:]
                object["id_sale"] = sale
                return .success(json(object))
            default:
                return .failure(UpstreamError(code: .rejected, upstream: "maintenance \(path)", message: "no such path"))
            }
        }
        return try result.get()
    }
}

private func json(_ object: [String: Any]) -> Data {
    (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
}

/// Sales by merchant; `failing` makes every call throw.
struct FakeMerchants: MerchantRepository {
    var sales: [Sale] = []
    var failing: UpstreamError?
    /// A broken adapter that forgets the merchant filter.
    var ignoresMerchant = false

    func sales(of merchant: MerchantID) async throws -> [Sale] {
        if let failing { throw failing }
        return ignoresMerchant ? sales : sales.filter { $0.merchantID == merchant }
    }
    func latestReceipt(of merchant: MerchantID) async throws -> Receipt? { nil }
    func transactionTotal(of merchant: MerchantID, in range: Range<Date>) async throws -> TransactionTotal { .zero }
}

/// The ports this resolver does not use.
struct Unused: LogisticsPort, TelecomPort {
    func tracking(of sale: SaleID) async throws -> TrackingInfo? { nil }
    func address(of zip: ZipCode) async throws -> Address? { nil }
    func chipStatus(of chip: ChipID) async throws -> ChipStatus? { nil }
}

let saoPaulo = TimeZone(identifier: "America/Sao_Paulo")!
let quietLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

func dependencies(_ merchants: FakeMerchants, _ source: FakeMaintenanceSource?) -> ResolverDependencies {
    ResolverDependencies(
        merchants: merchants, logistics: Unused(), telecom: Unused(),
        sources: source.map { DataSources().adding($0) } ?? DataSources(), businessTimeZone: saoPaulo,
        logger: quietLogger)
}

func sale(_ id: String, merchant: String = "530364", status: String = "done", daysAgo: Double = 300) -> Sale {
    Sale(
        id: try! SaleID(id), merchantID: try! MerchantID(merchant), chipID: nil,
        createdAt: Date(timeIntervalSince1970: 1_640_197_668 - daysAgo * 86_400), status: status, description: nil)
}

func request(merchant: String = "530364", conversation: String = "754900", texts: [String] = ["my machine wont turn on"])
    -> ResolutionRequest
{
    ResolutionRequest(
        conversationID: try! ConversationID(conversation), merchantID: try! MerchantID(merchant), subject: "",
        messages: texts.enumerated().map { index, text in
            ChatMessage(id: try! MessageID("\(conversation)-\(index)"), text: text, createdAt: Date(timeIntervalSince1970: 1_640_197_668))
        },
        language: .english, route: RouteDecision(resolver: "maintenance", reason: .keywords), logger: quietLogger)
}
