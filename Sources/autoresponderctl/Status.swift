import ArgumentParser
import AutoResponderService
import Foundation

extension AutoResponderCtl {
    /// `autoresponderctl status`.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue depths and consumers, active, waiting and parked conversations, replies in the last hour, open hand-offs.")

        @OptionGroup var output: OutputOptions

        func run() async throws {
            let status = try await withOperatorClient { try await $0.status() }
            if output.json { return try printJSON(status) }
            print("queues")
            for queue in status.queues {
                if let error = queue.error {
                    print("  \(queue.name.padded(36)) unavailable: \(error)")
                } else {
                    print("  \(queue.name.padded(36)) \(String(queue.messages ?? 0).padded(8, left: true)) messages  \(queue.consumers ?? 0) consumers")
                }
            }
            print("conversations")
            print("  active   \(status.activeConversations)")
            print("  waiting  \(status.waitingConversations)")
            print("  parked   \(status.parkedConversations)")
            if let oldest = status.oldestWaitingSince {
                print("  oldest unanswered client message: \(age(since: oldest)) ago (\(oldest.formatted(.iso8601)))")
            }
            print("replies in the last hour")
            if status.repliesLastHour.isEmpty { print("  none") }
            for (resolver, count) in status.repliesLastHour.sorted(by: { $0.key < $1.key }) {
                print("  \(resolver.padded(12)) \(count)")
            }
            print("open hand-offs  \(status.openHandOffs)")
        }
    }
}
