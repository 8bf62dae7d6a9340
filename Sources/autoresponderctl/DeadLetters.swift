import ArgumentParser
import AutoResponderService
import Foundation

extension AutoResponderCtl {
    /// `autoresponderctl dead-letters [list|show ID|replay ID...|--all|purge]`.
    struct DeadLetters: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dead-letters",
            abstract: "Jobs of parked conversations and messages the broker dead-lettered: list, show, replay, purge.",
            subcommands: [List.self, Show.self, Replay.self, Purge.self],
            defaultSubcommand: List.self)

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Dead letters, oldest first (they stay in the queue).")

            @Option(help: "At most this many.")
            var limit = 100

            @OptionGroup var output: OutputOptions

            func run() async throws {
                let letters = try await withOperatorClient { try await $0.deadLetters(limit: limit) }
                if output.json { return try printJSON(letters) }
                guard !letters.isEmpty else { return print("no dead letters") }
                print("\("ID".padded(38)) \("CONVERSATION".padded(14)) \("ATTEMPTS".padded(9)) REASON")
                for letter in letters {
                    print(
                        "\(letter.id.padded(38)) \((letter.conversationID ?? "-").padded(14)) "
                            + "\((letter.attempts.map(String.init) ?? "-").padded(9)) \(letter.reason.prefix(100))")
                }
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "One dead letter in full.")

            @Argument(help: "Its id (first column of `dead-letters`).")
            var id: String

            func run() async throws {
                let letters = try await withOperatorClient { try await $0.deadLetters(limit: OperatorClient.deadLetterReadLimit) }
                guard let letter = letters.first(where: { $0.id == id }) else {
                    print("no dead letter has id \(id)")
                    throw ExitCode(1)
                }
                try printJSON(letter)
            }
        }

        struct Replay: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Put dead letters back to work: un-park their conversations, publish their jobs again, remove them.")

            @Argument(help: "Ids of the dead letters to replay.")
            var ids: [String] = []

            @Flag(help: "Replay every dead letter.")
            var all = false

            func validate() throws {
                guard all != !ids.isEmpty else { throw ValidationError("give dead-letter ids, or --all") }
            }

            func run() async throws {
                let replayed = try await withOperatorClient { try await $0.replayDeadLetters(ids: Set(ids)) }
                print("replayed \(replayed.count) dead letter(s)" + (replayed.isEmpty ? "" : ": conversations \(replayed.joined(separator: ", "))"))
                if replayed.isEmpty && !all { throw ExitCode(1) }
            }
        }

        struct Purge: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Delete every dead letter (parked conversations stay parked).")

            @Flag(help: "Confirm: the dead letters are deleted.")
            var yes = false

            func run() async throws {
                guard yes else {
                    print("this deletes every dead letter; run again with --yes")
                    throw ExitCode(1)
                }
                let purged = try await withOperatorClient { try await $0.purgeDeadLetters() }
                print("purged \(purged) dead letter(s)")
            }
        }
    }
}
