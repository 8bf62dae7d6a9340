import Foundation

/// The four upstream APIs the nine endpoints belong to: what rate limits (`rate_limits`) are set for,
/// and a short way to name endpoints in an outage (`"logistics"` for `tracking` and `zip_code`).
public enum UpstreamAPI: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// `conversations`, `conversation_info`, `send_message`.
    case chats
    /// `tracking`, `zip_code`.
    case logistics
    /// `chip_status`.
    case telecom
    /// `warranty`, `open_service_orders`, `service_orders`.
    case maintenance

    /// The endpoints of this API.
    public var endpoints: [Endpoint] { Endpoint.allCases.filter { $0.api == self } }

    /// The raw value, e.g. `logistics`.
    public var description: String { rawValue }
}

extension Endpoint {
    /// The API this endpoint belongs to.
    public var api: UpstreamAPI {
        switch self {
        case .conversations, .conversationInfo, .sendMessage: .chats
        case .tracking, .zipCode: .logistics
        case .chipStatus: .telecom
        case .warranty, .openServiceOrders, .serviceOrders: .maintenance
        }
    }

    /// The endpoints a name stands for: an endpoint (`zip_code`, `/zip_code`) or an API (`logistics`).
    /// Throws ``SimulatorError`` for any other name.
    public static func named(_ name: String) throws -> [Endpoint] {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        let bare = trimmed.hasPrefix("/") ? String(trimmed.dropFirst()) : trimmed
        if let endpoint = Endpoint(rawValue: bare) { return [endpoint] }
        if let api = UpstreamAPI(rawValue: bare) { return api.endpoints }
        let names = Endpoint.allCases.map(\.rawValue) + UpstreamAPI.allCases.map(\.rawValue)
        throw SimulatorError(.invalidKnob, "unknown endpoint \(name); endpoints or APIs: \(names.joined(separator: ", "))")
    }
}
