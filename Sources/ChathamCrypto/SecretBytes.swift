import CSodium

/// Secret key material that is wiped (`sodium_memzero`) when the last reference goes away.
///
/// A class so that copies share one buffer and there is exactly one place to zero.
public final class SecretBytes: @unchecked Sendable {
    // Immutable after init; @unchecked because the buffer is a raw pointer.
    private let pointer: UnsafeMutableRawBufferPointer

    /// Copies `bytes` into a fresh buffer. The caller should wipe its own copy.
    public init(_ bytes: [UInt8]) {
        Sodium.ready()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { src in
            if let base = src.baseAddress { buffer.baseAddress!.copyMemory(from: base, byteCount: bytes.count) }
        }
        pointer = buffer
        count = bytes.count
    }

    /// Number of secret bytes.
    public let count: Int

    /// Gives temporary read access to the bytes.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: pointer.baseAddress, count: count))
    }

    /// A copy as an array, for serialising to a 0600 key file. Wipe it after use.
    public func copyBytes() -> [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    deinit {
        sodium_memzero(pointer.baseAddress!, pointer.count)
        pointer.deallocate()
    }
}

/// Wipes an array in place (best effort: Swift may have copied it before).
public func wipe(_ bytes: inout [UInt8]) {
    if bytes.isEmpty { return }
    bytes.withUnsafeMutableBytes { sodium_memzero($0.baseAddress!, $0.count) }
}
