import AutoResponderCore
import Foundation

extension PlannedReply {
    /// The most characters of ``factsDigest`` (a reply's facts are a few hundred; this bounds a list).
    static let factsDigestLimit = 4000

    /// The facts each resolver used, one line per part of the reply, for a person reading the ledger
    /// (the support console): `logistics → tracking: status="in transit"; sale={id="123456"}`; a
    /// hand-off part names its reason instead of a template.
    var factsDigest: String {
        let lines = parts.map { part -> String in
            let facts = part.resolution.facts.digest
            let head: String
            switch part.resolution {
            case .reply(let reply): head = "\(part.resolver) → \(reply.template)"
            case .handOff(let decision): head = "\(part.resolver) → hand-off (\(decision.reason))"
            }
            return facts.isEmpty ? head : "\(head): \(facts)"
        }
        let text = lines.joined(separator: "\n")
        return text.count > Self.factsDigestLimit ? String(text.prefix(Self.factsDigestLimit)) + "…" : text
    }
}

extension Facts {
    /// `name=value` pairs in name order, separated by `; `.
    var digest: String {
        values.keys.sorted().map { "\($0)=\(values[$0]!.digest)" }.joined(separator: "; ")
    }
}

extension FactValue {
    /// The value in a compact, unambiguous form (text quoted, dates ISO 8601, money as a decimal).
    var digest: String {
        switch self {
        case .text(let text): "\"\(text.prefix(200))\""
        case .money(let amount): "R$\(amount)"
        case .date(let date): String(date.formatted(.iso8601).prefix(10))
        case .dateTime(let date): date.formatted(.iso8601)
        case .integer(let count): "\(count)"
        case .flag(let flag): "\(flag)"
        case .group(let facts): "{\(facts.digest)}"
        case .list(let items): "[" + items.map { "{\($0.digest)}" }.joined(separator: ", ") + "]"
        }
    }
}
