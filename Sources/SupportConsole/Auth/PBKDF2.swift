/// HMAC-SHA-256 (RFC 2104) and PBKDF2-HMAC-SHA-256 (RFC 8018), over ``SHA256``.
public enum PBKDF2 {
    /// HMAC-SHA-256 of `message` under `key`.
    public static func hmac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        HMACKey(key).authenticate(message)
    }

    /// PBKDF2-HMAC-SHA-256 of `password` with `salt`, `iterations` rounds, `byteCount` bytes of output.
    public static func derive(password: [UInt8], salt: [UInt8], iterations: Int, byteCount: Int = SHA256.byteCount)
        -> [UInt8]
    {
        let key = HMACKey(password)
        var output: [UInt8] = []
        var blockIndex: UInt32 = 1
        while output.count < byteCount {
            let indexBytes = (0..<4).map { UInt8(truncatingIfNeeded: blockIndex >> UInt32(24 - 8 * $0)) }
            var u = key.authenticate(salt + indexBytes)
            var block = u
            for _ in 1..<max(1, iterations) {
                u = key.authenticate(u)
                for i in 0..<block.count { block[i] ^= u[i] }
            }
            output += block
            blockIndex += 1
        }
        return Array(output.prefix(byteCount))
    }
}

/// An HMAC-SHA-256 key with its inner and outer pad blocks already hashed (PBKDF2 reuses it).
struct HMACKey {
    private let inner: SHA256
    private let outer: SHA256

    init(_ key: [UInt8]) {
        var block = key.count > SHA256.blockSize ? SHA256.hash(key) : key
        block += [UInt8](repeating: 0, count: SHA256.blockSize - block.count)
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5c })
        self.inner = inner
        self.outer = outer
    }

    func authenticate(_ message: [UInt8]) -> [UInt8] {
        var inner = self.inner
        inner.update(message)
        var outer = self.outer
        outer.update(inner.finalize())
        return outer.finalize()
    }
}

/// Compares two byte strings in time that depends only on their lengths (never on where they differ).
public func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for i in 0..<a.count { difference |= a[i] ^ b[i] }
    return difference == 0
}
