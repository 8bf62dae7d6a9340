import ArgumentParser
import AutoResponderService
import Foundation
import SupportConsole

/// `console`: the support console, a web page for the people who take over what the service hands off.
@main
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "The support console: hand-offs, conversations and the robot's health, in a browser.",
        version: AutoResponderVersion.current,
        subcommands: [Serve.self, HashPassword.self],
        defaultSubcommand: Serve.self)

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the console (the default).",
            discussion: """
                Configured by the environment (see README.md): CONSOLE_PORT (8088), CONSOLE_HOST (127.0.0.1), \
                CONSOLE_USERS (name:hash, ...) and/or CONSOLE_TOKEN, CONSOLE_SECURE_COOKIES, CONSOLE_OPS_TARGETS, \
                and the service's DATABASE_URL, AMQP_URL, AMQP_PREFIX, CHATS_API_URL, API_TOKEN. Stops on SIGTERM or SIGINT.
                """)

        func run() async throws {
            do {
                try await ConsoleRunner.run()
            } catch is ConsoleConfigurationError {
                throw ExitCode(78)  // EX_CONFIG; the error is logged
            }
        }
    }

    struct HashPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hash-password",
            abstract: "Read a password from standard input and print its hash for CONSOLE_USERS.",
            discussion: "printf %s 'the password' | console hash-password   →   pbkdf2-sha256:<iterations>:<salt>:<hash>")

        @Option(help: "PBKDF2 iterations.")
        var iterations = PasswordHash.defaultIterations

        func run() throws {
            var password = readLine(strippingNewline: true) ?? ""
            if password.isEmpty { throw ValidationError("no password on standard input") }
            print(PasswordHash.make(password: password, iterations: max(1, iterations)).encoded)
            password = ""
        }
    }
}
