import Foundation
import TestSupport
import Testing
import World

/// The `apisim` and `worldgen` executables, as built next to the tests.
@Suite struct ExecutableTests {
    /// The folder of the built products (`.build/debug`).
    static var productsDirectory: URL {
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
            TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("apisim").path) }
            ?? candidates[2]
    }

    @Test func worldgenWritesTheSameWorldAsTheLibrary() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("worldgen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = Self.productsDirectory.appendingPathComponent("worldgen")
        process.arguments = ["generate", "--seed", "5", "--merchants", "50", "--out", directory.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let expected = try WorldGenerator.generate(.init(seed: 5, merchants: 50))
        #expect(try Data(contentsOf: directory.appendingPathComponent("world.json")) == WorldFile.encode(expected))
        for (file, text) in WorldCSV.contents(of: expected) {
            #expect(try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8) == text)
        }
    }

    @Test func apisimTakesItsKnobsFromTheEnvironmentAndStopsOnSIGTERM() async throws {
        let process = Process()
        process.executableURL = Self.productsDirectory.appendingPathComponent("apisim")
        process.arguments = ["--port", "0", "--world", TestEnvironment.repositoryRoot.appendingPathComponent("db/worlds/original").path]
        process.environment = ["API_TOKEN": testToken, "APISIM_ERROR_SHARE": "1", "APISIM_FAULT_ENDPOINTS": "tracking",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // The log line "apisim listening ... url=http://127.0.0.1:PORT" tells the port.
        var log = ""
        var base: URL?
        while base == nil {
            let chunk = errors.fileHandleForReading.availableData
            #expect(!chunk.isEmpty, "apisim exited before listening: \(log)")
            if chunk.isEmpty { return }
            log += String(decoding: chunk, as: UTF8.self)
            if let range = log.range(of: #"url=http://127\.0\.0\.1:\d+"#, options: .regularExpression) {
                base = URL(string: String(log[range].dropFirst(4)))
            }
        }
        let url = try #require(base)
        #expect(try await post(url, "tracking", #"{"id_sale": "123456"}"#).status == 500)
        #expect(try await post(url, "chip_status", #"{"chip_id": "CHIP37648"}"#).status == 200)
        #expect(try await post(url, "chip_status", #"{"chip_id": "CHIP37648"}"#, token: "wrong").status == 401)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
    }
}
