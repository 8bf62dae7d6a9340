/// Where conversations handed to a person are recorded (a table of the service's own schema).
///
/// Called by the worker, not by resolvers. Recording the same hand-off twice (same conversation and
/// messages) should be idempotent.
public protocol HandOffRecorder: Sendable {
    /// Records a hand-off for a person to follow up.
    func record(_ handOff: HandOff) async throws
}
