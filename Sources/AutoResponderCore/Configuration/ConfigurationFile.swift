import Foundation
import Yams

/// Reading and decoding of the YAML configuration files, with errors that name the file.
enum ConfigurationFile {
    static func read(_ file: URL) throws(ConfigurationError) -> String {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw ConfigurationError(
                code: .fileNotFound, message: "cannot read \(file.path); check the configuration directory")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from yaml: String, source: String) throws(ConfigurationError) -> T {
        do {
            return try YAMLDecoder().decode(T.self, from: yaml)
        } catch {
            throw ConfigurationError(code: .invalidSyntax, message: "\(source) is not the documented shape: \(error)")
        }
    }
}
