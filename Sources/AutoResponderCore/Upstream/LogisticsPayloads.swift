import Foundation

/// Decoding of the logistics API's bodies into validated facts, for the adapter of ``LogisticsPort``.
public enum LogisticsPayloads {
    private struct Tracking: Decodable {
        let id: LenientString?
        let status: String?
        let deliveryForecast: String?
        let destinationZipCode: LenientString?

        enum CodingKeys: String, CodingKey {
            case id, status
            case deliveryForecast = "delivery_forecast"
            case destinationZipCode = "destination_zip_code"
        }
    }

    private struct ZipCodeBody: Decodable {
        let neighborhood: String?
        let zipCode: LenientString?
        let city: String?
        let complement: String?
        let street: String?
        let state: String?

        enum CodingKeys: String, CodingKey {
            case neighborhood, city, complement, street, state
            case zipCode = "ZIP_code"
        }
    }

    /// Decodes a `/tracking` 2xx body asked for `saleID`.
    ///
    /// A destination zip code that is missing or invalid becomes `nil` (the reply then still gives
    /// status and forecast).
    /// - Throws: ``UpstreamError``: `invalidResponse` for a body without a valid `id` or a `status`,
    ///   `mismatchedData` if `id` is another sale.
    public static func tracking(_ body: Data, requested saleID: SaleID) throws(UpstreamError) -> TrackingInfo {
        let upstream = "logistics /tracking"
        let decoded: Tracking
        do {
            decoded = try JSONDecoder().decode(Tracking.self, from: body)
        } catch {
            throw UpstreamError(code: .invalidResponse, upstream: upstream, message: "undecodable body (\(error))")
        }
        guard let status = decoded.status?.trimmingCharacters(in: .whitespacesAndNewlines), !status.isEmpty else {
            throw UpstreamError(code: .invalidResponse, upstream: upstream, message: "no status for sale \(saleID)")
        }
        let id: SaleID
        do {
            id = try SaleID(decoded.id?.value ?? "")
        } catch {
            throw UpstreamError(code: .invalidResponse, upstream: upstream, message: "\(error)")
        }
        guard id == saleID else {
            throw UpstreamError(
                code: .mismatchedData, upstream: upstream, message: "asked for sale \(saleID), got \(id)")
        }
        let forecast = decoded.deliveryForecast?.trimmingCharacters(in: .whitespacesAndNewlines)
        return TrackingInfo(
            saleID: id, status: status, deliveryForecast: forecast?.isEmpty == false ? forecast : nil,
            destinationZip: decoded.destinationZipCode.flatMap { try? ZipCode($0.value) })
    }

    /// Decodes a `/zip_code` 2xx body.
    /// - Throws: ``UpstreamError`` (`invalidResponse`) for a body that is not an object or has neither
    ///   a street nor a city; (`mismatchedData`) if its `ZIP_code` is valid but another zip code.
    public static func address(_ body: Data, requested zip: ZipCode) throws(UpstreamError) -> Address {
        let upstream = "logistics /zip_code"
        let decoded: ZipCodeBody
        do {
            decoded = try JSONDecoder().decode(ZipCodeBody.self, from: body)
        } catch {
            throw UpstreamError(code: .invalidResponse, upstream: upstream, message: "undecodable body (\(error))")
        }
        func clean(_ value: String?) -> String { value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
        let address = Address(
            zip: decoded.zipCode.flatMap { try? ZipCode($0.value) }, street: clean(decoded.street),
            neighborhood: clean(decoded.neighborhood), city: clean(decoded.city), state: clean(decoded.state),
            complement: clean(decoded.complement))
        guard !address.street.isEmpty || !address.city.isEmpty else {
            throw UpstreamError(
                code: .invalidResponse, upstream: upstream, message: "no street nor city for zip code \(zip)")
        }
        if let answered = address.zip, answered != zip {
            throw UpstreamError(
                code: .mismatchedData, upstream: upstream, message: "asked for zip code \(zip), got \(answered)")
        }
        return address
    }
}
