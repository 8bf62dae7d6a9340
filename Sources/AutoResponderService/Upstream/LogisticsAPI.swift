import AutoResponderCore
import Foundation

/// The logistics API (`LOGISTICS_API_URL`) as the domain's ``LogisticsPort``.
struct LogisticsAPI: LogisticsPort {
    let api: UpstreamAPI

    func tracking(of sale: SaleID) async throws -> TrackingInfo? {
        guard let body = try await api.post("/tracking", body: ["id_sale": sale.rawValue], notFoundIsNil: true)
        else { return nil }
        return try LogisticsPayloads.tracking(body, requested: sale)
    }

    func address(of zip: ZipCode) async throws -> Address? {
        guard let body = try await api.post("/zip_code", body: ["zip_code": zip.digits], notFoundIsNil: true)
        else { return nil }
        return try LogisticsPayloads.address(body, requested: zip)
    }
}

/// The telecom API (`TELECOM_API_URL`) as the domain's ``TelecomPort``.
struct TelecomAPI: TelecomPort {
    let api: UpstreamAPI

    func chipStatus(of chip: ChipID) async throws -> ChipStatus? {
        guard let body = try await api.post("/chip_status", body: ["chip_id": chip.rawValue], notFoundIsNil: true)
        else { return nil }
        return try TelecomPayloads.chipStatus(body, requested: chip)
    }
}
