/// What the logistics API's `/zip_code` says of a zip code. Fields upstream left out are empty.
public struct Address: Hashable, Sendable {
    /// `ZIP_code`, if valid.
    public var zip: ZipCode?
    /// `street`.
    public var street: String
    /// `neighborhood`.
    public var neighborhood: String
    /// `city`.
    public var city: String
    /// `state` (e.g. `MG`).
    public var state: String
    /// `complement`.
    public var complement: String

    /// Creates an address.
    public init(
        zip: ZipCode?, street: String, neighborhood: String, city: String, state: String,
        complement: String = ""
    ) {
        self.zip = zip
        self.street = street
        self.neighborhood = neighborhood
        self.city = city
        self.state = state
        self.complement = complement
    }
}
