/// An HTTP request method (`POST`, `GET`, …); any token the server accepts can be built from its name.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The method's name as sent on the request line, e.g. `POST`.
    public let rawValue: String

    /// A method from its name as sent on the request line (upper case by convention).
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `GET`: no request body.
    public static let get = HTTPMethod(rawValue: "GET")
    /// `POST`: the method of every upstream API call.
    public static let post = HTTPMethod(rawValue: "POST")
    /// `PUT`.
    public static let put = HTTPMethod(rawValue: "PUT")
    /// `PATCH`.
    public static let patch = HTTPMethod(rawValue: "PATCH")
    /// `DELETE`.
    public static let delete = HTTPMethod(rawValue: "DELETE")
    /// `HEAD`: the response has no body.
    public static let head = HTTPMethod(rawValue: "HEAD")

    /// The method's name.
    public var description: String { rawValue }
}
