/// A conversation before its id is numbered (ids follow the order of the first message).
private struct ConversationDraft {
    let order: Int
    let firstAt: Int64
    let merchantId: String
    let subject: String
    let texts: [(String, Int64)]
    let truth: ConversationTruth
}

extension GenerationContext {
    /// `count` conversations about random merchants, ids in the order of their first message.
    func conversations(count: Int, merchants: [MerchantFacts]) -> [Conversation] {
        let drafts = (0..<count).map { conversation(order: $0, merchants: merchants) }
            .sorted { ($0.firstAt, $0.order) < ($1.firstAt, $1.order) }
        return drafts.enumerated().map { position, draft in
            let id = String(800_000 + position)
            let messages = draft.texts.enumerated().map { n, entry in
                Message(messageId: "\(id)-\(n)", text: entry.0, createdAt: String(entry.1))
            }
            return Conversation(
                conversationId: id, merchantId: draft.merchantId, subject: draft.subject, messages: messages,
                truth: draft.truth)
        }
    }

    private func conversation(order: Int, merchants: [MerchantFacts]) -> ConversationDraft {
        var random = random(2, order)
        let merchant = merchants[random.below(merchants.count)]
        let intent = random.weighted([
            (ConversationTruth.Intent.logistics, merchant.hasInProgress ? 50 : 12),
            (.telecom, merchant.chipIds.isEmpty ? 5 : 30), (.receipt, merchant.hasReceipts ? 30 : 5), (.unknown, 12),
        ])
        let language = random.chance(0.3) ? "pt-BR" : "en"
        var topic: String
        var body: String
        var note: String?
        switch intent {
        case .logistics:
            topic = merchant.hasLateDelivery
                ? random.weighted([(Vocabulary.lateDelivery, 60), (Vocabulary.deliveryForecast, 20), (Vocabulary.checkDeliveryAddress, 20)])
                : random.weighted([(Vocabulary.lateDelivery, 20), (Vocabulary.deliveryForecast, 45), (Vocabulary.checkDeliveryAddress, 35)])
            body = random.pick(Vocabulary.messages[topic]![language]!)
            if random.chance(0.03), let other = otherMerchant(of: merchant, in: merchants, &random, where: { !$0.saleIds.isEmpty }) {
                let sale = random.pick(other.saleIds)
                body = language == "en" ? "what is the status of my order \(sale)?" : "qual o status do meu pedido \(sale)?"
                note = "quotes sale \(sale) of merchant \(other.id), not the writer's"
            }
        case .telecom:
            topic = Vocabulary.connectionProblem
            body = random.pick(Vocabulary.messages[topic]![language]!)
            if random.chance(0.03), let other = otherMerchant(of: merchant, in: merchants, &random, where: { !$0.chipIds.isEmpty }) {
                let chip = random.pick(other.chipIds)
                body = language == "en" ? "my chip \(chip) has no connection, can you check it?"
                    : "meu chip \(chip) está sem conexão, podem verificar?"
                note = "quotes chip \(chip) of merchant \(other.id), not the writer's"
            }
        case .receipt:
            topic = Vocabulary.receiptProblem
            body = random.pick(Vocabulary.messages[topic]![language]!)
        case .unknown:
            let request = random.pick(Vocabulary.unknownRequests)
            topic = request.0
            body = language == "en" ? request.1 : request.2
        }
        let text = compose(
            greeting: random.pick(Vocabulary.greetings[language]!), body: body,
            closing: random.pick(Vocabulary.closings[language]!))
        let (subject, kind) = subject(intent: intent, topic: topic, &random)
        let firstAt = reference.unixSeconds - 60 - Int64(random.below(7_200))
        var texts: [(String, Int64)] = [(text, firstAt)]
        if random.chance(0.05) {
            texts = [(random.pick(Vocabulary.preambles[language]!), firstAt), (text, firstAt + Int64(random.int(in: 5...90)))]
        }
        let truth = ConversationTruth(
            intent: intent, topic: topic, language: language, subjectKind: kind,
            followUp: random.pick(Vocabulary.followUps[intent]![language]!), note: note)
        return ConversationDraft(
            order: order, firstAt: firstAt, merchantId: merchant.id, subject: subject, texts: texts, truth: truth)
    }

    /// Greeting + body + closing, without a second greeting or a missing full stop.
    private func compose(greeting: String, body: String, closing: String) -> String {
        let opensWithGreeting = ["hello", "hi", "good", "olá", "oi", "bom", "boa"].contains {
            body.lowercased().hasPrefix($0)
        }
        var text = (opensWithGreeting ? "" : greeting) + body
        if !closing.isEmpty, let last = text.last, !".!?".contains(last) { text += "." }
        return text + closing
    }

    private func subject(
        intent: ConversationTruth.Intent, topic: String, _ random: inout SeededRandom
    ) -> (String, ConversationTruth.SubjectKind) {
        let kind: ConversationTruth.SubjectKind = intent == .unknown
            ? random.weighted([(.unlisted, 60), (.empty, 20), (.wrong, 20)])
            : random.weighted([(.label, 70), (.phrasing, 12), (.empty, 8), (.wrong, 6), (.unlisted, 4)])
        switch kind {
        case .label: return (topic, kind)
        case .phrasing: return (random.pick(Vocabulary.phrasings[intent]!), kind)
        case .empty: return ("", kind)
        case .unlisted: return (random.pick(Vocabulary.unlisted), kind)
        case .wrong:
            var candidates = Vocabulary.allLabels.filter { $0 != topic }
            if intent == .logistics, random.chance(0.6) {
                candidates = Vocabulary.logisticsLabels.filter { $0 != topic }
            } else if intent == .logistics {
                candidates = [Vocabulary.connectionProblem, Vocabulary.receiptProblem]
            }
            return (random.pick(candidates), kind)
        }
    }

    private func otherMerchant(
        of merchant: MerchantFacts, in merchants: [MerchantFacts], _ random: inout SeededRandom,
        where suitable: (MerchantFacts) -> Bool
    ) -> MerchantFacts? {
        guard merchants.count > 1 else { return nil }
        for _ in 0..<20 {
            let other = merchants[random.below(merchants.count)]
            if other.index != merchant.index, suitable(other) { return other }
        }
        return nil
    }
}
