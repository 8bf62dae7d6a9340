import PostgreSQL

/// `select $1::int` through ``PostgresClient/query(_:_:)``: one task on a pool of one connection,
/// and 64 tasks sharing a pool of 8.
struct PostgresCases {
    let context: BenchContext

    func run() async throws {
        let server = context.options.postgresServerPid.map(ProcessTreeCPU.init(pid:))
        for (tasks, poolSize) in [(1, 1), (64, 8)] {
            let configuration = try PostgresConfiguration(
                url: context.options.resolvedDatabaseURL, poolSize: poolSize, applicationName: "bench")
            let client = PostgresClient(configuration: configuration, logger: context.logger)
            progress("querying \(configuration) from \(tasks) tasks, pool \(poolSize)")
            do {
                let sample = try await timedCase(
                    "postgres select $1::int, \(tasks) task(s), pool \(poolSize)", options: context.options,
                    concurrency: tasks, server: server
                ) {
                    let value = Int.random(in: 0..<1_000_000)
                    let result = try await client.query("select $1::int", [value])
                    guard result.count == 1, try result[0].decode(Int.self, at: 0) == value else {
                        throw BenchError("select $1::int did not return the value it was given")
                    }
                    return 1
                }
                context.report.add(sample)
            } catch {
                await client.close()
                throw error
            }
            await client.close()
        }
    }
}

/// A benchmark that could not run as intended.
struct BenchError: Error, CustomStringConvertible {
    /// What went wrong.
    let description: String

    init(_ description: String) { self.description = description }
}
