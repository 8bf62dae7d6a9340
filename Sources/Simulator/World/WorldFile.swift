import Foundation

/// Reading and writing a world as one JSON file, `world.json`, in a world directory.
///
/// The encoding is deterministic (sorted keys, pretty-printed), so the same world always gives
/// the same bytes.
public enum WorldFile {
    /// The file name inside a world directory.
    public static let fileName = "world.json"

    /// The JSON bytes of a world.
    public static func encode(_ world: World) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(world)
        data.append(0x0A)
        return data
    }

    /// A world from its JSON bytes.
    public static func decode(_ data: Data) throws -> World {
        do {
            return try JSONDecoder().decode(World.self, from: data)
        } catch {
            throw WorldError(.invalidData, "not a world.json: \(error)")
        }
    }

    /// Reads `world.json` from a world directory, or a JSON file given directly.
    public static func read(from location: URL) throws -> World {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: location.path, isDirectory: &isDirectory)
        let file = isDirectory.boolValue ? location.appendingPathComponent(fileName) : location
        guard exists, let data = FileManager.default.contents(atPath: file.path) else {
            throw WorldError(.io, "cannot read \(file.path): give a world directory holding \(fileName), or the file itself")
        }
        return try decode(data)
    }

    /// Writes `world.json` into `directory` (created if missing).
    public static func write(_ world: World, to directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try encode(world).write(to: directory.appendingPathComponent(fileName), options: .atomic)
        } catch let error as WorldError {
            throw error
        } catch {
            throw WorldError(.io, "cannot write \(fileName) into \(directory.path): \(error)")
        }
    }
}
