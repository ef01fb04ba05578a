import ChathamModel
import Foundation

/// Sealed envelopes waiting for the server's acceptance: `outbox/<report-id>.json` holds the
/// exact bytes that are POSTed (0600), so a resend is byte for byte the same submission and
/// the server counts it once.
///
/// A small `outbox/<report-id>.meta` (0600) beside it keeps the period and the file the report
/// came from, for `chatham outbox list`; it never leaves the machine.
public struct Outbox: Sendable {
    public let home: ChathamHome

    public init(home: ChathamHome) { self.home = home }

    /// One waiting envelope.
    public struct Entry: Sendable, Equatable, Codable {
        /// The report id (the file name without `.json`).
        public var id: String
        /// The report's period, `YYYY-MM`.
        public var period: String
        /// Envelope size in bytes.
        public var size: Int
        /// The report file it was made from, as the member named it.
        public var source: String

        public init(id: String, period: String, size: Int, source: String) {
            self.id = id
            self.period = period
            self.size = size
            self.source = source
        }
    }

    private struct Meta: Codable {
        var period: String
        var source: String
    }

    func envelopeFile(_ id: String) -> URL { home.outboxDirectory.appendingPathComponent("\(id).json") }
    func metaFile(_ id: String) -> URL { home.outboxDirectory.appendingPathComponent("\(id).meta") }

    /// Stores an envelope under its report id (replacing any earlier one for the same report).
    public func put(id: String, period: String, source: String, envelope: [UInt8]) throws {
        guard ReportValidator.isValidID(id) else { throw ClientError(.io, "report id \(id) is not 32 lowercase hex") }
        try home.ensureExists()
        try SecureFile.ensureDirectory(home.outboxDirectory)
        let meta = try JSONEncoder().encode(Meta(period: period, source: source))
        try SecureFile.write([UInt8](meta), to: metaFile(id))
        try SecureFile.write(envelope, to: envelopeFile(id))
    }

    /// The envelope bytes for a report id.
    public func envelope(id: String) throws -> [UInt8] {
        let url = envelopeFile(id)
        guard let bytes = try SecureFile.read(url) else {
            throw ClientError(.io, "no envelope for report \(id) in the outbox")
        }
        try SecureFile.requirePrivate(url)
        return bytes
    }

    /// Removes a report's envelope once the server has accepted (or finally refused) it.
    public func remove(id: String) throws {
        try SecureFile.remove(envelopeFile(id))
        try SecureFile.remove(metaFile(id))
    }

    /// Every waiting envelope, sorted by period then id.
    public func list() throws -> [Entry] {
        let dir = home.outboxDirectory
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        var entries: [Entry] = []
        for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let id = String(name.dropLast(5))
            guard ReportValidator.isValidID(id) else { continue }
            let size = (try? FileManager.default.attributesOfItem(atPath: envelopeFile(id).path)[.size] as? Int) ?? 0
            var meta = Meta(period: "?", source: "?")
            if let bytes = try SecureFile.read(metaFile(id)), let m = try? JSONDecoder().decode(Meta.self, from: Data(bytes)) {
                meta = m
            }
            entries.append(Entry(id: id, period: meta.period, size: size, source: meta.source))
        }
        return entries.sorted { ($0.period, $0.id) < ($1.period, $1.id) }
    }
}
