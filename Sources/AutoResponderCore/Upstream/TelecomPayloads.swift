import Foundation

/// Decoding of the telecom API's bodies into validated facts, for the adapter of ``TelecomPort``.
public enum TelecomPayloads {
    private struct Body: Decodable {
        let id: LenientString?
        let status: String?
        let description: String?
    }

    /// Decodes a `/chip_status` 2xx body asked for `chipID`.
    /// - Throws: ``UpstreamError``: `invalidResponse` for a body without a valid `id` or a `status`,
    ///   `mismatchedData` if `id` is another chip.
    public static func chipStatus(_ body: Data, requested chipID: ChipID) throws(UpstreamError) -> ChipStatus {
        let upstream = "telecom /chip_status"
        let decoded: Body
        do {
            decoded = try JSONDecoder().decode(Body.self, from: body)
        } catch {
            throw UpstreamError(code: .invalidResponse, upstream: upstream, message: "undecodable body (\(error))")
        }
        guard let status = decoded.status?.trimmingCharacters(in: .whitespacesAndNewlines), !status.isEmpty else {
            throw UpstreamError(code: .invalidResponse, upstream: upstream, message: "no status for chip \(chipID)")
        }
        let id: ChipID
        do {
            id = try ChipID(decoded.id?.value ?? "")
        } catch {
            throw UpstreamError(code: .invalidResponse, upstream: upstream, message: "\(error)")
        }
        guard id == chipID else {
            throw UpstreamError(
                code: .mismatchedData, upstream: upstream, message: "asked for chip \(chipID), got \(id)")
        }
        let description = decoded.description?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return ChipStatus(chipID: id, rawStatus: status, description: description)
    }
}
