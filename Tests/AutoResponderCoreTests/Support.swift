import Foundation
import Testing

@testable import AutoResponderCore

/// Where the repository's `config/` folder is.
let configDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Support.swift
    .deletingLastPathComponent()  // AutoResponderCoreTests
    .deletingLastPathComponent()  // Tests
    .appendingPathComponent("config")

/// The repository's routing configuration.
func loadRouting() throws -> RoutingConfiguration {
    try RoutingConfiguration.load(contentsOf: configDirectory.appendingPathComponent("routing.yaml"))
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
