import Prometheus

/// Prometheus metrics with no identifying labels: outcomes and error codes only, never a member,
/// pseudonym, address, route parameter or time of a particular request. Off unless
/// `serve --metrics`, since even aggregate submission counts per scrape narrow when reports arrived.
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    let accepted: Counter
    let duplicates: Counter
    let credentialsIssued: Counter
    let releases: Counter

    public init() {
        accepted = registry.makeCounter(name: "chatham_submissions_accepted_total", help: "Reports committed (202).")
        duplicates = registry.makeCounter(name: "chatham_submissions_duplicate_total", help: "Resent reports answered with their first receipt.")
        credentialsIssued = registry.makeCounter(name: "chatham_credentials_issued_total", help: "Blind signatures issued.")
        releases = registry.makeCounter(name: "chatham_auto_releases_total", help: "Periods released by --auto-release.")
    }

    /// Counts a refusal by its stable error code.
    func refused(code: String) {
        registry.makeCounter(name: "chatham_requests_refused_total", labels: [("code", code)],
                             help: "Requests refused, by error code.").increment()
    }

    /// The text exposition format.
    public func exposition() -> [UInt8] { registry.emitToBuffer() }
}
