import ChathamModel
import ChathamStore
import Foundation
import Logging

/// `serve --auto-release DAYS`: publishes each month DAYS after it ends. Checks at start and then
/// hourly; a month with no reports is skipped (there is nothing to publish).
struct AutoRelease: Sendable {
    let days: Int
    let store: any ChathamRepository
    let release: ReleaseService
    let clock: @Sendable () -> Date
    let logger: Logger

    /// Periods due now: they have reports, no release, and ended at least `days` ago.
    func duePeriods() throws -> [String] {
        let now = clock()
        return try store.reportPeriods().filter { text in
            guard let period = Period(text), let next = period.next,
                  let end = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"),
                                           year: next.year, month: next.month, day: 1).date else { return false }
            return end.addingTimeInterval(Double(days) * 86400) <= now
        }.filter { (try? store.isClosed(period: $0)) == false }
    }

    /// Releases what is due; returns the periods released.
    @discardableResult
    func runOnce() -> [String] {
        var released: [String] = []
        do {
            for period in try duePeriods() {
                do {
                    _ = try release.publish(period: period)
                    released.append(period)
                    logger.info("released a period", metadata: ["period": "\(period)"])
                } catch {
                    logger.error("automatic release failed", metadata: ["period": "\(period)", "error": "\(error)"])
                }
            }
        } catch {
            logger.error("automatic release could not list periods")
        }
        return released
    }

    func run() async {
        while !Task.isCancelled {
            runOnce()
            try? await Task.sleep(for: .seconds(3600))
        }
    }
}

import ServiceLifecycle

/// Runs `AutoRelease` beside the HTTP server and stops with it.
struct AutoReleaseService: Service {
    let auto: AutoRelease

    func run() async throws {
        // Cancelled at graceful shutdown, which ends the hourly sleep.
        try await cancelWhenGracefulShutdown {
            await auto.run()
        }
    }
}
