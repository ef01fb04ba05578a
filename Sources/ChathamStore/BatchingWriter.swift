import Dispatch
import Synchronization

/// Group commit for submissions: concurrent inserts queue up while one transaction is being
/// committed, then go to disk together in the next one. Every caller still returns only after
/// its own report is committed, so a 202 keeps meaning "durable"; the fsync is shared.
public final class BatchingWriter: Sendable {
    private struct Pending {
        let row: ReportRow
        let continuation: CheckedContinuation<InsertOutcome, any Error>
    }

    private struct State {
        var pending: [Pending] = []
        var draining = false
    }

    private let repository: any ChathamRepository
    private let maxBatch: Int
    private let state = Mutex(State())
    // Blocking SQLite work runs here, off Swift's cooperative threads.
    private let queue = DispatchQueue(label: "chatham.store.writer")

    public init(repository: any ChathamRepository, maxBatch: Int = 1024) {
        self.repository = repository
        self.maxBatch = maxBatch
    }

    /// Inserts one report; resumes after the transaction holding it has committed.
    public func insert(_ row: ReportRow) async throws -> InsertOutcome {
        try await withCheckedThrowingContinuation { continuation in
            let start = state.withLock { s -> Bool in
                s.pending.append(Pending(row: row, continuation: continuation))
                if s.draining { return false }
                s.draining = true
                return true
            }
            if start { queue.async { self.drain() } }
        }
    }

    private func drain() {
        while true {
            let batch = state.withLock { s -> [Pending] in
                let n = min(s.pending.count, maxBatch)
                let batch = Array(s.pending.prefix(n))
                s.pending.removeFirst(n)
                if batch.isEmpty { s.draining = false }
                return batch
            }
            if batch.isEmpty { return }
            do {
                let outcomes = try repository.insertReports(batch.map(\.row))
                for (p, outcome) in zip(batch, outcomes) { p.continuation.resume(with: outcome) }
            } catch {
                for p in batch { p.continuation.resume(throwing: error) }
            }
        }
    }
}
