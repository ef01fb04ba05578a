import ChathamCrypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The operator's data directory: the database and the key files, all private to the server's user.
///
/// ```
/// DIR/                      0700
///   chatham.sqlite          0600 (and its -wal, -shm)
///   keys/                   0700
///     sealing-<keyid>.key   0600  X25519 secret key
///     signing.key           0600  Ed25519 secret key
///     credential-<epoch>.pem 0600 RSA-2048 blind-signing key of one epoch
/// ```
public struct DataDirectory: Sendable {
    public let url: URL

    public init(path: String) {
        url = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
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
    public func initialise() throws -> String {
        if isInitialised {
            throw ServerError("\(url.path) is initialised already", hint: "use another --data directory, or keep this one")
        }
        try Self.makePrivateDirectory(url)
        try Self.makePrivateDirectory(keysURL)
        let sealing = BoxKeyPair.generate()
        var sk = sealing.secretKey.secret.copyBytes()
        defer { wipe(&sk) }
        try Self.writeSecret(KeyFile.encode(kind: .sealing, sk), to: sealingKeyPath(keyID: sealing.publicKey.keyID))
        let signing = SigningSecretKey.generate()
        var ssk = signing.secret.copyBytes()
        defer { wipe(&ssk) }
        try Self.writeSecret(KeyFile.encode(kind: .signing, ssk), to: signingKeyPath)
        return sealing.publicKey.keyID
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

    /// Every sealing key file's key pair.
    func loadSealingKeys() throws -> [BoxKeyPair] {
        let names = try FileManager.default.contentsOfDirectory(atPath: keysURL.path)
            .filter { $0.hasPrefix("sealing-") && $0.hasSuffix(".key") }.sorted()
        return try names.map { name in
            var sk = try KeyFile.decode(kind: .sealing, Self.readSecret(keysURL.appendingPathComponent(name).path))
            defer { wipe(&sk) }
            return try BoxKeyPair(secretKey: BoxSecretKey(bytes: sk))
        }
    }

    func loadSigningKey() throws -> SigningSecretKey {
        var sk = try KeyFile.decode(kind: .signing, Self.readSecret(signingKeyPath))
        defer { wipe(&sk) }
        return try SigningSecretKey(bytes: sk)
    }

    /// The credential key of `epoch`, if it has been made.
    func loadCredentialKey(epoch: String) throws -> CredentialIssuerKey? {
        let path = credentialKeyPath(epoch: epoch)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try CredentialIssuerKey(pemRepresentation: Self.readSecret(path))
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
            try Self.writeSecret(key.pemRepresentation, to: credentialKeyPath(epoch: epoch))
            return key
        } catch {
            if let existing = try loadCredentialKey(epoch: epoch) { return existing }
            throw error
        }
    }
}

/// The text form of a raw secret key file: a type prefix, so that a person can tell one key from
/// another (as age does), then base64.
enum KeyFile {
    enum Kind: String {
        case sealing = "CHATHAM-SEALING-SECRET-KEY-1"
        case signing = "CHATHAM-SIGNING-SECRET-KEY-1"
    }

    static func encode(kind: Kind, _ bytes: [UInt8]) -> String {
        "\(kind.rawValue):\(Encoding.base64(bytes))\n"
    }

    static func decode(kind: Kind, _ text: String) throws -> [UInt8] {
        let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard line.hasPrefix(kind.rawValue + ":") else { throw ServerError("not a \(kind.rawValue) file") }
        return try Encoding.fromBase64(String(line.dropFirst(kind.rawValue.count + 1)))
    }
}
