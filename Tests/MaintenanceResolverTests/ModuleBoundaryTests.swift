import Foundation
import Testing

/// The maintenance resolver is built against the core's public API alone: the build proves it (its
/// target sees no other module of the project), and this guards it against a later change of
/// `Package.swift` or of its imports.
@Suite struct ModuleBoundaryTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func itsTargetDependsOnTheCoreAndSwiftLogOnly() throws {
        let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let line = try #require(
            manifest.split(separator: "\n").first { $0.contains(#".target(name: "MaintenanceResolver""#) })
        #expect(line.contains(#"dependencies: ["AutoResponderCore", logging]"#), "\(line)")
        #expect(line.contains(#"path: "Sources/Resolvers/Maintenance""#))
    }

    @Test func itsFilesImportNothingElse() throws {
        let folder = Self.root.appendingPathComponent("Sources/Resolvers/Maintenance")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(files.count >= 3)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let imports = text.split(separator: "\n").filter { $0.hasPrefix("import ") || $0.contains("@testable") }
                .map { $0.replacingOccurrences(of: "import ", with: "") }
            #expect(Set(imports).isSubset(of: ["AutoResponderCore", "Foundation", "Logging"]), "\(file): \(imports)")
        }
    }
}
