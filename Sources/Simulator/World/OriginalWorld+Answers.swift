extension OriginalWorld {
    /// `/tracking` answers: 123456 and 123458 are the README's known answers; the others are invented.
    static let tracking: [Tracking] = [
        Tracking(id: "123456", status: "On delivery route", deliveryForecast: "01/12/2021", destinationZipCode: "31160550"),
        Tracking(id: "123457", status: "Awaiting pickup by the carrier", deliveryForecast: "28/12/2021",
            destinationZipCode: "04538133"),
        Tracking(id: "123458", status: "In transit between distribution centers", deliveryForecast: "01/03/2022",
            destinationZipCode: "60811340"),
        Tracking(id: "34853", status: "Delivered", deliveryForecast: "08/02/2021", destinationZipCode: "20040002"),
        Tracking(id: "34854", status: "Delivered", deliveryForecast: "09/02/2021", destinationZipCode: "30130010"),
    ]

    /// `/zip_code` answers: 31160550 is the README's known answer; 60811340 stays unknown (404);
    /// the others are invented.
    static let addresses: [Address] = [
        Address(neighborhood: "Itaim Bibi", zipCode: "04538-133", city: "São Paulo", complement: "Sala 1203",
            street: "Avenida Brigadeiro Faria Lima", state: "SP"),
        Address(neighborhood: "Centro", zipCode: "20040-002", city: "Rio de Janeiro", complement: "",
            street: "Rua da Assembleia", state: "RJ"),
        Address(neighborhood: "Centro", zipCode: "30130-010", city: "Belo Horizonte", complement: "Loja 2",
            street: "Avenida Afonso Pena", state: "MG"),
        Address(neighborhood: "Palmares", zipCode: "31160-550", city: "Belo Horizonte", complement: "",
            street: "Rua Professor Patrocínio Filho", state: "MG"),
    ]

    /// `/chip_status` answers: CHIP37648 is the README's known answer; the others are invented.
    static let chips: [ChipStatus] = [
        ChipStatus(id: "CHIP37648", status: "active", description: "OK"),
        ChipStatus(id: "CHIP37649", status: "without connection",
            description: "no signal from the carrier's network in the machine's area"),
        ChipStatus(id: "CHIP37650", status: "inactive", description: "not activated yet: the machine has not been delivered"),
        ChipStatus(id: "CHIP37651", status: "inactive", description: "not activated yet: the machine has not been delivered"),
        ChipStatus(id: "CHIP37652", status: "active", description: "OK"),
    ]

    /// `/warranty` answers, invented: the two delivered machines, under warranty (12 months from the
    /// delivery); the sales in delivery are unknown to the maintenance API (404).
    static let warranties: [Warranty] = [
        Warranty(idSale: "34853", underWarranty: true, warrantyUntil: "2022-02-08"),
        Warranty(idSale: "34854", underWarranty: true, warrantyUntil: "2022-02-09"),
    ]

    /// Service orders at the start, invented: 34854's machine is being repaired.
    static let serviceOrders: [ServiceOrder] = [
        ServiceOrder(
            orderId: "SO-700000", idSale: "34854", status: "awaiting parts", openedAt: "2021-12-15",
            problem: "the screen does not turn on")
    ]

    /// What the original conversations really ask (the subjects of 754896 and 754897 are swapped).
    static let truths: [String: ConversationTruth] = [
        "754893": ConversationTruth(intent: .receipt, topic: "bank account receipt problem", language: "en",
            subjectKind: .label, followUp: "thanks, and when will the money be in my account?"),
        "754894": ConversationTruth(intent: .telecom, topic: "connection problem", language: "en",
            subjectKind: .label, followUp: "thanks. Is there anything I can do meanwhile to get it working?"),
        "754895": ConversationTruth(intent: .logistics, topic: "late delivery", language: "en",
            subjectKind: .label, followUp: "thanks, and when will it arrive?"),
        "754896": ConversationTruth(intent: .logistics, topic: "delivery forecast", language: "en",
            subjectKind: .wrong, followUp: "great, thanks. Can someone else sign for it?",
            note: "asks for the delivery date; labelled check delivery address"),
        "754897": ConversationTruth(intent: .logistics, topic: "check delivery address", language: "en",
            subjectKind: .wrong, followUp: "thanks! And when will it get there?",
            note: "asks for the delivery address; labelled delivery forecast"),
    ]

    /// Which answers are invented.
    static let notes: [String] = [
        "Known answers (docs/original-data.md): /tracking 123456 and 123458, /zip_code 31160550, /chip_status CHIP37648.",
        "Zip 60811340 (tracking of 123458) is unknown to /zip_code, as in the original API.",
        "Invented: /tracking of 123457, 34853 and 34854; /zip_code of 04538133, 20040002 and 30130010; /chip_status of CHIP37649..CHIP37652; the conversations' truth annotations and follow-up messages.",
        "Invented: the maintenance API's warranties of 34853 and 34854 and service order SO-700000 of 34854.",
    ]
}
