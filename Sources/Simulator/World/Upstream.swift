/// The logistics API's answer to `POST /tracking` for one sale, in the API's own JSON shape.
public struct Tracking: Sendable, Hashable, Codable {
    /// The sale id (`id`).
    public var id: String
    /// Free text, e.g. `On delivery route`.
    public var status: String
    /// `DD/MM/YYYY`.
    public var deliveryForecast: String
    /// Eight digits, not always known to `/zip_code`.
    public var destinationZipCode: String

    /// A tracking answer.
    public init(id: String, status: String, deliveryForecast: String, destinationZipCode: String) {
        self.id = id
        self.status = status
        self.deliveryForecast = deliveryForecast
        self.destinationZipCode = destinationZipCode
    }

    enum CodingKeys: String, CodingKey {
        case id, status, deliveryForecast = "delivery_forecast", destinationZipCode = "destination_zip_code"
    }
}

/// The logistics API's answer to `POST /zip_code`, in the API's own JSON shape.
public struct Address: Sendable, Hashable, Codable {
    /// The neighbourhood (`neighborhood`).
    public var neighborhood: String
    /// Formatted `NNNNN-NNN` (`ZIP_code`).
    public var zipCode: String
    /// The city.
    public var city: String
    /// Apartment, block, ... often empty.
    public var complement: String
    /// The street.
    public var street: String
    /// The state's two letters.
    public var state: String

    /// An address.
    public init(neighborhood: String, zipCode: String, city: String, complement: String, street: String, state: String) {
        self.neighborhood = neighborhood
        self.zipCode = zipCode
        self.city = city
        self.complement = complement
        self.street = street
        self.state = state
    }

    /// The zip code's eight digits (the key `/zip_code` is asked with).
    public var zipDigits: String { zipCode.filter(\.isNumber) }

    /// `31160550` → `31160-550`.
    public static func formatZip(_ digits: String) -> String {
        guard digits.count == 8 else { return digits }
        return "\(digits.prefix(5))-\(digits.suffix(3))"
    }

    enum CodingKeys: String, CodingKey {
        case neighborhood, zipCode = "ZIP_code", city, complement, street, state
    }
}

/// The telecom API's answer to `POST /chip_status`, in the API's own JSON shape.
public struct ChipStatus: Sendable, Hashable, Codable {
    /// The chip id, e.g. `CHIP37648`.
    public var id: String
    /// `active`, `inactive` or `without connection`.
    public var status: String
    /// The reason (`OK` when active).
    public var description: String

    /// A chip status.
    public init(id: String, status: String, description: String) {
        self.id = id
        self.status = status
        self.description = description
    }
}
