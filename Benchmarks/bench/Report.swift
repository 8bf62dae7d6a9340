import Foundation

/// Prints the table: a header, one row per case as it completes, and the notes.
struct Report: Sendable {
    let options: BenchOptions

    private static let columns: [(title: String, width: Int)] = [
        ("case", 52), ("count", 9), ("elapsed s", 10), ("ops/s", 11), ("CPU us/op", 10),
        ("CPU %", 7), ("server us/op", 13), ("load1", 6),
    ]

    /// Prints what ran where, and the column titles.
    func printHeader() {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        emit("# bench \(Date()) | \(cores) cores | load average \(loadAverages()) | duration \(options.duration) s,"
            + " warm-up \(options.warmup) s")
        emit(Self.row(Self.columns.map(\.title)))
        emit(Self.row(Self.columns.map { String(repeating: "-", count: $0.width) }))
    }

    /// Prints one row.
    func add(_ sample: Sample) {
        let count = Double(max(sample.count, 1))
        let cells = [
            sample.name,
            "\(sample.count)",
            String(format: "%.2f", sample.elapsed.seconds),
            String(format: "%.0f", sample.rate),
            String(format: "%.1f", sample.cpu.seconds * 1e6 / count),
            String(format: "%.0f", sample.cpu.seconds / sample.elapsed.seconds * 100),
            sample.serverCPU.map { String(format: "%.1f", $0.seconds * 1e6 / count) } ?? "-",
            sample.load ?? "-",
        ]
        emit(Self.row(cells))
    }

    /// Prints the notes that say what the columns mean.
    func printFooter() {
        emit("# load average at the end: \(loadAverages())")
        emit("# CPU us/op: this process's user+sys CPU (getrusage, all threads) per operation; CPU %: of one core.")
        emit("# server us/op: RabbitMQ's or PostgreSQL's process tree (/proc), when its pid was given;"
            + " the HTTP server runs inside this process, so its CPU is in CPU us/op.")
        emit("# AMQP: persistent \(options.messageBytes)-byte messages to a fresh durable classic queue, deleted after.")
    }

    private static func row(_ cells: [String]) -> String {
        zip(cells, columns).enumerated().map { index, pair in
            let (cell, column) = pair
            let padding = String(repeating: " ", count: max(0, column.width - cell.count))
            return index == 0 ? cell + padding : padding + cell
        }.joined(separator: " ")
    }

    /// Writes straight to standard output (unbuffered), so rows show as cases finish.
    private func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

/// Writes a progress line to standard error (the table goes to standard output).
func progress(_ message: String) {
    FileHandle.standardError.write(Data("bench: \(message)\n".utf8))
}
