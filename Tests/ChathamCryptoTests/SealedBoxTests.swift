import ChathamCrypto
import Foundation
import Testing

@Suite struct SealedBoxTests {
    @Test func roundTrip() throws {
        let keys = BoxKeyPair.generate()
        for size in [0, 1, 47, 48, 1000, 65536] {
            let message = randomBytes(count: size)
            let box = SealedBox.seal(message, to: keys.publicKey)
            #expect(box.count == size + SealedBox.overhead)
            #expect(try SealedBox.open(box, with: keys) == message)
        }
    }

    @Test func sealingIsRandomised() {
        let keys = BoxKeyPair.generate()
        let message = Array("same".utf8)
        #expect(SealedBox.seal(message, to: keys.publicKey) != SealedBox.seal(message, to: keys.publicKey))
    }

    @Test func rejectsEmptyTruncatedTamperedAndWrongKey() throws {
        let keys = BoxKeyPair.generate()
        let other = BoxKeyPair.generate()
        let box = SealedBox.seal(Array("an incident".utf8), to: keys.publicKey)
        var cases: [[UInt8]] = [[], Array(box.prefix(47)), Array(box.prefix(48)), Array(box.dropLast())]
        for i in [0, 31, 32, 47, box.count - 1] {
            var t = box
            t[i] ^= 0x01
            cases.append(t)
        }
        for bad in cases {
            #expect(throws: CryptoError.self) { try SealedBox.open(bad, with: keys) }
        }
        #expect(throws: CryptoError.self) { try SealedBox.open(box, with: other) }
        // Every failure reads the same: no hint of which check failed.
        var messages = Set<String>()
        for bad in cases + [box] {
            do { _ = try SealedBox.open(bad, with: bad == box ? other : keys) } catch { messages.insert("\(error)") }
        }
        #expect(messages.count == 1)
    }

    @Test func keyIDIsFirstEightBytesOfBlake2b() throws {
        let pk = try BoxPublicKey(bytes: Array(repeating: 7, count: 32))
        #expect(pk.keyID == Encoding.hex(BLAKE2b.hash(Array(repeating: 7, count: 32)).prefix(8)))
        #expect(pk.keyID.count == 16)
        #expect(throws: CryptoError.self) { try BoxPublicKey(bytes: [1, 2, 3]) }
    }

    @Test func keyPairRebuildsFromSecret() throws {
        let keys = BoxKeyPair.generate()
        let again = try BoxKeyPair(secretKey: BoxSecretKey(bytes: keys.secretKey.secret.copyBytes()))
        #expect(again.publicKey == keys.publicKey)
    }
}

@Suite struct SigningTests {
    @Test func signAndVerify() throws {
        let key = SigningSecretKey.generate()
        let message = Array("release".utf8)
        let sig = key.sign(message)
        #expect(sig.count == 64)
        #expect(key.publicKey.isValidSignature(sig, for: message))
        #expect(!key.publicKey.isValidSignature(sig, for: Array("releasf".utf8)))
        var bad = sig
        bad[10] ^= 0x80
        #expect(!key.publicKey.isValidSignature(bad, for: message))
        #expect(!key.publicKey.isValidSignature(Array(sig.prefix(63)), for: message))
        #expect(!SigningSecretKey.generate().publicKey.isValidSignature(sig, for: message))
    }

    @Test func seedIsDeterministicAndSecretKeyReloads() throws {
        let seed = [UInt8](repeating: 42, count: 32)
        let a = try SigningSecretKey(bytes: seed)
        let b = try SigningSecretKey(bytes: seed)
        #expect(a.publicKey == b.publicKey)
        let c = try SigningSecretKey(bytes: a.secret.copyBytes())
        #expect(c.publicKey == a.publicKey)
        #expect(c.sign([1, 2, 3]) == a.sign([1, 2, 3]))  // Ed25519 is deterministic
    }
}

@Suite struct EncodingTests {
    @Test func hexAndBase64() throws {
        #expect(Encoding.hex([0, 1, 0xab, 0xff]) == "0001abff")
        #expect(try Encoding.fromHex("0001ABff") == [0, 1, 0xab, 0xff])
        #expect(throws: CryptoError.self) { try Encoding.fromHex("abc") }
        #expect(throws: CryptoError.self) { try Encoding.fromHex("zz") }
        #expect(try Encoding.fromBase64("AAEC") == [0, 1, 2])
        #expect(throws: CryptoError.self) { try Encoding.fromBase64("AAE") }
        #expect(throws: CryptoError.self) { try Encoding.fromBase64("AA EC") }
        #expect(throws: CryptoError.self) { try Encoding.fromBase64("-_8=") }
        #expect(Encoding.base64URL([0xfb, 0xff]) == "-_8")
    }

    @Test func blake2bKnownAnswer() {
        // BLAKE2b-256 of the empty string (RFC 7693 family; widely published).
        #expect(Encoding.hex(BLAKE2b.hash([])) == "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8")
    }
}

@Suite struct CredentialTests {
    @Test func blindIssueFinaliseVerify() throws {
        let issuer = try CredentialIssuerKey.generate()
        let request = try CredentialRequest(epoch: "2026-Q4", publicKeyDER: issuer.publicKeyDER)
        #expect(request.blindedMessage.count == 256)
        let credential = try request.finalize(blindSignature: issuer.blindSign(request.blindedMessage))
        #expect(credential.message.count == 64)
        let verifier = try CredentialPublicKey(derRepresentation: issuer.publicKeyDER)
        #expect(verifier.isValid(preparedMessage: credential.message, signature: credential.signature))
        #expect(credential.pseudonym == Encoding.hex(BLAKE2b.hash(credential.message)))
        // The blinded message does not contain the prepared message: the issuer cannot link them.
        #expect(!request.blindedMessage.starts(with: credential.message.prefix(16)))
    }

    @Test func forgedOrOtherKeyCredentialsFail() throws {
        let issuer = try CredentialIssuerKey.generate()
        let other = try CredentialIssuerKey.generate()
        let request = try CredentialRequest(epoch: "2026-Q4", publicKeyDER: issuer.publicKeyDER)
        let credential = try request.finalize(blindSignature: issuer.blindSign(request.blindedMessage))
        let verifier = try CredentialPublicKey(derRepresentation: issuer.publicKeyDER)
        let otherVerifier = try CredentialPublicKey(derRepresentation: other.publicKeyDER)
        #expect(!otherVerifier.isValid(preparedMessage: credential.message, signature: credential.signature))
        #expect(!verifier.isValid(preparedMessage: credential.message, signature: randomBytes(count: 256)))
        var message = credential.message
        message[63] ^= 1
        #expect(!verifier.isValid(preparedMessage: message, signature: credential.signature))
        #expect(!verifier.isValid(preparedMessage: Array(credential.message.prefix(32)), signature: credential.signature))
        // A signature from another key does not finalise.
        #expect(throws: CryptoError.self) { try request.finalize(blindSignature: other.blindSign(request.blindedMessage)) }
        #expect(throws: CryptoError.self) { try issuer.blindSign([1, 2, 3]) }
    }

    @Test func issuerKeyReloadsFromPEM() throws {
        let issuer = try CredentialIssuerKey.generate()
        let again = try CredentialIssuerKey(pemRepresentation: issuer.pemRepresentation)
        #expect(again.publicKeyDER == issuer.publicKeyDER)
        #expect(throws: CryptoError.self) { try CredentialIssuerKey(pemRepresentation: "not a key") }
    }

    @Test func credentialJSONUsesBase64() throws {
        let c = Credential(epoch: "2026-Q4", message: [1, 2, 3], signature: [4, 5])
        let data = try JSONEncoder().encode(c)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"AQID\""))
        #expect(try JSONDecoder().decode(Credential.self, from: data) == c)
    }
}

@Suite struct PassphraseBoxTests {
    @Test func roundTripAndRefusals() throws {
        let secret = randomBytes(count: 64)
        let sealed = try PassphraseBox.seal(secret, passphrase: "correct horse")
        #expect(try PassphraseBox.open(sealed, passphrase: "correct horse") == secret)
        #expect(throws: CryptoError.self) { try PassphraseBox.open(sealed, passphrase: "wrong horse") }
        #expect(throws: CryptoError.self) { try PassphraseBox.open(sealed, passphrase: "correct horse", label: "chatham/v1/other") }
        var tampered = sealed
        tampered[tampered.count - 1] ^= 1
        #expect(throws: CryptoError.self) { try PassphraseBox.open(tampered, passphrase: "correct horse") }
        #expect(throws: CryptoError.self) { try PassphraseBox.open(Array(sealed.prefix(20)), passphrase: "correct horse") }
        #expect(try PassphraseBox.seal(secret, passphrase: "p") != PassphraseBox.seal(secret, passphrase: "p"))
    }
}
