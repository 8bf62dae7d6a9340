import Foundation

/// One fact of a reply. Values stay typed until rendering, where the reply's language formats them
/// (money as Brazilian reals, dates in the business time zone).
public enum FactValue: Hashable, Sendable {
    /// Text, shown exactly as given (statuses and descriptions are quoted as upstream has them).
    case text(String)
    /// An amount of Brazilian reals.
    case money(Decimal)
    /// A calendar date (formatted in the business time zone, no time).
    case date(Date)
    /// An instant (formatted in the business time zone, date and time).
    case dateTime(Date)
    /// A count.
    case integer(Int)
    /// A condition, for template sections (`{{#mismatch}}…{{/mismatch}}`).
    case flag(Bool)
    /// Nested facts (`{{#address}}{{street}}{{/address}}`).
    case group(Facts)
    /// A list, iterated by a section (`{{#sales}}…{{/sales}}`).
    case list([Facts])

    /// The text, if this is ``text(_:)``.
    public var text: String? { if case .text(let value) = self { value } else { nil } }
    /// The amount, if this is ``money(_:)``.
    public var money: Decimal? { if case .money(let value) = self { value } else { nil } }
    /// The flag, if this is ``flag(_:)``.
    public var flag: Bool? { if case .flag(let value) = self { value } else { nil } }
    /// The count, if this is ``integer(_:)``.
    public var integer: Int? { if case .integer(let value) = self { value } else { nil } }
    /// The nested facts, if this is ``group(_:)``.
    public var group: Facts? { if case .group(let value) = self { value } else { nil } }
    /// The list, if this is ``list(_:)``.
    public var list: [Facts]? { if case .list(let value) = self { value } else { nil } }
}

extension FactValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral {
    /// A ``text(_:)`` literal.
    public init(stringLiteral value: String) { self = .text(value) }
    /// A ``flag(_:)`` literal.
    public init(booleanLiteral value: Bool) { self = .flag(value) }
    /// An ``integer(_:)`` literal.
    public init(integerLiteral value: Int) { self = .integer(value) }
}
