import CSodium

/// libsodium's one-time initialisation. Every entry point of this module calls `Sodium.ready()` first.
enum Sodium {
    private static let initialised: Bool = {
        // sodium_init returns 0 on success and 1 when already initialised; -1 is fatal.
        sodium_init() >= 0
    }()

    static func ready() {
        precondition(initialised, "libsodium failed to initialise")
    }
}

/// Cryptographically secure random bytes from libsodium (`randombytes_buf`).
public func randomBytes(count: Int) -> [UInt8] {
    Sodium.ready()
    var out = [UInt8](repeating: 0, count: count)
    out.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, count) }
    return out
}

/// Constant-time comparison of two byte strings of equal length (`sodium_memcmp`).
public func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    if a.isEmpty { return true }
    return a.withUnsafeBytes { pa in b.withUnsafeBytes { pb in sodium_memcmp(pa.baseAddress!, pb.baseAddress!, a.count) == 0 } }
}
