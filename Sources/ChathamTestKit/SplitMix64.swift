/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny seeded generator, so the random data of tests
/// and benchmarks is the same on every run and a failure reproduces from its seed.
///
/// For tests and benchmarks only: it is fast and statistically fine, and completely predictable.
/// Nothing secret comes from it (keys, ids and tokens use libsodium's `randombytes`).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }
    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0 ..< n.
    public mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// One element of a non-empty list.
    public mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }
}
