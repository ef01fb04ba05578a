import Crypto
import CryptoExtras
import Foundation

/// Labels for domain separation (`chatham/v1/<purpose>`).
public enum DomainLabel {
    public static let token = "chatham/v1/token"
    public static let sealingKey = "chatham/v1/sealing-key"
    public static let passphrase = "chatham/v1/passphrase"
}

/// What the server's signing key signs to vouch for a sealing key (`/v1/keys` "signature"):
/// "chatham/v1/sealing-key" 0 key_id 0 public key (base64) 0 created.
public func sealingKeyStatement(keyID: String, publicKey: String, created: String) -> [UInt8] {
    Array(DomainLabel.sealingKey.utf8) + [0] + Array(keyID.utf8) + [0] + Array(publicKey.utf8) + [0] + Array(created.utf8)
}

/// The server's per-epoch RSA-2048 blind-signing key (RFC 9474, RSABSSA-SHA384-PSS-Randomized).
public struct CredentialIssuerKey: Sendable {
    private let key: _RSA.BlindSigning.PrivateKey<SHA384>

    /// A fresh 2048-bit key.
    public static func generate() throws -> CredentialIssuerKey {
        do {
            return CredentialIssuerKey(key: try _RSA.BlindSigning.PrivateKey(keySize: .bits2048, parameters: .RSABSSA_SHA384_PSS_Randomized))
        } catch {
            throw CryptoError(.internalFailure, "could not generate a credential key")
        }
    }

    init(key: _RSA.BlindSigning.PrivateKey<SHA384>) { self.key = key }

    /// Loads a PKCS#8 or PKCS#1 PEM private key.
    public init(pemRepresentation: String) throws {
        do {
            key = try _RSA.BlindSigning.PrivateKey(pemRepresentation: pemRepresentation, parameters: .RSABSSA_SHA384_PSS_Randomized)
        } catch {
            throw CryptoError(.invalidKey, "not an RSA private key in PEM form")
        }
        guard key.keySizeInBits >= 2048 else { throw CryptoError(.invalidKey, "credential keys must have at least 2048 bits") }
    }

    /// PKCS#8 PEM of the private key, for the 0600 key file.
    public var pemRepresentation: String { key.pkcs8PEMRepresentation }

    /// DER SubjectPublicKeyInfo of the public key, as published in `/v1/keys`.
    public var publicKeyDER: [UInt8] { [UInt8](key.publicKey.derRepresentation) }

    /// RFC 9474 BlindSign. Throws `invalidCredential` for a message that is not a valid blinded
    /// message for this key (wrong length, out of range).
    public func blindSign(_ blindedMessage: [UInt8]) throws -> [UInt8] {
        guard blindedMessage.count == key.keySizeInBits / 8 else { throw CryptoError.invalidCredential }
        do {
            return [UInt8](try key.blindSignature(for: blindedMessage).rawRepresentation)
        } catch {
            throw CryptoError.invalidCredential
        }
    }
}

/// An epoch's credential verification key (DER SubjectPublicKeyInfo).
public struct CredentialPublicKey: Sendable {
    private let key: _RSA.Signing.PublicKey
    /// The DER bytes it was made from.
    public let derRepresentation: [UInt8]

    public init(derRepresentation: [UInt8]) throws {
        do {
            key = try _RSA.Signing.PublicKey(derRepresentation: derRepresentation)
        } catch {
            throw CryptoError(.invalidKey, "not an RSA public key in DER form")
        }
        guard key.keySizeInBits >= 2048 else { throw CryptoError(.invalidKey, "credential keys must have at least 2048 bits") }
        self.derRepresentation = derRepresentation
    }

    /// Verifies a finalised credential: RSASSA-PSS (SHA-384, MGF1-SHA-384, 48-byte salt) over
    /// SHA-384 of the prepared message. The prepared message is 32 random bytes of RFC 9474
    /// randomisation followed by the client's 32-byte message.
    public func isValid(preparedMessage: [UInt8], signature: [UInt8]) -> Bool {
        guard preparedMessage.count == Credential.preparedMessageLength else { return false }
        return isValidRSABSSASignature(signature, forPreparedMessage: preparedMessage)
    }

    /// RFC 9474 verification of any prepared message (the RFC's test vectors use longer ones).
    func isValidRSABSSASignature(_ signature: [UInt8], forPreparedMessage preparedMessage: [UInt8]) -> Bool {
        guard signature.count == key.keySizeInBits / 8 else { return false }
        return key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature),
                                    for: SHA384.hash(data: preparedMessage), padding: .PSS)
    }
}

/// A finalised membership credential for one epoch.
public struct Credential: Sendable, Hashable, Codable {
    /// Length of the client's random message.
    public static let messageLength = 32
    /// Length of the prepared message: 32 bytes of RFC 9474 randomisation plus the message.
    public static let preparedMessageLength = 64

    /// The epoch, `YYYY-Qn`.
    public let epoch: String
    /// The prepared message (base64 on the wire).
    public let message: [UInt8]
    /// The RSA signature over it (base64 on the wire).
    public let signature: [UInt8]

    public init(epoch: String, message: [UInt8], signature: [UInt8]) {
        self.epoch = epoch
        self.message = message
        self.signature = signature
    }

    /// The member's pseudonym for this epoch: lowercase hex of unkeyed BLAKE2b-256 of the prepared message.
    public var pseudonym: String { Encoding.hex(BLAKE2b.hash(message, outputLength: 32)) }

    enum CodingKeys: String, CodingKey { case epoch, message, signature }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        epoch = try c.decode(String.self, forKey: .epoch)
        message = try Encoding.fromBase64(try c.decode(String.self, forKey: .message))
        signature = try Encoding.fromBase64(try c.decode(String.self, forKey: .signature))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(epoch, forKey: .epoch)
        try c.encode(Encoding.base64(message), forKey: .message)
        try c.encode(Encoding.base64(signature), forKey: .signature)
    }
}

/// The client half of RFC 9474: prepare, blind, and later finalise.
///
/// swift-crypto's `PreparedMessage` cannot be built from bytes, so the randomised preparation is
/// done here (32 random bytes prepended to the message) and the result handed to the key's
/// identity preparation; padding and blinding are unchanged.
public struct CredentialRequest: Sendable {
    public let epoch: String
    /// Send this to `POST /v1/credentials`.
    public let blindedMessage: [UInt8]
    private let preparedMessage: [UInt8]
    private let inverse: _RSA.BlindSigning.BlindingInverse
    private let publicKey: _RSA.BlindSigning.PublicKey<SHA384>

    /// Makes a fresh message, prepares and blinds it with the epoch's public key (DER SPKI).
    public init(epoch: String, publicKeyDER: [UInt8]) throws {
        let pk: _RSA.BlindSigning.PublicKey<SHA384>
        do {
            pk = try _RSA.BlindSigning.PublicKey(derRepresentation: publicKeyDER, parameters: .RSABSSA_SHA384_PSS_Deterministic)
        } catch {
            throw CryptoError(.invalidKey, "not an RSA public key in DER form")
        }
        guard pk.keySizeInBits >= 2048 else { throw CryptoError(.invalidKey, "credential keys must have at least 2048 bits") }
        let prepared = randomBytes(count: 32) + randomBytes(count: Credential.messageLength)
        do {
            let result = try pk.blind(pk.prepare(prepared))
            self.blindedMessage = [UInt8](result.blindedMessage)
            self.inverse = result.inverse
        } catch {
            throw CryptoError(.internalFailure, "blinding failed")
        }
        self.epoch = epoch
        self.preparedMessage = prepared
        self.publicKey = pk
    }

    /// Unblinds the server's blind signature and checks the result.
    public func finalize(blindSignature: [UInt8]) throws -> Credential {
        do {
            let sig = try publicKey.finalize(_RSA.BlindSigning.BlindSignature(rawRepresentation: blindSignature),
                                             for: publicKey.prepare(preparedMessage), blindingInverse: inverse)
            return Credential(epoch: epoch, message: preparedMessage, signature: [UInt8](sig.rawRepresentation))
        } catch {
            throw CryptoError.invalidCredential
        }
    }
}

extension _RSA.BlindSigning.BlindingInverse: @retroactive @unchecked Sendable {}
