import CCurl
import CShims

/// A failed `curl_easy_setopt`: which option and libcurl's code.
struct CurlOptionError: Error {
    let option: CURLoption
    let code: CURLcode

    var message: String {
        "libcurl refused option \(option.rawValue): \(String(cString: curl_easy_strerror(code)))"
    }
}

/// One libcurl easy handle and its error buffer, freed in deinit.
///
/// Used by one thread at a time: the engine's thread configures it, runs it in the multi handle,
/// and resets it for the next request.
final class CurlEasy {
    let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// A new handle; nil if libcurl ran out of memory.
    init?() {
        guard let handle = curl_easy_init() else { return nil }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Back to default options (connections stay in the multi handle's cache).
    func reset() { curl_easy_reset(handle) }

    /// Options every transfer needs whatever the request: no signals, an error buffer.
    func prepare() throws(CurlOptionError) {
        errorBuffer[0] = 0
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
    }

    /// libcurl's detailed message for the last failure, if it wrote one.
    var errorMessage: String? { errorBuffer[0] == 0 ? nil : String(cString: errorBuffer) }

    func set(_ option: CURLoption, _ value: Int) throws(CurlOptionError) {
        try check(option, cshim_curl_easy_setopt_long(handle, option, value))
    }

    func set(_ option: CURLoption, offset value: Int64) throws(CurlOptionError) {
        try check(option, cshim_curl_easy_setopt_off_t(handle, option, curl_off_t(value)))
    }

    /// libcurl copies strings (it keeps no pointer into `value`).
    func set(_ option: CURLoption, _ value: String) throws(CurlOptionError) {
        try check(option, value.withCString { cshim_curl_easy_setopt_string(handle, option, $0) })
    }

    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(CurlOptionError) {
        try check(option, cshim_curl_easy_setopt_pointer(handle, option, value))
    }

    /// The list must stay alive until the transfer ends.
    func set(_ option: CURLoption, list: CurlStringList?) throws(CurlOptionError) {
        try check(option, cshim_curl_easy_setopt_slist(handle, option, list?.pointer))
    }

    func set(_ option: CURLoption, callback: cshim_curl_data_callback) throws(CurlOptionError) {
        try check(option, cshim_curl_easy_setopt_data_callback(handle, option, callback))
    }

    /// Sends a copy of `bytes` as the body (CURLOPT_COPYPOSTFIELDS, size set first: binary-safe).
    func setBody(_ bytes: [UInt8]) throws(CurlOptionError) {
        try set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(bytes.count))
        // An empty array may have no storage, and libcurl needs a valid pointer all the same.
        let storage = bytes.isEmpty ? [0] : bytes
        let code = storage.withUnsafeBytes { buffer in
            cshim_curl_easy_setopt_pointer(
                handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress))
        }
        try check(CURLOPT_COPYPOSTFIELDS, code)
    }

    /// A `long` info (CURLINFO_RESPONSE_CODE, CURLINFO_NUM_CONNECTS); 0 if unavailable.
    func info(_ info: CURLINFO) -> Int {
        var value = 0
        return cshim_curl_easy_getinfo_long(handle, info, &value) == CURLE_OK ? value : 0
    }

    private func check(_ option: CURLoption, _ code: CURLcode) throws(CurlOptionError) {
        if code != CURLE_OK { throw CurlOptionError(option: option, code: code) }
    }
}
