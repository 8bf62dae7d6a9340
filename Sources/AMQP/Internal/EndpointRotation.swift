/// The order in which a publisher or consumer tries a cluster's nodes: the order of the
/// configuration, starting with the node it was last connected to — or, once that connection was
/// lost, with the node after it (the lost node is then tried last). A pure value: the connection
/// thread owns it.
struct EndpointRotation: Equatable {
    /// How many nodes there are (at least one).
    let count: Int
    /// The node tried first next time.
    private(set) var first = 0

    init(count: Int) {
        precondition(count > 0, "a configuration has at least one endpoint")
        self.count = count
    }

    /// Indices of the nodes, in the order to try them.
    var order: [Int] { (0..<count).map { (first + $0) % count } }

    /// A connection to node `index` was opened: try it first next time.
    mutating func connected(to index: Int) { first = index }

    /// The connection to the node tried first was lost: start with the next one.
    mutating func lost() { first = (first + 1) % count }
}
