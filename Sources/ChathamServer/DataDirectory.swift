import ChathamCrypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The operator's data directory: the database and the key files, all private to the server's user.
///
/// ```
/// DIR/                        0700
///   chatham.sqlite            0600 (and its -wal, -shm)
///   keys/                     0700
///     sealing-<keyid>.key     0600  X25519 secret key, with the day it was made
///     signing.key             0600  Ed25519 secret key (the current one)
///     signing-<keyid>.pub     0644  public halves of retired signing keys, for audits
///     credential-<epoch>.pem  0600  RSA-2048 blind-signing key of one epoch
/// ```
///
/// With a passphrase every secret file is encrypted (Argon2id + XSalsa20-Poly1305, see
/// `PassphraseBox`); without one they are plain and protected by their mode only.
public struct DataDirectory: Sendable {
    public let url: URL
    /// Encrypts new key files and opens encrypted ones.
    public let passphrase: String?

    public init(path: String, passphrase: String? = nil) {
        url = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        self.passphrase = passphrase
    }

    public var databasePath: String { url.appendingPathComponent("chatham.sqlite").path }
    var keysURL: URL { url.appendingPathComponent("keys", isDirectory: true) }
    var signingKeyPath: String { keysURL.appendingPathComponent("signing.key").path }
    func sealingKeyPath(keyID: String) -> String { keysURL.appendingPathComponent("sealing-\(keyID).key").path }
    func credentialKeyPath(epoch: String) -> String { keysURL.appendingPathComponent("credential-\(epoch).pem").path }

    /// Whether `init` has been run here.
    public var isInitialised: Bool { FileManager.default.fileExists(atPath: signingKeyPath) }

    /// Creates the directory (0700) and its keys; refuses to touch an initialised directory.
    /// Returns the key id of the new sealing key.
    public func initialise(today: String) throws -> String {
        if isInitialised {
            throw ServerError("\(url.path) is initialised already", hint: "use another --data directory, or keep this one")
        }
        try Self.makePrivateDirectory(url)
        try Self.makePrivateDirectory(keysURL)
        let keyID = try addSealingKey(today: today)
        let signing = SigningSecretKey.generate()
        var ssk = signing.secret.copyBytes()
        defer { wipe(&ssk) }
        try writeKey(kind: .signing, ssk, created: today, to: signingKeyPath)
        return keyID
    }

    /// Makes a new sealing key dated `today`; returns its key id.
    public func addSealingKey(today: String) throws -> String {
        let sealing = BoxKeyPair.generate()
        var sk = sealing.secretKey.secret.copyBytes()
        defer { wipe(&sk) }
        try writeKey(kind: .sealing, sk, created: today, to: sealingKeyPath(keyID: sealing.publicKey.keyID))
        return sealing.publicKey.keyID
    }

    /// Replaces the signing key. The old public key is kept (signing-<id>.pub) so releases it
    /// signed still verify in audits; each release names the key that signed it.
    public func rotateSigningKey(today: String) throws -> SigningPublicKey {
        let old = try loadSigningKey()
        let oldPath = keysURL.appendingPathComponent("signing-\(Encoding.hex(old.publicKey.bytes.prefix(8))).pub").path
        try Encoding.base64(old.publicKey.bytes).write(toFile: oldPath, atomically: true, encoding: .utf8)
        let fresh = SigningSecretKey.generate()
        var ssk = fresh.secret.copyBytes()
        defer { wipe(&ssk) }
        let temp = signingKeyPath + ".new"
        try writeKey(kind: .signing, ssk, created: today, to: temp)
        guard rename(temp, signingKeyPath) == 0 else { throw ServerError("cannot replace \(signingKeyPath)") }
        return fresh.publicKey
    }

    /// Public keys of retired signing keys.
    func retiredSigningKeys() throws -> [SigningPublicKey] {
        try FileManager.default.contentsOfDirectory(atPath: keysURL.path)
            .filter { $0.hasPrefix("signing-") && $0.hasSuffix(".pub") }.sorted()
            .map { try SigningPublicKey(bytes: Encoding.fromBase64(
                String(contentsOfFile: keysURL.appendingPathComponent($0).path, encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines))) }
    }

    static func makePrivateDirectory(_ url: URL) throws {
        if mkdir(url.path, 0o700) != 0 && errno != EEXIST {
            throw ServerError("cannot create \(url.path): \(String(cString: strerror(errno)))")
        }
        chmod(url.path, 0o700)
    }

    /// Writes a secret file with O_EXCL and mode 0600: never over an existing file.
    static func writeSecret(_ text: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw ServerError("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var bytes = Array(text.utf8)
        defer { wipe(&bytes) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else { throw ServerError("cannot write \(path)") }
    }

    /// Reads a secret file, refusing one that group or others can read or write.
    static func readSecret(_ path: String) throws -> String {
        var st = stat()
        guard stat(path, &st) == 0 else { throw ServerError("cannot read \(path): \(String(cString: strerror(errno)))") }
        guard st.st_mode & 0o077 == 0 else {
            throw ServerError("\(path) is readable by others (mode \(String(st.st_mode & 0o777, radix: 8)))",
                              hint: "run: chmod 600 \(path)")
        }
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    func writeKey(kind: KeyFile.Kind, _ bytes: [UInt8], created: String, to path: String) throws {
        try Self.writeSecret(KeyFile.encode(kind: kind, bytes, created: created, passphrase: passphrase), to: path)
    }

    func readKey(kind: KeyFile.Kind, path: String) throws -> (bytes: [UInt8], created: String) {
        try KeyFile.decode(kind: kind, Self.readSecret(path), passphrase: passphrase, path: path)
    }

    /// Every sealing key pair with the day it was made, oldest first.
    func loadSealingKeys() throws -> [(pair: BoxKeyPair, created: String)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: keysURL.path)
            .filter { $0.hasPrefix("sealing-") && $0.hasSuffix(".key") }.sorted()
        return try names.map { name in
            var (sk, created) = try readKey(kind: .sealing, path: keysURL.appendingPathComponent(name).path)
            defer { wipe(&sk) }
            return (try BoxKeyPair(secretKey: BoxSecretKey(bytes: sk)), created)
        }.sorted { ($0.created, $0.pair.publicKey.keyID) < ($1.created, $1.pair.publicKey.keyID) }
    }

    func loadSigningKey() throws -> SigningSecretKey {
        var (sk, _) = try readKey(kind: .signing, path: signingKeyPath)
        defer { wipe(&sk) }
        return try SigningSecretKey(bytes: sk)
    }

    /// The credential key of `epoch`, if it has been made.
    func loadCredentialKey(epoch: String) throws -> CredentialIssuerKey? {
        let path = credentialKeyPath(epoch: epoch)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let text = try Self.readSecret(path)
        if text.hasPrefix(KeyFile.encryptedPrefix) {
            var (pem, _) = try KeyFile.decode(kind: .credential, text, passphrase: passphrase, path: path)
            defer { wipe(&pem) }
            return try CredentialIssuerKey(pemRepresentation: String(decoding: pem, as: UTF8.self))
        }
        return try CredentialIssuerKey(pemRepresentation: text)
    }

    func credentialKeyEpochs() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: keysURL.path)
            .filter { $0.hasPrefix("credential-") && $0.hasSuffix(".pem") }
            .map { String($0.dropFirst("credential-".count).dropLast(".pem".count)) }.sorted()
    }

    /// Makes and stores the credential key of `epoch`; if another process made it first, loads that one.
    func createCredentialKey(epoch: String) throws -> CredentialIssuerKey {
        let key = try CredentialIssuerKey.generate()
        do {
            if passphrase != nil {
                var pem = Array(key.pemRepresentation.utf8)
                defer { wipe(&pem) }
                try writeKey(kind: .credential, pem, created: epoch, to: credentialKeyPath(epoch: epoch))
            } else {
                try Self.writeSecret(key.pemRepresentation, to: credentialKeyPath(epoch: epoch))
            }
            return key
        } catch {
            if let existing = try loadCredentialKey(epoch: epoch) { return existing }
            throw error
        }
    }
}

/// The text form of a secret key file: a type prefix, so that a person can tell one key from
/// another (as age does), then base64; a second line says when the key was made. Encrypted files
/// carry `CHATHAM-ENCRYPTED-1:` before the type.
enum KeyFile {
    enum Kind: String {
        case sealing = "CHATHAM-SEALING-SECRET-KEY-1"
        case signing = "CHATHAM-SIGNING-SECRET-KEY-1"
        case credential = "CHATHAM-CREDENTIAL-SECRET-KEY-1"
    }

    static let encryptedPrefix = "CHATHAM-ENCRYPTED-1:"

    static func encode(kind: Kind, _ bytes: [UInt8], created: String, passphrase: String?) throws -> String {
        let body: String
        if let passphrase {
            body = encryptedPrefix + kind.rawValue + ":" + Encoding.base64(try PassphraseBox.seal(bytes, passphrase: passphrase, label: "chatham/v1/key-file/\(kind.rawValue)"))
        } else {
            body = kind.rawValue + ":" + Encoding.base64(bytes)
        }
        return body + "\ncreated: \(created)\n"
    }

    static func decode(kind: Kind, _ text: String, passphrase: String?, path: String) throws -> (bytes: [UInt8], created: String) {
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = lines.first else { throw ServerError("\(path) is empty") }
        let created = lines.first { $0.hasPrefix("created: ") }.map { String($0.dropFirst("created: ".count)) } ?? "2000-01-01"
        if first.hasPrefix(encryptedPrefix + kind.rawValue + ":") {
            guard let passphrase else {
                throw ServerError("\(path) is encrypted", hint: "give the passphrase with --passphrase-file FILE or CHATHAM_PASSPHRASE")
            }
            let blob = try Encoding.fromBase64(String(first.dropFirst(encryptedPrefix.count + kind.rawValue.count + 1)))
            do {
                return (try PassphraseBox.open(blob, passphrase: passphrase, label: "chatham/v1/key-file/\(kind.rawValue)"), created)
            } catch {
                throw ServerError("cannot open \(path): wrong passphrase or damaged file")
            }
        }
        guard first.hasPrefix(kind.rawValue + ":") else { throw ServerError("\(path) is not a \(kind.rawValue) file") }
        return (try Encoding.fromBase64(String(first.dropFirst(kind.rawValue.count + 1))), created)
    }
}
