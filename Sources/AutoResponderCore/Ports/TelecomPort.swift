/// The telecom API (`/chip_status`).
///
/// Implemented over HTTP by the service (``TelecomPayloads`` decodes the bodies); by fakes in tests.
/// A 404 (or other "unknown id" 4xx) answers `nil`; failures throw ``UpstreamError``.
public protocol TelecomPort: Sendable {
    /// The status of a chip at the operator, or `nil` if the operator does not know it.
    func chipStatus(of chip: ChipID) async throws -> ChipStatus?
}
