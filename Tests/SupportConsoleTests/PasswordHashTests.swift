import Digest
import Testing

@testable import SupportConsole

/// SHA-256, HMAC-SHA-256 and PBKDF2 against the standards' test vectors; password hashes and
/// credentials as `CONSOLE_USERS` and `CONSOLE_TOKEN` give them.
@Suite struct PasswordHashTests {
    static func hex(_ bytes: [UInt8]) -> String { Hex.encode(bytes) }

    @Test func sha256MatchesTheStandardVectors() {
        #expect(Self.hex(SHA256.hash("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.hex(SHA256.hash("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            Self.hex(SHA256.hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            Self.hex(SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1000)))
                == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func hmacAndPBKDF2MatchTheirRFCs() {
        // RFC 4231, test case 2.
        #expect(
            Self.hex(PBKDF2.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        // PBKDF2-HMAC-SHA-256 vectors (RFC 7914 §11 and the common RFC 6070-style set).
        let password = Array("password".utf8)
        let salt = Array("salt".utf8)
        #expect(
            Self.hex(PBKDF2.derive(password: password, salt: salt, iterations: 1))
                == "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b")
        #expect(
            Self.hex(PBKDF2.derive(password: password, salt: salt, iterations: 2))
                == "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43")
        #expect(
            Self.hex(PBKDF2.derive(password: Array("passwd".utf8), salt: salt, iterations: 1, byteCount: 64))
                == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")
    }

    @Test func hashesParseAndCheckPasswords() throws {
        let sha = try PasswordHash(parsing: "sha256:" + Self.hex(SHA256.hash("secret".utf8)), variable: "X")
        #expect(sha.matches("secret"))
        #expect(!sha.matches("Secret"))
        let bare = try PasswordHash(parsing: Self.hex(SHA256.hash("secret".utf8)), variable: "X")
        #expect(bare == sha)
        let made = PasswordHash.make(password: "correct horse", iterations: 50)
        let parsed = try PasswordHash(parsing: made.encoded, variable: "X")
        #expect(parsed == made)
        #expect(parsed.matches("correct horse"))
        #expect(!parsed.matches("correct horse "))
        #expect(PasswordHash.make(password: "a", iterations: 5) != PasswordHash.make(password: "a", iterations: 5), "salted")
    }

    @Test func malformedHashesAreRefusedWithoutRepeatingThem() {
        for text in ["plain-password", "sha256:abc", "pbkdf2-sha256:0:00:00", "pbkdf2-sha256:10:zz:" + String(repeating: "0", count: 64)] {
            #expect(throws: ConsoleConfigurationError.self) { try PasswordHash(parsing: text, variable: "CONSOLE_USERS") }
            do {
                _ = try PasswordHash(parsing: text, variable: "CONSOLE_USERS")
            } catch {
                #expect(!error.description.contains(text), "the message must not repeat the value")
            }
        }
    }

    @Test func credentialsComeFromUsersAndToken() throws {
        let alice = "alice:sha256:" + Self.hex(SHA256.hash("wonderland".utf8))
        let bob = "bob:" + PasswordHash.make(password: "builder", iterations: 20).encoded
        let credentials = try Credentials(users: "\(alice), \(bob)", token: "a-long-enough-shared-token")
        #expect(credentials.verify(user: "alice", password: "wonderland"))
        #expect(credentials.verify(user: "bob", password: "builder"))
        #expect(!credentials.verify(user: "alice", password: "builder"))
        #expect(!credentials.verify(user: "carol", password: "wonderland"))
        #expect(credentials.verify(token: "a-long-enough-shared-token"))
        #expect(!credentials.verify(token: "a-long-enough-shared-tokeN"))

        let hashedToken = try Credentials(users: nil, token: "sha256:" + Self.hex(SHA256.hash("another-shared-token".utf8)))
        #expect(hashedToken.verify(token: "another-shared-token"))
        #expect(!hashedToken.acceptsPasswords)

        #expect(throws: ConsoleConfigurationError.self) { try Credentials(users: nil, token: nil) }
        #expect(throws: ConsoleConfigurationError.self) { try Credentials(users: nil, token: "short") }
        #expect(throws: ConsoleConfigurationError.self) { try Credentials(users: "no-hash", token: nil) }
        #expect(throws: ConsoleConfigurationError.self) { try Credentials(users: "bad name:" + String(repeating: "0", count: 64), token: nil) }
    }

    @Test func comparisonsAreConstantTimeShaped() {
        #expect(constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2]))
    }
}
