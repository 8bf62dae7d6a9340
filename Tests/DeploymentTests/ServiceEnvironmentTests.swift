import AutoResponderService
import Foundation
import Testing
import TestSupport

/// ``ServiceEnvironment`` lists exactly the variables the service's code reads.
@Suite struct ServiceEnvironmentTests {
    /// Names read in Sources/AutoResponderService: `env.string("NAME"`, `env.integer(\n "NAME"`, ...,
    /// and `environment["NAME"]`.
    static func variablesReadByTheCode() throws -> Set<String> {
        let folder = TestEnvironment.repositoryRoot.appendingPathComponent("Sources/AutoResponderService")
        let reads = try NSRegularExpression(pattern: #"(?:\benv\.[a-zA-Z]+\(\s*|environment\[)"([A-Z][A-Z0-9_]*)""#)
        var names: Set<String> = []
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in reads.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { names.insert(String(text[range])) }
            }
        }
        return names
    }

    @Test func theListIsWhatTheCodeReads() throws {
        let read = try Self.variablesReadByTheCode()
        let listed = ServiceEnvironment.names
        #expect(read.subtracting(listed).isEmpty, "read but not in ServiceEnvironment.variables: \(read.subtracting(listed).sorted())")
        #expect(listed.subtracting(read).isEmpty, "listed but never read: \(listed.subtracting(read).sorted())")
        #expect(ServiceEnvironment.variables.count == listed.count, "a variable is listed twice")
    }

    @Test func theREADMEDocumentsEveryVariable() throws {
        let readme = try String(
            contentsOf: TestEnvironment.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let undocumented = ServiceEnvironment.names.filter { !readme.contains("`\($0)`") }
        #expect(undocumented.isEmpty, "not in the README's configuration table: \(undocumented.sorted())")
    }

    @Test func secretsAreMarked() {
        let secrets = Set(ServiceEnvironment.variables.filter(\.isSecret).map(\.name))
        #expect(secrets == ["AMQP_URL", "DATABASE_URL", "API_TOKEN", "EVENTS_SECRET"])
        #expect(ServiceEnvironment.variable(named: "API_TOKEN")?.need == .required)
    }
}
