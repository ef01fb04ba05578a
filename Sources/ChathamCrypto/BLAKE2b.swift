import CSodium

/// BLAKE2b (`crypto_generichash`), unkeyed or keyed.
public enum BLAKE2b {
    /// Hashes `data` to `outputLength` bytes (16…64), optionally keyed (16…64 bytes).
    public static func hash(_ data: [UInt8], outputLength: Int = 32, key: [UInt8] = []) -> [UInt8] {
        Sodium.ready()
        precondition(outputLength >= crypto_generichash_bytes_min() && outputLength <= crypto_generichash_bytes_max())
        precondition(key.isEmpty || (key.count >= crypto_generichash_keybytes_min() && key.count <= crypto_generichash_keybytes_max()))
        var out = [UInt8](repeating: 0, count: outputLength)
        let rc: Int32
        if key.isEmpty {
            rc = crypto_generichash(&out, outputLength, data, UInt64(data.count), nil, 0)
        } else {
            rc = crypto_generichash(&out, outputLength, data, UInt64(data.count), key, key.count)
        }
        precondition(rc == 0, "crypto_generichash failed")
        return out
    }

    /// Hash of a domain-separation label followed by a 0 byte and the data, so that hashes for
    /// different purposes can never collide.
    public static func hash(label: String, _ data: [UInt8], outputLength: Int = 32) -> [UInt8] {
        hash(Array(label.utf8) + [0] + data, outputLength: outputLength)
    }
}
