import ChathamCrypto
import ChathamModel
import Foundation

/// What became of one envelope sent to the server.
public enum Delivery: Sendable, Equatable {
    /// 202: committed.
    case accepted(receipt: String)
    /// 200: the report id was already stored; this is its receipt.
    case duplicate(receipt: String)
    /// Not acknowledged (network failure, 5xx, 429): the envelope stays in the outbox.
    case kept(ClientError)
    /// Refused for good (4xx): the envelope is removed; the error carries the server's code.
    case refused(ClientError)

    /// True for accepted and duplicate.
    public var delivered: Bool {
        switch self {
        case .accepted, .duplicate: true
        default: false
        }
    }
}

/// `chatham submit` and `chatham outbox flush`: credential → seal → outbox → send, with the
/// outbox as the record of what has not yet been acknowledged.
///
/// The envelope is written to the outbox before it is sent, and removed only on a 2xx or a
/// final 4xx, so a crash or a lost reply never loses a report and a resend never counts it
/// twice (the server deduplicates by report id).
public struct Submitter: Sendable {
    public let config: MemberConfig
    public let client: ServerClient
    public let credentials: CredentialStore
    public let outbox: Outbox

    public init(config: MemberConfig, home: ChathamHome) throws {
        self.config = config
        self.client = ServerClient(baseURL: try config.serverURL())
        self.credentials = CredentialStore(home: home)
        self.outbox = Outbox(home: home)
    }

    public init(config: MemberConfig, client: ServerClient, credentials: CredentialStore, outbox: Outbox) {
        self.config = config
        self.client = client
        self.credentials = credentials
        self.outbox = outbox
    }

    // MARK: - Credentials

    /// The stored credential for `epoch`, or a new one fetched, finalised and saved (0600)
    /// before it is returned.
    public func credential(for epoch: Epoch) async throws -> Credential {
        if let stored = try credentials.credential(for: epoch) { return stored }

        let keys = try await client.keys()
        guard let entry = keys.credentialKeys.first(where: { $0.epoch == epoch.description }) else {
            throw ClientError(.server, "the server offers no credential key for \(epoch)",
                              hint: "the server serves keys for the current and the previous quarter only")
        }
        guard let der = try? Encoding.fromBase64(entry.publicKey) else {
            throw ClientError(.untrustedServer, "the server's credential key for \(epoch) is not base64")
        }
        try credentials.pinCredentialKey(der, for: epoch)
        let request: CredentialRequest
        do {
            request = try CredentialRequest(epoch: epoch.description, publicKeyDER: der)
        } catch {
            throw ClientError(.untrustedServer, "the server's credential key for \(epoch) is not an RSA-2048 public key")
        }
        let blindSignature: [UInt8]
        do {
            blindSignature = try await client.requestCredential(epoch: epoch.description, blindedMessage: request.blindedMessage,
                                                                token: config.token)
        } catch let error as ClientError where error.serverCode == "already_issued" {
            throw ClientError(.credentialLost,
                              "the credential for \(epoch) was issued to this membership before and is not in \(credentials.home.credentialsDirectory.path)",
                              hint: "restore credentials/\(epoch).json from a backup of the machine that fetched it; a credential cannot be issued twice, so without it reports for \(epoch) cannot be sent")
        }
        let credential: Credential
        do {
            credential = try request.finalize(blindSignature: blindSignature)
        } catch {
            throw ClientError(.untrustedServer, "the server's blind signature for \(epoch) does not verify", hint: "tell your operator")
        }
        try credentials.save(credential)
        return credential
    }

    // MARK: - Sealing

    /// The exact envelope bytes for a checked report and its credential.
    public func envelope(for checked: CheckedReport, credential: Credential) throws -> [UInt8] {
        let plaintext = try Envelope.plaintext(credential: credential, reportJSON: checked.canonicalJSON)
        let bytes = Envelope.seal(plaintext, to: try config.sealingPublicKey())
        guard bytes.count <= Envelope.maxSize else {
            throw ClientError(.invalidReport, "the sealed report is \(bytes.count) bytes; the server takes at most \(Envelope.maxSize)",
                              hint: "shorten the narrative")
        }
        return bytes
    }

    /// What `submit --dry-run` reports: everything up to sealing, with nothing sent or written.
    public struct DryRun: Sendable, Equatable {
        /// Exact size of the envelope that would be sent.
        public var envelopeSize: Int
        /// Whether the epoch's credential is already stored (else it would be fetched).
        public var credentialStored: Bool
    }

    /// Checks that a report would fit and whether its credential is at hand, without fetching
    /// a credential (issuance is once per epoch and is recorded by the server), sealing for
    /// real or writing anything.
    public func dryRun(_ checked: CheckedReport) throws -> DryRun {
        _ = try config.sealingPublicKey()
        let stored = try credentials.credential(for: checked.epoch)
        // Credentials have fixed sizes (64-byte message, 256-byte signature), so a stand-in
        // gives the exact plaintext length.
        let standIn = stored ?? Credential(epoch: checked.epoch.description, message: [UInt8](repeating: 0, count: Credential.preparedMessageLength),
                                           signature: [UInt8](repeating: 0, count: 256))
        let size = Envelope.size(plaintextSize: try Envelope.plaintext(credential: standIn, reportJSON: checked.canonicalJSON).count)
        guard size <= Envelope.maxSize else {
            throw ClientError(.invalidReport, "the sealed report would be \(size) bytes; the server takes at most \(Envelope.maxSize)",
                              hint: "shorten the narrative")
        }
        return DryRun(envelopeSize: size, credentialStored: stored != nil)
    }

    /// Seals a checked report and puts it in the outbox; returns the report id.
    public func enqueue(_ checked: CheckedReport, source: String) async throws -> String {
        let credential = try await credential(for: checked.epoch)
        let bytes = try envelope(for: checked, credential: credential)
        let id = checked.report.id!
        try outbox.put(id: id, period: checked.report.period, source: source, envelope: bytes)
        return id
    }

    /// `submit` for one checked report: enqueue, then deliver.
    public func submit(_ checked: CheckedReport, source: String) async throws -> Delivery {
        let id = try await enqueue(checked, source: source)
        return await deliver(id: id)
    }

    // MARK: - Delivery

    /// Sends one outbox envelope and settles it: removed on 2xx and on a final 4xx, kept on a
    /// network failure, 5xx or 429.
    public func deliver(id: String) async -> Delivery {
        let bytes: [UInt8]
        do {
            bytes = try outbox.envelope(id: id)
        } catch let error as ClientError {
            return .kept(error)
        } catch {
            return .kept(ClientError(.io, "could not read the outbox entry \(id)"))
        }
        do {
            let reply = try await client.submit(envelope: bytes)
            try? outbox.remove(id: id)
            return reply.duplicate ? .duplicate(receipt: reply.receipt) : .accepted(receipt: reply.receipt)
        } catch let error as ClientError {
            if error.code == .server, let status = error.status, (400..<500).contains(status), status != 429, status != 408 {
                try? outbox.remove(id: id)
                return .refused(error)
            }
            return .kept(error)
        } catch {
            return .kept(ClientError(.network, "the submission failed"))
        }
    }

    /// Sends everything in the outbox, oldest period first.
    public func flush() async throws -> [(entry: Outbox.Entry, delivery: Delivery)] {
        var results: [(Outbox.Entry, Delivery)] = []
        for entry in try outbox.list() {
            results.append((entry, await deliver(id: entry.id)))
        }
        return results
    }
}
