import Foundation
import Synchronization

/// In-memory token buckets. Nothing about who was limited is written anywhere: the state lives in
/// this process only and holds no addresses (submissions share one bucket; credential requests are
/// limited per member id).
public final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    private let capacity: Double
    private let refillPerSecond: Double
    private let clock: @Sendable () -> Date
    private let buckets = Mutex<[String: Bucket]>([:])

    /// `capacity` requests at once, refilled at `perSecond`.
    public init(capacity: Int, perSecond: Double, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.capacity = Double(capacity)
        self.refillPerSecond = perSecond
        self.clock = clock
    }

    /// Takes one token from `key`'s bucket; false when it is empty.
    public func allow(_ key: String) -> Bool {
        let now = clock()
        return buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: capacity, updated: now)
            let elapsed = max(0, now.timeIntervalSince(bucket.updated))
            bucket.tokens = min(capacity, bucket.tokens + elapsed * refillPerSecond)
            bucket.updated = now
            guard bucket.tokens >= 1 else {
                buckets[key] = bucket
                return false
            }
            bucket.tokens -= 1
            buckets[key] = bucket
            // Full buckets carry no information: drop them so the map stays small.
            if buckets.count > 10_000 { buckets = buckets.filter { $0.value.tokens < capacity - 1 } }
            return true
        }
    }
}
