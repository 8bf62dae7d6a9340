import CLibPQ

enum PostgreSQLPlaceholder {
    static func version() -> Int32 { PQlibVersion() }
}
