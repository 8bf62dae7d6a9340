/// HMAC-SHA-256 (RFC 2104) and PBKDF2-HMAC-SHA-256 (RFC 8018), over ``SHA256``. Written in Swift
/// (checked against the RFCs' test vectors) rather than pulling swift-crypto's BoringSSL build in for
/// a password check and a webhook signature.
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

/// Lower-case hexadecimal of bytes, and back.
public enum Hexadecimal {
    /// `bytes` as lower-case hex digits.
    public static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of hex digits (either case), or `nil` if `text` is not hex of even length.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }
}
