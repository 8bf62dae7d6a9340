import CivilTime
/// A merchant before ids are numbered.
struct MerchantDraft {
    enum Kind { case ghost, new, established }

    struct SaleDraft {
        var status: String
        var description: String
        var createdAt: Timestamp
        var hasChip: Bool
        /// nil: the telecom API does not know the chip.
        var chip: (status: String, description: String)?
        /// nil: the logistics API does not know the sale.
        var tracking: (status: String, forecast: CivilDate)?
        var isLate: Bool
    }

    let id: String
    let kind: Kind
    var sales: [SaleDraft] = []
    var address: Address
    var addressKnown: Bool
    var transactions: [(Timestamp, Money)] = []
    var receipts: [Receipt] = []
}

extension GenerationContext {
    /// Merchant `index`, from its own random stream.
    func merchant(index: Int) -> MerchantDraft {
        var random = random(1, index)
        let id = String(1_000_000 + index)
        let kind = random.weighted([(MerchantDraft.Kind.ghost, 4), (.new, 10), (.established, 86)])
        var draft = MerchantDraft(
            id: id, kind: kind, address: address(&random), addressKnown: random.chance(0.88))
        switch kind {
        case .ghost:
            break
        case .new:
            for _ in 0..<random.weighted([(1, 75), (2, 25)]) {
                let status = random.weighted([
                    (Vocabulary.inProgress, 75), (Vocabulary.cancelled, 10), (random.pick(Vocabulary.beforeShipping), 15),
                ])
                draft.sales.append(sale(status, &random))
            }
        case .established:
            draft.sales.append(sale(Vocabulary.done, &random))
            for _ in 0..<random.weighted([(0, 60), (1, 30), (2, 10)]) {
                let rare = random.chance(0.5) ? random.pick(Vocabulary.beforeShipping) : random.pick(Vocabulary.failedDelivery)
                let status = random.weighted([
                    (Vocabulary.inProgress, 45), (Vocabulary.done, 25), (Vocabulary.cancelled, 15), (rare, 15),
                ])
                draft.sales.append(sale(status, &random))
            }
            draft.sales.sort { $0.createdAt < $1.createdAt }
            draft.transactions = transactions(&random)
            if !random.chance(0.03) {
                draft.receipts = receipts(merchantId: id, transactions: draft.transactions, &random)
            }
        }
        return draft
    }

    private func sale(_ kind: Vocabulary.SaleStatus, _ random: inout SeededRandom) -> MerchantDraft.SaleDraft {
        let createdAt = before(days: random.int(in: kind.ageDays), seconds: random.below(86_400))
        let createdDay = calendar.day(of: createdAt)
        var sale = MerchantDraft.SaleDraft(
            status: kind.status, description: random.pick(kind.descriptions), createdAt: createdAt, hasChip: true,
            chip: nil, tracking: nil, isLate: false)
        let notDelivered: (status: String, description: String)? = ("inactive", Vocabulary.notActivated)
        switch kind.status {
        case "done":
            let choices: [((status: String, description: String)?, Int)] = [
                (("active", "OK"), 65), (("without connection", random.pick(Vocabulary.withoutConnectionReasons)), 25),
                (("inactive", random.pick(Vocabulary.inactiveReasons)), 7), (nil, 3),
            ]
            sale.chip = random.weighted(choices)
            sale.tracking = ("Delivered", createdDay.adding(days: random.int(in: 3...10)))
        case "in progress":
            sale.chip = random.chance(0.95) ? notDelivered : nil
            if random.chance(0.94) {
                sale.isLate = random.chance(0.4)
                let forecast = sale.isLate
                    ? referenceDay.adding(days: -random.int(in: 1...10)) : referenceDay.adding(days: random.int(in: 1...12))
                sale.tracking = (random.pick(Vocabulary.trackingInProgress), forecast)
            }
        case "cancelled":
            sale.hasChip = random.chance(0.6)
            sale.chip = ("inactive", "cancelled with the sale")
            if random.chance(0.5) { sale.tracking = ("Delivery cancelled", createdDay.adding(days: 5)) }
        case "returned", "lost":
            sale.chip = ("inactive", "blocked: the machine did not reach the merchant")
            sale.tracking = (
                kind.status == "lost" ? "Lost in transit" : "Returned to sender", createdDay.adding(days: random.int(in: 5...9))
            )
        default:  // before shipping
            sale.chip = notDelivered
            if random.chance(0.5) {
                sale.tracking = ("Order received: awaiting shipment", referenceDay.adding(days: random.int(in: 5...20)))
            }
        }
        return sale
    }

    private func address(_ random: inout SeededRandom) -> Address {
        let (city, state, prefixes) = random.pick(Vocabulary.cities)
        let digits = zeroPadded(random.int(in: prefixes), 5) + zeroPadded(random.below(1000), 3)
        return Address(
            neighborhood: random.pick(Vocabulary.neighborhoods), zipCode: Address.formatZip(digits), city: city,
            complement: random.chance(0.3) ? random.pick(Vocabulary.complements) : "",
            street: random.pick(Vocabulary.streets), state: state)
    }
}
