import AutoResponderCore
import PostgreSQL

extension UpstreamError {
    /// The business database failed: the domain sees it as an upstream that may work later.
    static func database(_ error: any Error, doing what: String) -> UpstreamError {
        if let error = error as? UpstreamError { return error }
        if let error = error as? PostgresError {
            return UpstreamError(
                code: error.code == .timeout ? .timeout : .unavailable, upstream: "database",
                message: "\(what): \(error)", isRetryable: true)
        }
        return UpstreamError(code: .unavailable, upstream: "database", message: "\(what): \(error)")
    }
}
