import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The fields of a posted form (`application/x-www-form-urlencoded`, at most
/// ``ConsoleContext/maxUploadSize`` bytes and ``maximumFields`` fields; the first value of a repeated name).
struct Form: Sendable {
    /// Most fields read.
    static let maximumFields = 32
    private let fields: [String: String]

    /// The form of `request` (empty when the body is not a form or is too large).
    static func read(_ request: Request, context: ConsoleContext) async -> Form {
        guard let buffer = try? await request.body.collect(upTo: context.maxUploadSize) else { return Form(fields: [:]) }
        return Form(encoded: String(buffer: buffer))
    }

    /// Parses `a=1&b=two+words`.
    init(encoded: String) {
        var fields: [String: String] = [:]
        for pair in encoded.split(separator: "&").prefix(Self.maximumFields) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), fields[name] == nil else { continue }
            fields[name] = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
        }
        self.fields = fields
    }

    private init(fields: [String: String]) { self.fields = fields }

    /// The field `name`, if posted.
    subscript(name: String) -> String? { fields[name] }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

/// Cross-site request forgery defences for every state-changing request (POST only: GET never
/// changes anything): the session's token in the form, compared in constant time, and, when the
/// browser says where the request comes from (`Origin`, `Sec-Fetch-Site`), this same site.
enum CSRF {
    /// Whether `request` may change state for `session`.
    static func allows(_ request: Request, form: Form, session: Session) -> Bool {
        session.acceptsCSRF(form["csrf"]) && isSameOrigin(request)
    }

    /// False when the browser says the request comes from another site.
    static func isSameOrigin(_ request: Request) -> Bool {
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!]?.lowercased(),
            site == "cross-site" || site == "same-site"
        {
            return false
        }
        guard let origin = request.headers[.origin] else { return true }
        guard let host = request.head.authority, origin != "null" else { return false }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }
}
