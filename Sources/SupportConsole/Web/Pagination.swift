/// One page of a listing: which page was asked for, bounded to the pages that exist.
///
/// `page` comes from the query string and is never trusted: not a number, below 1 → the first page;
/// past the last → the last; and never deeper than ``maximumOffset`` rows.
struct Pagination: Equatable {
    /// Rows per page.
    let size: Int
    /// The page shown, from 1.
    let number: Int
    /// Pages in all (at least 1).
    let count: Int

    /// The deepest row a listing starts from.
    static let maximumOffset = 10_000

    init(requested: String?, total: Int, size: Int) {
        self.size = max(1, size)
        let reachable = min(max(0, total), Self.maximumOffset + self.size)
        count = max(1, (reachable + self.size - 1) / self.size)
        let asked = requested.flatMap { Int($0.prefix(12)) } ?? 1
        number = min(max(1, asked), count)
    }

    /// Rows skipped before this page.
    var offset: Int { (number - 1) * size }

    /// The template's view: links to the previous and next pages of `path` (`?page=N` added to its query).
    func links(_ path: String) -> PagerModel {
        let join = path.contains("?") ? "&" : "?"
        return PagerModel(
            number: number, count: count, several: count > 1,
            previous: number > 1 ? "\(path)\(join)page=\(number - 1)" : nil,
            next: number < count ? "\(path)\(join)page=\(number + 1)" : nil)
    }
}

/// Previous / next links for the `pager` template.
struct PagerModel {
    let number: Int
    let count: Int
    let several: Bool
    let previous: String?
    let next: String?
}
