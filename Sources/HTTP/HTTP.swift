import CCurl
import CShims

enum HTTPPlaceholder {
    static func version() -> String { String(cString: curl_version()) }
    static func set(_ h: OpaquePointer) -> CURLcode { cshim_curl_easy_setopt_long(UnsafeMutableRawPointer(h), CURLOPT_NOSIGNAL, 1) }
}
