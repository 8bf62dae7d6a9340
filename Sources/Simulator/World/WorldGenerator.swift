import CivilTime
import Foundation

/// Generates a world deterministically from a seed and a size: the same parameters always give
/// the same world, byte for byte once encoded (``WorldFile``), on every platform.
///
/// Merchants get 1–3 sales (some none: they have no row in the database), a chip per sale, card
/// transactions over the last ``Parameters/days`` days (some near midnight, to catch a service that
/// counts days in UTC), one receipt per merchant-day (success, failed with a reason, rarer statuses;
/// some whose value does not match the previous business-zone day), tracking answers (some sales
/// have none), addresses (some zip codes unknown), chip statuses, and conversations with subjects
/// (the five labels, other phrasings, empty, wrong, unlisted) and client messages in English or
/// Brazilian Portuguese, each annotated with its truth.
public enum WorldGenerator {
    /// What to generate.
    public struct Parameters: Sendable, Hashable {
        /// The seed: the same seed gives the same world.
        public var seed: UInt64
        /// How many merchants.
        public var merchants: Int
        /// How many conversations (nil: as many as merchants).
        public var conversations: Int?
        /// "Now" in the world; every time in it is before this instant.
        public var referenceTime: Timestamp
        /// How many business-zone days of transactions, up to and including the reference day (2...30).
        public var days: Int
        /// The business zone.
        public var businessTimeZone: String

        /// The default reference time, fixed for determinism: 2021-12-22 15:30 in São Paulo.
        public static let defaultReferenceTime = Timestamp(parsing: "2021-12-22T15:30:00-03:00")!

        /// Parameters with defaults for everything but the seed and the size.
        public init(
            seed: UInt64, merchants: Int, conversations: Int? = nil, referenceTime: Timestamp = defaultReferenceTime,
            days: Int = 4, businessTimeZone: String = "America/Sao_Paulo"
        ) {
            self.seed = seed
            self.merchants = merchants
            self.conversations = conversations
            self.referenceTime = referenceTime
            self.days = days
            self.businessTimeZone = businessTimeZone
        }
    }

    /// The world for `parameters`.
    public static func generate(_ parameters: Parameters) throws -> World {
        guard parameters.merchants >= 1, parameters.merchants <= 5_000_000 else {
            throw WorldError(.invalidParameter, "merchants must be between 1 and 5,000,000 (got \(parameters.merchants))")
        }
        guard (2...30).contains(parameters.days) else {
            throw WorldError(.invalidParameter, "days must be between 2 and 30 (got \(parameters.days))")
        }
        let conversationCount = parameters.conversations ?? parameters.merchants
        guard conversationCount >= 0, conversationCount <= 5_000_000 else {
            throw WorldError(.invalidParameter, "conversations must be between 0 and 5,000,000")
        }
        guard let calendar = BusinessCalendar(identifier: parameters.businessTimeZone) else {
            throw WorldError(.invalidParameter, "unknown time zone \(parameters.businessTimeZone)")
        }
        let context = GenerationContext(parameters: parameters, calendar: calendar)
        let drafts = (0..<parameters.merchants).map { context.merchant(index: $0) }
        var (world, facts) = context.assemble(drafts)
        (world.warranties, world.serviceOrders) = context.maintenance(of: world.sales)
        world.conversations = context.conversations(count: conversationCount, merchants: facts)
        return world
    }
}

/// What every part of the generation shares.
struct GenerationContext {
    let parameters: WorldGenerator.Parameters
    let calendar: BusinessCalendar
    let referenceDay: CivilDate

    init(parameters: WorldGenerator.Parameters, calendar: BusinessCalendar) {
        self.parameters = parameters
        self.calendar = calendar
        self.referenceDay = calendar.day(of: parameters.referenceTime)
    }

    var reference: Timestamp { parameters.referenceTime.withOffset(in: calendar.zone) }

    /// The random stream of one part of the world (`kind` 1: merchants, 2: conversations).
    func random(_ kind: UInt64, _ index: Int) -> SeededRandom {
        SeededRandom(seed: parameters.seed, stream: kind, UInt64(index))
    }

    /// An instant `days` days and `seconds` seconds before the reference, in the business zone.
    func before(days: Int, seconds: Int = 0) -> Timestamp {
        Timestamp(unixSeconds: reference.unixSeconds - Int64(days) * 86_400 - Int64(seconds), in: calendar.zone)
    }
}
