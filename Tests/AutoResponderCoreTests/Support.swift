import Foundation
import Testing

@testable import AutoResponderCore

/// Where the repository's `config/` folder is.
let configDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Support.swift
    .deletingLastPathComponent()  // AutoResponderCoreTests
    .deletingLastPathComponent()  // Tests
    .appendingPathComponent("config")

/// The repository's routing configuration (with its normalization table and training corpus).
func loadRouting() throws -> RoutingConfiguration {
    try RoutingConfiguration.load(contentsOf: configDirectory.appendingPathComponent("routing.yaml"))
}

/// One router over the repository's configuration, shared by the tests (it trains its second opinion
/// at init: building one per test would only repeat that).
func repositoryRouter() throws -> Router {
    try SharedRouter.router.get()
}

private enum SharedRouter {
    static let router = Result { () throws -> Router in Router(configuration: try loadRouting()) }
}

/// A part of the repository's routing corpus (`tuning.tsv`, `heldout.tsv`).
func loadCorpus(_ name: String) throws -> [RoutingExample] {
    try RoutingCorpus.load(contentsOf: configDirectory.appendingPathComponent("routing-corpus/\(name)")).examples
}

/// The repository's language configuration.
func loadLanguages() throws -> LanguageConfiguration {
    try LanguageConfiguration.load(contentsOf: configDirectory.appendingPathComponent("language.yaml"))
}

/// A date from an ISO 8601 string with offset, e.g. `2021-12-22T01:00:00-03:00`.
func instant(_ text: String) -> Date {
    guard let date = try? Date(text, strategy: .iso8601) else {
        Issue.record("bad test date \(text)")
        return Date(timeIntervalSince1970: 0)
    }
    return date
}

let saoPaulo = TimeZone(identifier: "America/Sao_Paulo")!
