import ChathamCrypto
import ChathamModel
import ChathamStore
import Foundation

/// The outcome of an accepted submission.
public struct IngestReceipt: Sendable, Equatable, Codable {
    public let receipt: String
    public let duplicate: Bool
}

/// Opens, verifies, validates and commits sealed submissions.
///
/// Nothing about the request (address, time, headers) reaches this type: it sees the body only.
public struct IngestService: Sendable {
    public static let maxBodyBytes = 64 * 1024

    let writer: BatchingWriter
    let keys: ServerKeys

    public init(store: any ChathamRepository, keys: ServerKeys) {
        self.writer = BatchingWriter(repository: store)
        self.keys = keys
    }

    /// Processes one envelope body. Throws `APIError` for every refusal; returns only after the
    /// report is committed (group commit: concurrent submissions share a transaction).
    public func submit(body: [UInt8]) async throws -> IngestReceipt {
        let row = try prepare(body: body)
        do {
            switch try await writer.insert(row) {
            case .inserted(let receipt): return IngestReceipt(receipt: receipt, duplicate: false)
            case .duplicate(let receipt): return IngestReceipt(receipt: receipt, duplicate: true)
            }
        } catch let error as StoreError where error.code == .periodClosed {
            throw APIError.periodClosed(row.period)
        } catch let error as StoreError where error.code == .capReached {
            throw APIError(.tooManyRequests, "rate_limited", error.message)
        }
    }

    /// Everything before storage: envelope, key, box, credential, report. Pure CPU work, no state
    /// changed; public so the ingest benchmark can time it apart from the store.
    public func prepare(body: [UInt8]) throws -> ReportRow {
        guard body.count <= Self.maxBodyBytes else { throw APIError.tooLarge }
        let envelope = try Envelope.parse(body)
        guard let pair = keys.sealing[envelope.keyID] else { throw APIError.unknownKey }
        var plaintext: [UInt8]
        do {
            plaintext = try SealedBox.open(envelope.sealed, with: pair)
        } catch {
            throw APIError.decryptFailed
        }
        defer { wipe(&plaintext) }
        let (credentialValue, reportValue) = try Envelope.parsePlaintext(plaintext)

        // The report's period names the epoch whose key must have signed the credential.
        guard case .string(let periodText)? = reportValue["period"], let period = Period(periodText) else {
            throw APIError.invalidReport("period: must be YYYY-MM, e.g. 2026-10")
        }
        // Credential: every failure answers the same.
        guard let credential = try? JSONValueDecoder().decode(Credential.self, from: credentialValue),
              credential.epoch == period.epoch.description,
              let verifier = try keys.credentialVerifier(epoch: credential.epoch),
              verifier.isValid(preparedMessage: credential.message, signature: credential.signature)
        else { throw APIError.invalidCredential }

        var report: Report
        do {
            report = try ReportCodec.decode(value: .object(reportValue))
        } catch let error as ValidationError {
            throw APIError.invalidReport(error.description)
        } catch {
            throw APIError.invalidReport("report: \(error)")
        }
        if let first = ReportValidator.validate(report).first {
            throw APIError.invalidReport(first.description)
        }
        guard let id = report.id else { throw APIError.invalidReport("id: required in a submission (32 lowercase hex)") }
        // A narrative the member did not choose to share is not kept at all.
        if report.shareNarrative != true { report.narrative = nil }

        return ReportRow(report: report, id: id, receipt: Self.newReceipt(), pseudonym: credential.pseudonym,
                         epoch: credential.epoch)
    }

    static func newReceipt() -> String {
        "rcpt_" + Encoding.hex(randomBytes(count: 16))
    }
}

extension ReportRow {
    /// Flattens a validated report for storage. Nothing about the sender goes in.
    init(report: Report, id: String, receipt: String, pseudonym: String, epoch: String) {
        self.init(
            id: id, receipt: receipt, pseudonym: pseudonym, epoch: epoch, period: report.period,
            sector: report.victim.sector, size: report.victim.size, region: report.victim.region,
            actorKind: report.actor.kind, actorMotive: report.actor.motive, discovery: report.discovery,
            dwell: report.timeline?.dwell, containment: report.timeline?.containment,
            loss: report.impact?.loss, downtime: report.impact?.downtime,
            actions: report.actions.map { ActionRow(category: $0.category, variety: $0.variety, vector: $0.vector) },
            techniques: report.techniques, assets: report.assets, attributes: report.attributes,
            mitigations: report.mitigations.map { MitigationRow(id: $0.id, stage: $0.stage, effective: $0.effective) },
            narrative: report.shareNarrative == true ? report.narrative : nil,
            shareNarrative: report.shareNarrative == true)
    }
}

/// The submission envelope `{"version":1,"key_id":"<hex>","sealed":"<base64>"}`.
enum Envelope {
    struct Parsed {
        let keyID: String
        let sealed: [UInt8]
    }

    static func parse(_ body: [UInt8]) throws -> Parsed {
        guard case .object(let object)? = try? JSONValue(bytes: body, maxDepth: 4) else {
            throw APIError.invalidEnvelope("the body must be a JSON object {version, key_id, sealed}")
        }
        if let unknown = object.keys.filter({ !["version", "key_id", "sealed"].contains($0) }).min() {
            throw APIError.invalidEnvelope("unknown field \(unknown)")
        }
        // Strict types: `true` or "1" is not the number 1.
        guard case .number(1)? = object["version"] else { throw APIError.invalidEnvelope("version: must be 1") }
        guard case .string(let keyID)? = object["key_id"], keyID.utf8.count == 16,
              keyID.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw APIError.invalidEnvelope("key_id: must be 16 lowercase hex digits")
        }
        guard case .string(let sealedText)? = object["sealed"], let sealed = try? Encoding.fromBase64(sealedText) else {
            throw APIError.invalidEnvelope("sealed: must be standard base64 with padding")
        }
        return Parsed(keyID: keyID, sealed: sealed)
    }

    /// The sealed plaintext `{"credential": {…}, "report": {…}}`, parsed once, strictly (no
    /// duplicate members, valid UTF-8).
    static func parsePlaintext(_ plaintext: [UInt8]) throws -> (credential: JSONValue, report: [String: JSONValue]) {
        guard case .object(let object)? = try? JSONValue(bytes: plaintext) else {
            throw APIError.invalidReport("the sealed plaintext must be a JSON object {credential, report}")
        }
        if let unknown = object.keys.filter({ $0 != "credential" && $0 != "report" }).min() {
            throw APIError.invalidReport("\(unknown): unknown member of the sealed plaintext")
        }
        guard let credential = object["credential"], case .object = credential else { throw APIError.invalidReport("credential: must be an object") }
        guard case .object(let report)? = object["report"] else { throw APIError.invalidReport("report: must be an object") }
        return (credential, report)
    }
}
