import Logging

/// What every group of cases needs: the options, the table to add rows to, and a logger.
struct BenchContext: Sendable {
    /// The command-line options.
    let options: BenchOptions
    /// The table.
    let report: Report
    /// Warnings and errors of the wrappers, to standard error.
    let logger: Logger

    /// Sets up a run and prints the table's header.
    static func start(_ options: BenchOptions) -> BenchContext {
        LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let context = BenchContext(options: options, report: Report(options: options), logger: logger)
        context.report.printHeader()
        return context
    }

    /// Prints the table's notes.
    func finish() {
        report.printFooter()
    }
}
