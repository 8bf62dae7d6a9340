import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The console's responses: HTML pages, redirects, static files, and the headers every answer carries.
enum Responses {
    /// A page.
    static func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    /// `303 See Other` to `location` (a path of the console).
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// A static asset, cached for an hour.
    static func asset(_ text: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// Headers for every answer: a strict Content-Security-Policy (scripts and styles from this
    /// origin only, no frames, forms post only here), no sniffing, no referrer to other sites (links
    /// hold conversation ids; `same-origin` rather than `no-referrer`, under which browsers post forms
    /// with `Origin: null`), not cacheable (pages hold conversations).
    static func secure(_ headers: inout HTTPFields, isAsset: Bool) {
        headers[.contentSecurityPolicy] =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        headers[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
        if !isAsset { headers[.cacheControl] = "no-store" }
    }
}

/// Paths and links of the console, with their variable parts percent-encoded.
enum Paths {
    /// `/conversations/ID`.
    static func conversation(_ id: String) -> String { "/conversations/" + escape(id) }
    /// `/search?q=TEXT`.
    static func search(_ text: String) -> String { "/search?q=" + escape(text) }

    /// Percent-encodes everything but unreserved characters.
    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// A path to go back to after a form, or `fallback`: only a path of this console (`/…`, not `//…`,
    /// no backslash or control character), so that a form cannot send anyone elsewhere.
    static func local(_ candidate: String?, fallback: String = "/") -> String {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), candidate.count <= 512,
            !candidate.unicodeScalars.contains(where: { $0 == "\\" || $0.value < 0x20 || $0.value == 0x7f })
        else { return fallback }
        return candidate
    }

    private static let unreserved = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}
