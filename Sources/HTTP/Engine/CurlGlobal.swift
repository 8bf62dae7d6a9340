import CCurl

/// libcurl's process-wide initialisation, done once (swift_once makes the first use thread-safe).
enum CurlGlobal {
    /// Runs `curl_global_init` on first use; later uses do nothing.
    static func initialize() {
        precondition(initialized, "curl_global_init failed: libcurl cannot be used in this process")
    }

    private static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
}
