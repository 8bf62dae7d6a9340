/// What the logistics API's `/tracking` says of a sale.
public struct TrackingInfo: Hashable, Sendable {
    /// The sale the answer is about (`id`): must equal the sale asked for.
    public var saleID: SaleID
    /// `status`, as given (e.g. `On delivery route`).
    public var status: String
    /// `delivery_forecast`, as given (e.g. `01/12/2021`), if any.
    public var deliveryForecast: String?
    /// `destination_zip_code`, if present and valid.
    public var destinationZip: ZipCode?

    /// Creates tracking information.
    public init(saleID: SaleID, status: String, deliveryForecast: String?, destinationZip: ZipCode?) {
        self.saleID = saleID
        self.status = status
        self.deliveryForecast = deliveryForecast
        self.destinationZip = destinationZip
    }
}
