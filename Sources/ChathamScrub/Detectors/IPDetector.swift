/// Every IPv4 and IPv6 address and CIDR block, in or out of the profile's
/// networks (any address can point at the member). Also partial forms that
/// people use for their own ranges: wildcards ("203.0.113.x", "10.20.*.*")
/// and, for the profile's own networks, a bare three-octet prefix ("our
/// 203.0.113 range").
///
/// Near-misses left alone: version strings with five or more parts
/// ("1.2.3.4.5"), numbers glued to letters ("v1.2.3.4"), octets over 255,
/// times ("12:30:45") and MAC addresses (they are not IPv6; the later issue's
/// [ID] detector takes them).
struct IPDetector: Detector {
    /// First three octets of each profile IPv4 network of /24 or longer.
    private let ownPrefixes: Set<[UInt8]>

    init(profile: MemberProfile) {
        var prefixes = Set<[UInt8]>()
        for network in profile.networks.compactMap(IPNetwork.init) where network.isIPv4 && network.prefix >= 24 {
            prefixes.insert(Array(network.bytes.prefix(3)))
        }
        ownPrefixes = prefixes
    }

    func detect(_ text: ScanText, into candidates: inout [Candidate]) {
        ipv4(text, into: &candidates)
        ipv6(text, into: &candidates)
    }

    private func ipv4(_ text: ScanText, into candidates: inout [Candidate]) {
        let s = text.scalars
        text.forEachToken(ScanText.Token.digit) { from, tokenEnd in
            var i = from
            while i < tokenEnd {
                guard ScalarClass.isASCIIDigit(s[i]), !text.isWordy(at: i - 1), text.scalar(at: i - 1) != ".",
                      !(i >= 3 && Defang.dot(s, i - 3) == 3) else { i += 1; continue }
                // Up to four octets, packed (no array per number).
                var packed: UInt32 = 0
                var octetCount = 0
                var wildcards = 0
                var j = i
                var ok = true
                while octetCount + wildcards < 4 {
                    if wildcards == 0, j < s.count, ScalarClass.isASCIIDigit(s[j]) {
                        var v = 0, k = j
                        while k < s.count, ScalarClass.isASCIIDigit(s[k]), k - j < 4 { v = v * 10 + Int(s[k].value - 0x30); k += 1 }
                        if k - j > 3 || v > 255 { ok = false; break }
                        packed = packed << 8 | UInt32(v)
                        octetCount += 1
                        j = k
                    } else if octetCount >= 2, let w = wildcardEnd(s, j) {
                        wildcards += 1
                        j = w
                    } else {
                        break
                    }
                    let dot = Defang.dot(s, j)
                    if octetCount + wildcards < 4, dot > 0, j + dot < s.count,
                       ScalarClass.isASCIIDigit(s[j + dot]) || s[j + dot] == "x" || s[j + dot] == "X" || s[j + dot] == "*" {
                        j += dot
                    } else {
                        break
                    }
                }
                let total = octetCount + wildcards
                // Part of a longer dotted number, or glued to a word: not an address.
                let dotAfter = Defang.dot(s, j)
                let gluedAfter = text.isWordy(at: j) || (dotAfter > 0 && text.scalar(at: j + dotAfter).map(ScalarClass.isASCIIDigit) == true)
                if ok, !gluedAfter, total == 4 {
                    let end = cidrEnd(s, j, max: 32)
                    candidates.append(Candidate(kind: .ip, start: i, end: end))
                    i = end
                    continue
                }
                if ok, !gluedAfter, total == 3, wildcards == 0,
                   ownPrefixes.contains([UInt8(packed >> 16 & 0xFF), UInt8(packed >> 8 & 0xFF), UInt8(packed & 0xFF)]) {
                    candidates.append(Candidate(kind: .ip, start: i, end: j))
                    i = j
                    continue
                }
                // Skip the rest of this number run so we do not restart inside it.
                var k = i
                while k < s.count, ScalarClass.isASCIIDigit(s[k]) || Defang.dot(s, k) > 0 { k += max(1, Defang.dot(s, k)) }
                i = max(k, i + 1)
            }
            return i
        }
    }

    /// "x", "xx", "xxx" or "*" as a whole octet.
    private func wildcardEnd(_ s: [Unicode.Scalar], _ j: Int) -> Int? {
        guard j < s.count else { return nil }
        var k = j
        if s[k] == "*" {
            k += 1
        } else {
            while k < s.count, k - j < 3, s[k] == "x" || s[k] == "X" { k += 1 }
        }
        guard k > j, !(k < s.count && ScalarClass.isAlnum(s[k])) else { return nil }
        return k
    }

    /// Extends over "/NN" when it is a valid prefix length.
    private func cidrEnd(_ s: [Unicode.Scalar], _ j: Int, max: Int) -> Int {
        guard j + 1 < s.count, s[j] == "/", ScalarClass.isASCIIDigit(s[j + 1]) else { return j }
        var k = j + 1, v = 0
        while k < s.count, ScalarClass.isASCIIDigit(s[k]), k - j <= 3 { v = v * 10 + Int(s[k].value - 0x30); k += 1 }
        if v > max || (k < s.count && ScalarClass.isAlnum(s[k])) { return j }
        return k
    }

    private func ipv6(_ text: ScanText, into candidates: inout [Candidate]) {
        let s = text.scalars
        text.forEachToken(ScanText.Token.colon) { from, tokenEnd in
            var i = from
            while i < tokenEnd {
                let c = s[i]
                guard ScalarClass.isHexDigit(c) || c == ":" else { i += 1; continue }
                if text.isWordy(at: i - 1) || text.scalar(at: i - 1) == ":" || text.scalar(at: i - 1) == "." { i += 1; continue }
                var j = i
                var colons = 0, hex = 0
                while j < s.count, ScalarClass.isHexDigit(s[j]) || s[j] == ":" || s[j] == "." {
                    if s[j] == ":" { colons += 1 } else if s[j] != "." { hex += 1 }
                    j += 1
                }
                var end = j
                // A bare "::" is punctuation in prose, not the unspecified address.
                if colons >= 2, hex > 0, !text.isWordy(at: j) {
                    // Sentence punctuation may trail the address.
                    while end > i, s[end - 1] == "." { end -= 1 }
                    if end - i >= 2, s[end - 1] == ":", s[end - 2] != ":" { end -= 1 }
                    if IPText.ipv6(s[i..<end]) != nil {
                        let stop = cidrEnd(s, end, max: 128)
                        var zoneEnd = stop
                        if stop == end, stop + 1 < s.count, s[stop] == "%", ScalarClass.isASCIIAlnum(s[stop + 1]) {
                            zoneEnd = stop + 1
                            while zoneEnd < s.count, ScalarClass.isASCIIAlnum(s[zoneEnd]) { zoneEnd += 1 }
                        }
                        candidates.append(Candidate(kind: .ip, start: i, end: zoneEnd))
                        i = zoneEnd
                        continue
                    }
                }
                i = j
            }
            return i
        }
    }
}
