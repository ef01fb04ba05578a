/// What the server needs from storage. Route handlers use this protocol and never SQL.
public protocol ChathamRepository: Sendable {
    // Members
    func addMember(label: String, tokenHash: String) throws -> MemberRecord
    func members() throws -> [MemberRecord]
    func revokeMember(label: String) throws
    func member(tokenHash: String) throws -> MemberRecord?
    func member(id: Int64) throws -> MemberRecord?
    /// Records that `memberID` got its credential for `epoch`; false if it already had one.
    func recordIssuance(memberID: Int64, epoch: String) throws -> Bool

    // Reports
    /// Inserts a report unless its id is stored already, or its period is closed (throws
    /// `periodClosed`). Returns only after the transaction is committed.
    func insertReport(_ report: ReportRow) throws -> InsertOutcome
    /// Group commit: many reports, one transaction, an outcome each; returns after the commit.
    func insertReports(_ reports: [ReportRow]) throws -> [Result<InsertOutcome, any Error>]
    func reports(period: String) throws -> [ReportRow]
    /// Calls `body` with every report of `period`, in id order, without its document, narrative or
    /// receipt (empty strings / nil): what a release needs, streamed, so a million reports are never
    /// all in memory. The default implementation goes through `reports(period:)`.
    func forEachReportForRelease(period: String, _ body: (ReportRow) throws -> Void) throws
    func reportCount() throws -> Int
    /// Periods that have reports.
    func reportPeriods() throws -> [String]

    // Releases
    func isClosed(period: String) throws -> Bool
    /// Stores a release document and so closes its period; fails if it is closed already.
    func storeRelease(period: String, document: String) throws
    func release(period: String) throws -> String?
    func releasePeriods() throws -> [String]
    /// The operator's TLP marking of a release (nil: the default, TLP:GREEN).
    func releaseMarking(period: String) throws -> String?
    func setReleaseMarking(period: String, tlp: String) throws
}

extension ChathamRepository {
    public func forEachReportForRelease(period: String, _ body: (ReportRow) throws -> Void) throws {
        for r in try reports(period: period) { try body(r) }
    }
}
