/// IP address parsing shared by the profile validator and the IP detector.
enum IPText {
    /// Parses a dotted-quad IPv4 address (exactly four decimal octets).
    static func ipv4(_ s: some Collection<Unicode.Scalar>) -> [UInt8]? {
        var octets: [UInt8] = []
        var value = -1
        var digits = 0
        for c in s {
            if ScalarClass.isASCIIDigit(c) {
                digits += 1
                value = (value < 0 ? 0 : value) * 10 + Int(c.value - 0x30)
                if digits > 3 || value > 255 { return nil }
            } else if c == "." {
                guard value >= 0 else { return nil }
                octets.append(UInt8(value))
                value = -1
                digits = 0
            } else {
                return nil
            }
        }
        guard value >= 0 else { return nil }
        octets.append(UInt8(value))
        return octets.count == 4 ? octets : nil
    }

    /// Parses an IPv6 address (RFC 4291 text forms: full, "::"-compressed,
    /// embedded IPv4 tail). No zone index, no brackets.
    static func ipv6(_ s: some Collection<Unicode.Scalar>) -> [UInt8]? {
        let chars = Array(s)
        guard chars.count >= 2, chars.count <= 45 else { return nil }
        // Split around a single "::".
        var doubleColon: Int?
        var i = 0
        while i + 1 < chars.count {
            if chars[i] == ":" && chars[i + 1] == ":" {
                if doubleColon != nil { return nil }
                doubleColon = i
                i += 2
                continue
            }
            i += 1
        }
        func groups(_ part: ArraySlice<Unicode.Scalar>, allowV4Tail: Bool) -> [UInt8]? {
            if part.isEmpty { return [] }
            var out: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (n, piece) in pieces.enumerated() {
                if allowV4Tail, n == pieces.count - 1, piece.contains(".") {
                    guard let v4 = ipv4(piece) else { return nil }
                    out += v4
                    continue
                }
                guard !piece.isEmpty, piece.count <= 4, piece.allSatisfy(ScalarClass.isHexDigit) else { return nil }
                var v: UInt16 = 0
                for c in piece { v = v << 4 | UInt16(hexValue(c)) }
                out += [UInt8(v >> 8), UInt8(v & 0xFF)]
            }
            return out
        }
        if let dc = doubleColon {
            guard let head = groups(chars[..<dc], allowV4Tail: false),
                  let tail = groups(chars[(dc + 2)...], allowV4Tail: true),
                  head.count + tail.count <= 14 else { return nil }
            return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
        }
        guard let all = groups(chars[...], allowV4Tail: true), all.count == 16 else { return nil }
        return all
    }

    private static func hexValue(_ c: Unicode.Scalar) -> UInt8 {
        let v = UInt8(c.value)
        switch v {
        case 0x30...0x39: return v - 0x30
        case 0x41...0x46: return v - 0x41 + 10
        default: return v - 0x61 + 10
        }
    }
}

/// An address or CIDR block from the profile's `networks`.
struct IPNetwork: Sendable, Equatable {
    var bytes: [UInt8]
    var prefix: Int

    init?(_ text: String) {
        let parts = text.trimmingWhitespace().split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        if let v4 = IPText.ipv4(parts[0].unicodeScalars) {
            bytes = v4
        } else if let v6 = IPText.ipv6(parts[0].unicodeScalars) {
            bytes = v6
        } else {
            return nil
        }
        if parts.count == 2 {
            guard let p = Int(parts[1]), p >= 0, p <= bytes.count * 8, parts[1].allSatisfy(\.isASCII) else { return nil }
            prefix = p
        } else {
            prefix = bytes.count * 8
        }
    }

    var isIPv4: Bool { bytes.count == 4 }
}
