import CCurl
import CShims

/// The libcurl multi handle: every transfer of one ``HTTPClient`` and its connection cache.
final class CurlMulti: @unchecked Sendable {
    // Safe to share: other threads only call `wakeup()`, which libcurl documents as callable from
    // any thread; everything else is called on the engine's thread only. The handle is freed in
    // deinit, when no thread holds the object any more.
    let handle: UnsafeMutableRawPointer

    /// A new multi handle with the configuration's connection limits.
    init(configuration: HTTPClientConfiguration) {
        CurlGlobal.initialize()
        guard let handle = curl_multi_init() else { fatalError("curl_multi_init failed (out of memory)") }
        self.handle = handle
        _ = cshim_curl_multi_setopt_long(
            handle, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, configuration.maxConnectionsPerHost))
        _ = cshim_curl_multi_setopt_long(
            handle, CURLMOPT_MAX_TOTAL_CONNECTIONS, max(1, configuration.maxConnections))
        _ = cshim_curl_multi_setopt_long(handle, CURLMOPT_MAXCONNECTS, max(1, configuration.maxConnections))
    }

    deinit { curl_multi_cleanup(handle) }

    /// Interrupts a `curl_multi_poll` running on the engine's thread (or makes the next return at once).
    func wakeup() { _ = curl_multi_wakeup(handle) }
}
