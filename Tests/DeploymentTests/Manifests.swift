import Foundation
import TestSupport
import Yams

/// The YAML documents of deploy/kubernetes, read with Yams.
struct Manifests {
    /// One YAML document and the file it came from (relative to deploy/kubernetes).
    struct Document {
        let file: String
        let object: [String: Any]

        var kind: String { object["kind"] as? String ?? "" }
        var name: String { (object["metadata"] as? [String: Any])?["name"] as? String ?? "" }
        /// The value at a dotted path of mapping keys (`spec.template.spec`).
        func value(_ path: String) -> Any? { Manifests.value(object, path) }
    }

    static let root = TestEnvironment.repositoryRoot.appendingPathComponent("deploy/kubernetes")

    /// Every `.yaml` file under deploy/kubernetes, relative paths, sorted.
    static func files() -> [String] {
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        let base = root.standardizedFileURL.path + "/"
        return (enumerator?.compactMap { $0 as? URL } ?? [])
            .filter { $0.pathExtension == "yaml" || $0.pathExtension == "yml" }
            .map { $0.standardizedFileURL.path.replacingOccurrences(of: base, with: "") }
            .sorted()
    }

    /// The documents of one file (throws if it does not parse or a document is not a mapping).
    static func documents(_ file: String) throws -> [Document] {
        let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
        var documents: [Document] = []
        for case let loaded in try Yams.load_all(yaml: text) {
            guard let object = loaded as? [String: Any] else {
                throw ManifestError("\(file): a document is not a mapping")
            }
            documents.append(Document(file: file, object: object))
        }
        return documents
    }

    /// The documents a kustomization directory builds on: its resources (files, or directories with
    /// their own kustomization, recursively) and its patches.
    static func tree(_ directory: String) throws -> (resources: [Document], patches: [Document]) {
        let kustomization = try documents("\(directory)/kustomization.yaml")[0].object
        var resources: [Document] = []
        var patches: [Document] = []
        for entry in kustomization["resources"] as? [String] ?? [] {
            let path = normalized("\(directory)/\(entry)")
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory) else {
                throw ManifestError("\(directory)/kustomization.yaml: resource \(entry) does not exist")
            }
            if isDirectory.boolValue {
                let inner = try tree(path)
                resources += inner.resources
                patches += inner.patches
            } else {
                resources += try documents(path)
            }
        }
        for patch in kustomization["patches"] as? [[String: Any]] ?? [] {
            guard let path = patch["path"] as? String else { continue }
            patches += try documents(normalized("\(directory)/\(path)"))
        }
        return (resources, patches)
    }

    static func value(_ object: Any, _ path: String) -> Any? {
        var current: Any? = object
        for key in path.split(separator: ".") {
            current = (current as? [String: Any])?[String(key)]
        }
        return current
    }

    /// `a/b/../c` → `a/c`.
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(part) }
        }
        return parts.joined(separator: "/")
    }
}

/// A manifest that does not hold together.
struct ManifestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
