import ArgumentParser
import AutoResponderService
import Foundation

extension AutoResponderCtl {
    /// `autoresponderctl handoffs [list|resolve ID]`.
    struct HandOffs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "handoffs",
            abstract: "Conversations handed to a person: list the open ones, mark one resolved.",
            subcommands: [List.self, Resolve.self],
            defaultSubcommand: List.self)

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Open hand-offs, oldest first.")

            @Option(help: "At most this many.")
            var limit = 100

            @OptionGroup var output: OutputOptions

            func run() async throws {
                let open = try await withOperatorClient { try await $0.openHandOffs(limit: limit) }
                if output.json { return try printJSON(open) }
                guard !open.isEmpty else { return print("no open hand-offs") }
                print("\("ID".padded(7)) \("CONVERSATION".padded(14)) \("MERCHANT".padded(10)) \("REASON".padded(22)) AGE")
                for handOff in open {
                    print(
                        "\(String(handOff.id).padded(7)) \(handOff.conversationID.padded(14)) "
                            + "\((handOff.merchantID ?? "-").padded(10)) \(handOff.reason.padded(22)) \(age(since: handOff.createdAt))")
                }
            }
        }

        struct Resolve: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Mark an open hand-off resolved.")

            @Argument(help: "The hand-off's id (first column of `handoffs`).")
            var id: Int

            @Option(help: "Who resolved it (default: $USER).")
            var by: String?

            func run() async throws {
                let person = by ?? ProcessInfo.processInfo.environment["USER"] ?? "operator"
                let resolved = try await withOperatorClient { try await $0.resolveHandOff(id: id, by: person) }
                guard resolved else {
                    print("no open hand-off has id \(id)")
                    throw ExitCode(1)
                }
                print("hand-off \(id) resolved by \(person)")
            }
        }
    }
}
