import CCurl

/// A `curl_slist` (request header lines), freed in deinit. It must outlive the transfer using it.
final class CurlStringList {
    private(set) var pointer: UnsafeMutablePointer<curl_slist>?

    /// A list of copies of `lines`; nil if libcurl ran out of memory.
    init?(_ lines: [String]) {
        for line in lines {
            guard let appended = curl_slist_append(pointer, line) else { return nil }
            pointer = appended
        }
    }

    deinit { curl_slist_free_all(pointer) }
}
