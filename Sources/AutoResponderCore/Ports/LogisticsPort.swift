/// The logistics API (`/tracking`, `/zip_code`).
///
/// Implemented over HTTP by the service (``LogisticsPayloads`` decodes the bodies); by fakes in tests.
/// A 404 (or other "unknown id" 4xx) answers `nil`; failures throw ``UpstreamError``.
public protocol LogisticsPort: Sendable {
    /// Tracking of a sale, or `nil` if the logistics API does not know it.
    func tracking(of sale: SaleID) async throws -> TrackingInfo?

    /// The address of a zip code, or `nil` if the logistics API does not know it.
    func address(of zip: ZipCode) async throws -> Address?
}
