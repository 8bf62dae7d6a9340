import ArgumentParser
import AutoResponderService
import Foundation

extension AutoResponderCtl {
    /// `autoresponderctl parked [list|release ID...|--all]`.
    struct Parked: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Conversations parked after failed attempts: list them, release them (answered again).",
            subcommands: [List.self, Release.self],
            defaultSubcommand: List.self)

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Parked conversations, oldest first.")

            @Option(help: "At most this many.")
            var limit = 100

            @OptionGroup var output: OutputOptions

            func run() async throws {
                let parked = try await withOperatorClient { try await $0.parkedConversations(limit: limit) }
                if output.json { return try printJSON(parked) }
                guard !parked.isEmpty else { return print("no parked conversations") }
                print("\("CONVERSATION".padded(14)) \("PARKED".padded(12)) \("ATTEMPTS".padded(9)) REASON")
                for conversation in parked {
                    print(
                        "\(conversation.conversationID.padded(14)) \(age(since: conversation.parkedAt).padded(12)) "
                            + "\(String(conversation.attempts).padded(9)) \(conversation.reason.prefix(100))")
                }
            }
        }

        struct Release: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Take conversations out of the park and publish a job for each (they are answered again).")

            @Argument(help: "Conversation ids.")
            var ids: [String] = []

            @Flag(help: "Release every parked conversation.")
            var all = false

            func validate() throws {
                guard all != !ids.isEmpty else { throw ValidationError("give conversation ids, or --all") }
            }

            func run() async throws {
                let released = try await withOperatorClient { try await $0.releaseParked(ids: ids) }
                print("released \(released.count) conversation(s)" + (released.isEmpty ? "" : ": \(released.joined(separator: ", "))"))
                if released.isEmpty && !all { throw ExitCode(1) }
            }
        }
    }
}
