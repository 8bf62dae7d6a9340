import ArgumentParser

/// `bench`: micro-benchmarks of the AMQP, PostgreSQL and HTTP wrappers, printed as a table, and the
/// end-to-end benchmark of the whole system (`bench e2e`, `make bench-e2e`).
///
/// Figures are reported, never asserted. Each subcommand runs one group of cases; `all` (the
/// default) runs every group and prints one table.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Micro-benchmarks of the AMQP, PostgreSQL and HTTP wrappers (figures, not assertions).",
        discussion: """
            Each row: operations completed, elapsed wall time, operations per second, CPU time of this \
            process per operation (getrusage user+sys, all threads), and CPU time of the server's \
            process tree per operation when its pid is given (RabbitMQ or PostgreSQL; /proc).
            Build in release: swift build -c release --product bench.
            """,
        subcommands: [All.self, AMQPPublish.self, AMQPConsume.self, Postgres.self, HTTPCases.self, E2E.self, E2EReport.self],
        defaultSubcommand: All.self)
}

extension Bench {
    /// Runs every case.
    struct All: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run every case (the default).")

        @OptionGroup var options: BenchOptions

        func run() async throws {
            let context = BenchContext.start(options)
            try await AMQPPublishCases(context: context).run()
            try await AMQPConsumeCases(context: context).run()
            try await PostgresCases(context: context).run()
            try await HTTPBenchCases(context: context).run()
            context.finish()
        }
    }

    /// AMQP publish with confirms.
    struct AMQPPublish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "amqp-publish",
            abstract: "AMQP publish with confirms: one at a time, batched, and from concurrent tasks.")

        @OptionGroup var options: BenchOptions

        func run() async throws {
            let context = BenchContext.start(options)
            try await AMQPPublishCases(context: context).run()
            context.finish()
        }
    }

    /// AMQP consume and ack.
    struct AMQPConsume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "amqp-consume",
            abstract: "AMQP consume + ack of a pre-filled queue (--count messages) at two prefetch counts.")

        @OptionGroup var options: BenchOptions

        func run() async throws {
            let context = BenchContext.start(options)
            try await AMQPConsumeCases(context: context).run()
            context.finish()
        }
    }

    /// PostgreSQL parameterised queries.
    struct Postgres: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "postgres", abstract: "PostgreSQL `select $1::int` with 1 task / pool 1 and 64 tasks / pool 8.")

        @OptionGroup var options: BenchOptions

        func run() async throws {
            let context = BenchContext.start(options)
            try await PostgresCases(context: context).run()
            context.finish()
        }
    }

    /// HTTP POST of JSON to an in-process server.
    struct HTTPCases: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "http",
            abstract: "HTTP postJSON to an in-process Hummingbird echo server, 1 and 64 in flight.")

        @OptionGroup var options: BenchOptions

        func run() async throws {
            let context = BenchContext.start(options)
            try await HTTPBenchCases(context: context).run()
            context.finish()
        }
    }
}
