/// The words the generator draws from: statuses, reasons, places and client messages.
enum Vocabulary {
    /// A status with the descriptions it comes with, and how many days ago such a sale is made.
    struct SaleStatus {
        let status: String
        let descriptions: [String]
        let ageDays: ClosedRange<Int>
    }

    static let inProgress = SaleStatus(
        status: "in progress",
        descriptions: ["in the delivery step", "awaiting shipment", "in separation at the warehouse", "handed to the carrier"],
        ageDays: 2...25)
    static let done = SaleStatus(status: "done", descriptions: ["delivered", "delivered and activated"], ageDays: 30...400)
    static let cancelled = SaleStatus(
        status: "cancelled",
        descriptions: ["cancelled at the merchant's request", "payment refused by the card issuer", "duplicate order",
            "address outside the delivery area"],
        ageDays: 5...90)
    /// Rare statuses before shipping.
    static let beforeShipping: [SaleStatus] = [
        SaleStatus(status: "approved", descriptions: ["payment approved, preparing the order"], ageDays: 1...4),
        SaleStatus(status: "awaiting payment", descriptions: ["boleto not paid yet", "waiting for the PIX payment"],
            ageDays: 1...6),
        SaleStatus(status: "on hold", descriptions: ["document check pending", "waiting for the merchant to confirm the address"],
            ageDays: 2...8),
    ]
    /// Rare statuses after a failed delivery.
    static let failedDelivery: [SaleStatus] = [
        SaleStatus(status: "returned", descriptions: ["returned by the carrier: nobody at the address",
            "returned by the carrier: address not found"], ageDays: 10...40),
        SaleStatus(status: "lost", descriptions: ["lost by the carrier; a new machine will be sent"], ageDays: 15...45),
    ]

    static let trackingInProgress = [
        "On delivery route", "In transit between distribution centers", "Awaiting pickup by the carrier",
        "Held at the distribution center", "Delivery attempt failed: nobody at the address", "Out for delivery",
    ]

    static let notActivated = "not activated yet: the machine has not been delivered"
    static let withoutConnectionReasons = [
        "no signal from the carrier's network in the machine's area", "carrier network outage in the region",
        "APN not configured on the chip", "data plan suspended by the carrier", "chip damaged: it must be replaced",
    ]
    static let inactiveReasons = [
        "blocked for lack of use", "blocked at the merchant's request", "data plan suspended: unpaid bill",
    ]

    static let receiptFailures = [
        "bank's API is unavailable", "invalid bank account", "bank account closed",
        "account holder's document does not match the merchant's", "transfer rejected by the bank",
    ]
    /// Rare receipt statuses with their descriptions.
    static let receiptRare: [(String, String)] = [
        ("pending", "waiting for the bank's confirmation"), ("processing", "transfer scheduled for today"),
        ("reversed", "transfer returned by the bank"), ("partially paid", "part of the amount withheld for a chargeback"),
    ]

    /// City, state, first five digits of its zip codes.
    static let cities: [(String, String, ClosedRange<Int>)] = [
        ("São Paulo", "SP", 1000...5999), ("Rio de Janeiro", "RJ", 20000...23799), ("Belo Horizonte", "MG", 30000...31999),
        ("Salvador", "BA", 40000...42499), ("Fortaleza", "CE", 60000...61599), ("Recife", "PE", 50000...52999),
        ("Curitiba", "PR", 80000...82999), ("Porto Alegre", "RS", 90000...91999), ("Brasília", "DF", 70000...72799),
        ("Manaus", "AM", 69000...69099), ("Goiânia", "GO", 74000...74899), ("Belém", "PA", 66000...66999),
        ("Campinas", "SP", 13000...13139), ("Florianópolis", "SC", 88000...88099), ("Natal", "RN", 59000...59139),
    ]
    static let streets = [
        "Rua das Flores", "Avenida Brasil", "Rua São João", "Rua XV de Novembro", "Avenida Getúlio Vargas",
        "Rua Sete de Setembro", "Rua Tiradentes", "Avenida Santos Dumont", "Rua Dom Pedro II", "Rua da Paz",
        "Travessa Boa Esperança", "Rua Marechal Deodoro", "Avenida Presidente Vargas", "Rua das Palmeiras",
        "Rua Professor Alves", "Alameda dos Anjos",
    ]
    static let neighborhoods = [
        "Centro", "Jardim América", "Vila Nova", "Boa Vista", "Santa Cecília", "Liberdade", "Bela Vista",
        "Jardim Botânico", "São Cristóvão", "Vila Mariana", "Aldeota", "Savassi", "Batel", "Moinhos de Vento",
    ]
    static let complements = ["Apto 101", "Apto 32", "Casa 2", "Sala 1203", "Bloco B", "Loja 4", "Fundos"]
}
