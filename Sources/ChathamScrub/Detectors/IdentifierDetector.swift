/// Generic identifiers that are not in the profile but identify a person, an
/// account or a machine: phone numbers, MAC addresses, IBANs (mod-97
/// checked), GUIDs (Azure tenants, subscriptions), 12-digit AWS account ids,
/// `DOMAIN\user`, user handles (`@handle`, `j.doe`, `tmorgan2`, `adm-rkumar`),
/// ticket ids (INC0012345), numbers after a keyword that says what they are
/// ("account", "badge", "Konto", "compte", "conta", "社員番号") and host names
/// in the usual naming conventions (FIN-SRV-042, dub-sql-clm02).
///
/// Each shape is checked by a hand-written scanner at word starts only, so
/// the whole detector is one pass over the text. Near-misses left alone:
/// dates, times, versions, amounts, counts, CVE and ATT&CK ids (kept), hash
/// and cipher names (SHA-256, AES-128-GCM), threat-actor ids (Storm-0558).
struct IdentifierDetector: Detector {
    /// `Keywords.pairAndLength`, held here: the plain-word loop asks it
    /// for every word, and a static costs a once-check per access.
    private let pairAndLength = Keywords.pairAndLength

    /// Whether a keyword of `length` scalars may start with the ASCII
    /// letters `first` and `second` (`Keywords.mayStart`).
    @inline(__always)
    private func mayStartKeyword(_ first: UInt32, _ second: UInt32, length: Int) -> Bool {
        Keywords.mayStart(first, second, length: length, pairAndLength)
    }

    func detect(_ text: ScanText, into candidates: inout [Candidate]) {
        let s = text.scalars
        text.forEachToken(0) { from, tokenEnd, flags in
            if flags & ScanText.Token.notPlain == 0 {
                // Letters and prose punctuation only: no shape can start
                // here but a keyword ("account 1234"), at a word start.
                var i = from
                while i < tokenEnd {
                    let v = s[i].value
                    guard ScalarClass.isASCIIAlnum(s[i]) else { i += 1; continue }
                    var w = i + 1
                    while w < tokenEnd, ScalarClass.isASCIIAlnum(s[w]) { w += 1 }
                    if w - i >= 2 && mayStartKeyword(v, s[i + 1].value, length: w - i)
                        || Keywords.mayEndCompound(s, i, w), !text.isWordy(at: i - 1) {
                        keyword(text, i, &candidates)
                    }
                    i = w
                }
                return tokenEnd
            }
            return shapes(text, from, tokenEnd, &candidates)
        }
    }

    /// The full scan of one token that has digits, joiners, brackets or
    /// non-ASCII scalars.
    private func shapes(_ text: ScanText, _ from: Int, _ tokenEnd: Int, _ candidates: inout [Candidate]) -> Int {
        let s = text.scalars
        let n = s.count
        var i = from
        while i < tokenEnd {
            let c = s[i]
            let v = c.value
            // Not mid-word (a placeholder counts as a word), not inside a dotted or dashed run.
            if v >= 0x80 {
                if ScalarClass.isCJK(c) { keyword(text, i, &candidates) }
                i += 1
                continue
            }
            if v == 0x20 || v == 0x0A || text.isWordy(at: i - 1) || text.protected[i] {
                i += 1
                continue
            }
            let prev = text.scalar(at: i - 1)
            let glued = prev == "." || prev == "-" || prev == ":" || prev == "/" || prev == "\\" || prev == "_"
            if v == 0x2B { // +
                if let e = phone(s, i) { add(.phone, i, e, text, &candidates) }
            } else if v == 0x28 { // (
                if let e = phone(s, i) { add(.phone, i, e, text, &candidates) }
            } else if v == 0x40 { // @handle
                if !glued, prev != "[", prev != "(", let e = run(s, i + 1, { ScalarClass.isASCIIAlnum($0) || $0 == "_" }),
                   e - i >= 3, e - i <= 31, !text.isWordy(at: e), text.scalar(at: e) != "@" {
                    add(.user, i, e, text, &candidates)
                }
            } else if ScalarClass.isASCIIAlnum(c) {
                // Every shape but the keyword needs a digit in the word or a
                // joiner after it ("-", "_", ".", ":", "\\"); a plain word only
                // gets the keyword check, and the scan jumps past it (nothing
                // inside a word is a word start).
                var w = i
                var digits = false
                while w < n, s[w].value < 0x80, ScalarClass.isASCIIAlnum(s[w]) {
                    if s[w].value <= 0x39 { digits = true }
                    w += 1
                }
                let joiner = w < n && (s[w] == "-" || s[w] == "_" || s[w] == "." || s[w] == ":" || s[w] == "\\")
                if !digits, !joiner {
                    // Most words are not keywords: a (first two letters,
                    // length) table rules them out before any hashing.
                    if !glued, w < n && s[w].value >= 0x80
                        || w - i >= 2 && mayStartKeyword(s[i].value, s[i + 1].value, length: w - i)
                        || Keywords.mayEndCompound(s, i, w) {
                        keyword(text, i, &candidates)
                    }
                    i = w
                    continue
                }
                // What ends the word's letters and digits (`after`) and
                // its length rule most shapes out before their scanners
                // run: a GUID's first group is eight hex digits before a
                // "-", a MAC's two (or four before a "."); a named host, a
                // reference and a DOMAIN\user go on past the word with a
                // joiner; a one-part host and a ticket have digits in it.
                let length = w - i
                let after: Unicode.Scalar = w < n ? s[w] : " "
                if !glued || prev == ":" {
                    if length == 8, let e = guid(s, i) { add(.id, i, e, text, &candidates) }
                    if length == 2 || length == 4, let e = mac(s, i) { add(.id, i, e, text, &candidates) }
                    if let e = iban(s, i) { add(.id, i, e, text, &candidates) }
                    if let e = awsAccount(s, i), !text.isWordy(at: e) { add(.id, i, e, text, &candidates) }
                    if v == 0x41, let e = awsKeyID(s, i), !text.isWordy(at: e) { add(.id, i, e, text, &candidates) }
                }
                if !glued {
                    if v == 0x53, let e = domainSID(s, i) { add(.id, i, e, text, &candidates) }
                    if ScalarClass.isASCIIDigit(c), let e = phone(s, i) { add(.phone, i, e, text, &candidates) }
                    if ScalarClass.isASCIIDigit(c), let e = bareNumber(text, i) { add(.id, i, e, text, &candidates) }
                    if after == "\\" || after == "-" || after == "_" || after == ".", let e = domainUser(s, i) {
                        add(.user, i, e, text, &candidates)
                    }
                    if let e = handle(s, i), !text.isWordy(at: e) { add(.user, i, e, text, &candidates) }
                    if digits, let e = ticket(s, i), !text.isWordy(at: e) { add(.id, i, e, text, &candidates) }
                    if after == "-", let e = reference(s, i), !text.isWordy(at: e) { add(.id, i, e, text, &candidates) }
                    if after == "-" || after == "_", let e = namedHost(s, i), !modelAfterProduct(text, i, e) {
                        add(.host, i, e, text, &candidates)
                    }
                    if digits, let e = singleHost(s, i), !text.isWordy(at: e), !modelAfterProduct(text, i, e) {
                        add(.host, i, e, text, &candidates)
                    }
                    if w < n && s[w].value >= 0x80 || Keywords.mayMatchASCII(s, i, w, pairAndLength) {
                        keyword(text, i, &candidates)
                    }
                }
                // The rest of the word is mid-word: no shape starts there.
                i = w
                continue
            }
            i += 1
        }
        return i
    }

    private func add(_ kind: Kind, _ start: Int, _ end: Int, _ text: ScanText, _ out: inout [Candidate]) {
        guard end > start, !text.touchesPlaceholder(start, end) else { return }
        out.append(Candidate(kind: kind, start: start, end: end))
    }

    // MARK: - shapes

    private func run(_ s: [Unicode.Scalar], _ i: Int, _ ok: (Unicode.Scalar) -> Bool) -> Int? {
        var j = i
        while j < s.count, ok(s[j]) { j += 1 }
        return j > i ? j : nil
    }

    @inline(__always) private func digit(_ s: [Unicode.Scalar], _ i: Int) -> Bool { i < s.count && ScalarClass.isASCIIDigit(s[i]) }
    @inline(__always) private func alnum(_ s: [Unicode.Scalar], _ i: Int) -> Bool { i < s.count && ScalarClass.isAlnum(s[i]) }
    @inline(__always) private func hex(_ s: [Unicode.Scalar], _ i: Int) -> Bool { i < s.count && s[i].isASCII && ScalarClass.isHexDigit(s[i]) }

    /// 8-4-4-4-12 hex digits.
    func guid(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        var j = i
        for k in 0..<5 {
            if k > 0 { guard j < s.count, s[j] == "-" else { return nil }; j += 1 }
            let len = k == 0 ? 8 : k == 4 ? 12 : 4
            for _ in 0..<len { guard hex(s, j) else { return nil }; j += 1 }
        }
        return alnum(s, j) ? nil : j
    }

    /// 00:1A:2B:3C:4D:5E, 00-1a-…, 0050.56a3.1b2c.
    func mac(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        guard hex(s, i), hex(s, i + 1) else { return nil }
        if i + 2 < s.count, s[i + 2] == ":" || s[i + 2] == "-" {
            let sep = s[i + 2]
            var j = i
            for k in 0..<6 {
                if k > 0 { guard j < s.count, s[j] == sep else { return nil }; j += 1 }
                guard hex(s, j), hex(s, j + 1) else { return nil }
                j += 2
            }
            return alnum(s, j) || (j < s.count && s[j] == sep && hex(s, j + 1)) ? nil : j
        }
        var j = i
        for k in 0..<3 {
            if k > 0 { guard j < s.count, s[j] == "." else { return nil }; j += 1 }
            for _ in 0..<4 { guard hex(s, j) else { return nil }; j += 1 }
        }
        // Must contain a letter or it is a dotted number.
        guard s[i..<j].contains(where: { !ScalarClass.isASCIIDigit($0) && $0 != "." }) else { return nil }
        return alnum(s, j) ? nil : j
    }

    /// Country code, check digits, 11–30 letters/digits, in groups of four or
    /// not; valid only if the ISO 13616 mod-97 check holds.
    func iban(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        func upper(_ k: Int) -> Bool { k < s.count && s[k].value >= 0x41 && s[k].value <= 0x5A }
        guard upper(i), upper(i + 1), digit(s, i + 2), digit(s, i + 3) else { return nil }
        var chars: [Unicode.Scalar] = []
        var ends: [Int] = [] // scalar end after each char
        var j = i
        while j < s.count, chars.count < 34 {
            if upper(j) || digit(s, j) {
                chars.append(s[j]); j += 1; ends.append(j)
            } else if s[j] == " ", j + 1 < s.count, upper(j + 1) || digit(s, j + 1), chars.count % 4 == 0 {
                j += 1
            } else {
                break
            }
        }
        // Longest valid prefix (a glued word after the number is not part of it).
        var len = chars.count
        while len >= 15 {
            if !(len < chars.count && ends[len - 1] == ends[len] - 1) || len == chars.count, Self.mod97(chars[0..<len]) {
                let e = ends[len - 1]
                return alnum(s, e) ? nil : e
            }
            len -= 1
        }
        return nil
    }

    static func mod97(_ chars: ArraySlice<Unicode.Scalar>) -> Bool {
        let rearranged = Array(chars.dropFirst(4)) + Array(chars.prefix(4))
        var r = 0
        for c in rearranged {
            let v = Int(c.value)
            if v >= 0x30 && v <= 0x39 { r = (r * 10 + v - 0x30) % 97 } else { r = (r * 100 + v - 0x41 + 10) % 97 }
        }
        return r == 1
    }

    /// A domain account's SID, S-1-5-21-<three sub-authorities>[-RID]: the
    /// sub-authorities name the member's domain. Well-known SIDs (S-1-5-18,
    /// S-1-5-32-544) are facts and stay.
    func domainSID(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        let prefix: [Unicode.Scalar] = ["S", "-", "1", "-", "5", "-", "2", "1", "-"]
        guard i + prefix.count < s.count, (0..<prefix.count).allSatisfy({ s[i + $0] == prefix[$0] }) else { return nil }
        var j = i + prefix.count
        var parts = 0
        while j < s.count, ScalarClass.isASCIIDigit(s[j]) {
            while j < s.count, ScalarClass.isASCIIDigit(s[j]) { j += 1 }
            parts += 1
            if j + 1 < s.count, s[j] == "-", ScalarClass.isASCIIDigit(s[j + 1]) { j += 1 } else { break }
        }
        return parts >= 3 && !(j < s.count && ScalarClass.isAlnum(s[j])) ? j : nil
    }

    /// A bare run of 8 to 17 digits standing alone: an account, card,
    /// customer or case number even without a keyword ("gave only
    /// 41028893"). Counts and amounts of that size are written with
    /// separators; not a YYYYMMDD date, not after a currency sign or before
    /// a unit ("2147483648 bytes"), not a decimal or a grouped number.
    func bareNumber(_ text: ScanText, _ i: Int) -> Int? {
        let s = text.scalars
        var j = i
        while j < s.count, ScalarClass.isASCIIDigit(s[j]) { j += 1 }
        let n = j - i
        guard n >= 8, n <= 17, n != 12 else { return nil } // 12: the AWS shape already
        if j < s.count {
            let c = s[j]
            if ScalarClass.isAlnum(c) || c == "%" || c == "€" || c == "$" || c == "£" { return nil }
            if c == "." || c == "," || c == ":" || c == "-" || c == "/", j + 1 < s.count, ScalarClass.isASCIIDigit(s[j + 1]) { return nil }
        }
        if i > 0, "$£€¥#".unicodeScalars.contains(s[i - 1]) && s[i - 1] != "#" { return nil }
        if n == 8 {
            // YYYYMMDD
            let y = (0..<4).reduce(0) { $0 * 10 + Int(s[i + $1].value - 0x30) }
            let m = Int(s[i + 4].value - 0x30) * 10 + Int(s[i + 5].value - 0x30)
            let d = Int(s[i + 6].value - 0x30) * 10 + Int(s[i + 7].value - 0x30)
            if y >= 1990 && y <= 2039 && m >= 1 && m <= 12 && d >= 1 && d <= 31 { return nil }
        }
        // A unit or a counted noun after it.
        var w = j
        while w < s.count, s[w] == " " { w += 1 }
        var e = w
        while e < s.count, ScalarClass.isAlnum(s[e]) { e += 1 }
        if e > w, w - j <= 1, Self.units.contains(s, w, e) { return nil }
        return j
    }

    static let units = WordSet([
        "bytes", "byte", "b", "kb", "mb", "gb", "tb", "bits", "records", "rows", "events", "lines", "packets",
        "requests", "hits", "users", "files", "entries", "emails", "mails", "messages", "euros", "euro", "dollars",
        "usd", "eur", "gbp", "chf", "jpy", "btc", "sats", "satoshi", "satoshis", "ms", "seconds", "s", "pps", "bps",
        "datensätze", "dateien", "octets", "fichiers", "registos", "registros", "arquivos", "ficheiros", "件", "円",
    ], folded: true)

    /// Exactly 12 digits standing alone: an AWS account id.
    /// AWS access key ids: AKIA (long-term) or ASIA (temporary) and the
    /// like, then 16 capitals or digits; they name the member's account.
    func awsKeyID(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        guard i + 20 <= s.count, Self.awsKeyPrefixes.contains(s, i, i + 4) else { return nil }
        for k in (i + 4)..<(i + 20) {
            let v = s[k].value
            guard (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) else { return nil }
        }
        return i + 20
    }
    static let awsKeyPrefixes = WordSet(["AKIA", "ASIA", "AIDA", "AROA", "AGPA", "ANPA", "ANVA", "AIPA"], folded: false)

    func awsAccount(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        var j = i
        while digit(s, j) { j += 1 }
        return j - i == 12 ? j : nil
    }

    /// International (+44 20 7946 0958, +1 (415) 555-0132), national with a
    /// trunk zero (020 7946 0321, 03-1234-5678, 01 45 67 89 10, 02131 6640-0) and North
    /// American ((212) 555-0187, 415-555-0132) phone numbers.
    func phone(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        var j = i
        var digits = 0
        // The groups' lengths: how many, the first, the shortest, and
        // whether they are 3, 3, 4 (no array per call).
        var groupCount = 0, firstGroup = 0, shortestGroup = Int.max, restShortest = Int.max, lastGroup = 0
        var shortestBeforeLast = Int.max
        var lastSeparator: Unicode.Scalar = " "
        var nanp = true
        let plus = s[i] == "+"
        if plus { j += 1 }
        var sawParen = false
        var lastEnd = i
        while j < s.count {
            var k = j
            var paren = false
            if s[k] == "(" { paren = true; k += 1 }
            let g = k
            while digit(s, k) { k += 1 }
            if k == g { break }
            let len = k - g
            if paren { guard k < s.count, s[k] == ")" else { break }; k += 1; sawParen = true }
            if groupCount == 0 { firstGroup = len } else { restShortest = min(restShortest, len); shortestBeforeLast = min(shortestBeforeLast, lastGroup) }
            lastGroup = len
            if groupCount >= 3 || len != (groupCount == 2 ? 4 : 3) { nanp = false }
            groupCount += 1
            shortestGroup = min(shortestGroup, len)
            digits += len
            lastEnd = k
            // separator: one space, dash, dot (not both), or none before "(".
            if k < s.count, s[k] == " " || s[k] == "-" || s[k] == "." || s[k] == "\u{00A0}",
               k + 1 < s.count, digit(s, k + 1) || s[k + 1] == "(" {
                lastSeparator = s[k]
                j = k + 1
            } else if k < s.count, s[k] == "(" {
                j = k
            } else if paren, k < s.count, digit(s, k) {
                j = k // +49 (0)2131 7702-415: the number goes on after the bracket
            } else {
                break
            }
            if digits > 15 { return nil }
        }
        guard groupCount > 0, !alnum(s, lastEnd) else { return nil }
        if lastEnd < s.count, s[lastEnd] == "." || s[lastEnd] == "-" || s[lastEnd] == ":", digit(s, lastEnd + 1) { return nil }
        if plus {
            return digits >= 8 && digits <= 15 && firstGroup <= 3 || (digits >= 8 && digits <= 15 && groupCount == 1) ? lastEnd : nil
        }
        if groupCount < 2 { return nil }
        if s[i] == "(" {
            if digits == 10 && firstGroup == 3 { return lastEnd } // (212) 555-0187
            // An area code in brackets before the subscriber number, as most
            // countries write it: (11) 98765-4321, (020) 7946 0321,
            // (0203) 44712290. The groups after the brackets have three
            // digits or more, and the bracketed group is not a year.
            let year = firstGroup == 4 && (s[i + 1] == "1" || s[i + 1] == "2")
            return sawParen && firstGroup >= 2 && firstGroup <= 5 && !year && digits >= 9 && digits <= 12
                && restShortest >= 3 && lastGroup >= 4 ? lastEnd : nil
        }
        if s[i] == "0" {
            // A switchboard's extension after a dash may be one digit: "02131 6640-0".
            let extensionLast = groupCount >= 3 && lastSeparator == "-" && shortestBeforeLast >= 3
            return digits >= 9 && digits <= 12 && (shortestGroup >= 2 || extensionLast) && firstGroup <= 5 ? lastEnd : nil
        }
        // NANP 415-555-0132 / 415 555 0132.
        return !sawParen && nanp && groupCount == 3 ? lastEnd : nil
    }

    /// CORP\jdoe, ACMEBANK\svc_backup — not paths (C:\Windows, Users\Public).
    func domainUser(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        guard let d = run(s, i, { ScalarClass.isASCIIAlnum($0) || $0 == "-" || $0 == "_" || $0 == "." }),
              d < s.count, s[d] == "\\", d - i >= 2, d - i <= 15,
              let e = run(s, d + 1, { ScalarClass.isASCIIAlnum($0) || $0 == "-" || $0 == "_" || $0 == "." || $0 == "$" }),
              e - d > 2, !(e < s.count && (s[e] == "\\" || ScalarClass.isAlnum(s[e]))) else { return nil }
        var domain = "", user = ""
        domain.unicodeScalars.append(contentsOf: s[i..<d])
        user.unicodeScalars.append(contentsOf: s[(d + 1)..<e])
        if Self.notDomains.contains(domain.lowercased()) || Self.notUsers.contains(user.lowercased()) { return nil }
        var end = e
        while end > d + 1, s[end - 1] == "." { end -= 1 }
        return end
    }

    static let notDomains: Set<String> = [
        "nt", "authority", "builtin", "windows", "system32", "users", "programdata", "appdata", "program",
        "temp", "tmp", "local", "roaming", "software", "microsoft", "hklm", "hkcu", "hkey_local_machine",
        "hkey_current_user", "currentcontrolset", "services", "drivers", "etc", "desktop", "documents",
        "downloads", "public", "sysvol", "netlogon", "policies", "scripts", "c$", "admin$", "ipc$",
    ]
    static let notUsers: Set<String> = ["system", "local service", "network service", "administrators", "users"]

    /// j.doe, tmorgan2, adm-rkumar, svc_backup — lower-case user-name shapes.
    func handle(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        func lower(_ k: Int) -> Bool { k < s.count && s[k].value >= 0x61 && s[k].value <= 0x7A }
        guard lower(i) else { return nil }
        // j.doe, r.kumar2 (a digit or two after the name)
        if i + 1 < s.count, s[i + 1] == ".", let l = run(s, i + 2, { $0.value >= 0x61 && $0.value <= 0x7A }), l - i - 2 >= 3 {
            var e = l
            if let d = run(s, l, ScalarClass.isASCIIDigit), d - l <= 2 { e = d }
            if e < s.count, s[e] == "." && alnum(s, e + 1) || s[e] == "@" || s[e] == "(" || s[e] == "[" { return nil }
            var tail = ""; tail.unicodeScalars.append(contentsOf: s[(i + 2)..<l])
            return Vocabulary.fileExtensions.contains(tail) || Vocabulary.isTLD(tail) || Self.codeWords.contains(tail) ? nil : e
        }
        guard let letters = run(s, i, { $0.value >= 0x61 && $0.value <= 0x7A }) else { return nil }
        // adm-rkumar, svc_backup
        if letters < s.count, s[letters] == "-" || s[letters] == "_", Self.accountPrefixes.contains(s, i, letters),
           let e = run(s, letters + 1, { ($0.value >= 0x61 && $0.value <= 0x7A) || ScalarClass.isASCIIDigit($0) || $0 == "." || $0 == "_" }),
           e - letters > 3 {
            return e
        }
        // adm.kschmidt, ext.fsantos: an account prefix, a dot, one plain
        // lower-case name (not a file, a domain or a code word).
        if letters < s.count, s[letters] == ".", Self.accountPrefixes.contains(s, i, letters),
           let e = run(s, letters + 1, { ($0.value >= 0x61 && $0.value <= 0x7A) || ScalarClass.isASCIIDigit($0) }),
           e - letters > 4, !(e < s.count && (s[e] == "@" || (s[e] == "." && alnum(s, e + 1)))) {
            var tail = ""; tail.unicodeScalars.append(contentsOf: s[(letters + 1)..<e])
            if !Vocabulary.fileExtensions.contains(tail), !Vocabulary.isTLD(tail), !Self.codeWords.contains(tail) { return e }
        }
        // tmorgan2
        let len = letters - i
        if len >= 5, len <= 10, let e = run(s, letters, ScalarClass.isASCIIDigit), e - letters <= 2,
           !Self.productStems.contains(s, i, letters), !(e < s.count && (s[e] == "." || s[e] == "-")) {
            return e
        }
        return nil
    }

    static let accountPrefixes = WordSet(["adm", "admin", "svc", "srv", "sa", "da", "ext", "tmp", "test", "t0", "t1", "t2", "ops"], folded: false)
    static let codeWords: Set<String> = ["out", "log", "the", "and", "com", "get", "set"]
    /// Words that take a version number and are not user names.
    static let productStems = WordSet(productStemWords, folded: false)
    static let productStemWords: [String] = [
        "windows", "office", "python", "ubuntu", "debian", "centos", "server", "exchange", "outlook", "chrome",
        "firefox", "kernel", "vmware", "version", "oracle", "redhat", "fedora", "android", "iphone", "galaxy",
        "macos", "access", "teams", "sharepoint", "system", "service", "backup", "update", "shadow", "sqlserver",
        "mimikatz", "qakbot", "emotet", "lockbit", "conti", "blackcat", "trickbot", "icedid", "sliver", "alphv",
        "postgres", "mysql", "tomcat", "apache", "nginx", "jenkins", "openssl", "openssh", "moveit", "citrix",
        "fortios", "panos", "junos", "vsphere", "esxi", "vcenter", "azure", "intune", "defender", "sentinel",
        "powershell", "bash", "perl", "ruby", "java", "node", "react", "angular", "django", "spring", "hadoop",
        "level", "phase", "stage", "tier", "step", "round", "wave", "group", "team", "site", "zone", "layer",
        "module", "sample", "variant", "payload", "beacon", "stager", "loader", "dropper", "agent", "build",
        "release", "patch", "hotfix", "sprint", "class", "room", "floor", "block", "building", "section",
        "chapter", "annex", "table", "figure", "report", "draft", "slide", "page", "part",
        // Windows binaries and libraries with a bitness suffix (rundll32,
        // regsvr32, advapi32): tools an attacker ran, facts to keep.
        "rundll", "regsvr", "advapi", "netapi", "crypt", "comctl", "shell", "secur", "dnsapi", "wldap", "mscoree",
        "oleaut", "iphlpapi", "wsock", "winspool",
    ]

    /// INC0012345, RITM0045678, CHG0031337 (ServiceNow-style); with a dash,
    /// `reference`.
    func ticket(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        guard let letters = run(s, i, { $0.value >= 0x41 && $0.value <= 0x5A }) else { return nil }
        guard Self.ticketPrefixes.contains(s, i, letters), let e = run(s, letters, ScalarClass.isASCIIDigit), e - letters >= 5 else { return nil }
        return e
    }
    static let ticketPrefixes = WordSet(["INC", "RITM", "CHG", "REQ", "PRB", "TASK", "SCTASK", "SR", "CS", "CASE", "TKT", "SIR", "SEC"], folded: false)

    /// Case, claim, police and ticket references: two to six capital
    /// letters, then dash-separated digit groups with five digits or more in
    /// all and three or more in the last (NFIB-26-0471193, GLPI-77821,
    /// BC-2026-008812), or two in the last of three groups or more that are
    /// no date (ZAC-2024-0921-17) or of two groups after no year
    /// (MI-2311-04), or four after a ticket's prefix (PRB-2201); one capital letter before one group of six digits or
    /// more (W-118734 — not a SID's S-1-5-32-544, nor a CVE id cut short,
    /// "E-2024-21762"); or one zero-padded group of four digits (IR-0931).
    /// Advisory and standard ids are facts, not references
    /// (`advisoryPrefixes`: CVE-, ZDI-, VMSA-, ISO- …); a CVE id is also kept
    /// by the keep list.
    func reference(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        guard let letters = run(s, i, { $0.value >= 0x41 && $0.value <= 0x5A }), letters - i <= 6,
              letters < s.count, s[letters] == "-", !Self.advisoryPrefixes.contains(s, i, letters) else { return nil }
        var k = letters
        var digits = 0
        var last = 0
        var groups = 0
        while k < s.count, s[k] == "-", let e = run(s, k + 1, ScalarClass.isASCIIDigit) {
            last = e - k - 1
            digits += last
            groups += 1
            k = e
        }
        if letters - i == 1 { return groups == 1 && digits >= 6 ? k : nil }
        // One zero-padded group of four is a sequence number (IR-0931): a
        // year, a key length or a count has no leading zero.
        if groups == 1, last == 4, s[letters + 1] == "0" { return k }
        // A ticket's prefix needs no more than four (PRB-2201, SIR-7731).
        if groups == 1, last >= 4, Self.ticketPrefixes.contains(s, i, letters) { return k }
        // Three groups or more may end in a short one (ZAC-2024-0921-17),
        // unless they read as a date (LOG-2024-09-17).
        if groups >= 3, digits >= 8, last >= 2, !(groups == 3 && digits == 8) { return k }
        // Two groups, six digits or more, the last of two after no year
        // (MI-2311-04; not FY-2024-03, a month).
        if groups == 2, digits >= 6, last == 2,
           !(digits == 6 && (s[letters + 1] == "1" && s[letters + 2] == "9" || s[letters + 1] == "2" && s[letters + 2] == "0")) {
            return k
        }
        return digits >= 5 && last >= 3 ? k : nil
    }
    static let advisoryPrefixes = WordSet([
        "CVE", "CWE", "CAPEC", "ZDI", "GHSA", "KB", "MS", "ISO", "IEC", "EN", "RFC", "NIST", "SP", "BOD", "ED", "AA",
        "ICSA", "ICSMA", "VU", "USN", "DSA", "DLA", "RHSA", "RHBA", "RHEA", "ALAS", "ELSA", "JVN", "JVNDB", "BDU",
        "CNVD", "CNNVD", "EUVD", "CERTFR", "SSA", "FG", "VMSA", "APSB", "TRA", "ESA", "NTAP", "HPSBHF", "TALOS",
        "OSVDB", "EDB", "PSA", "SA", "CERTA", "WID", "BSI", "NCSC", "CISA", "DIN", "IEEE", "ETSI", "FIPS",
    ], folded: false)

    /// Host names in naming conventions: at least two dash-separated parts
    /// with letters and a digit somewhere (FIN-SRV-042, LDN-DC01, dub-sql-clm02,
    /// WKS-4471-LT). Lower-case names need a part mixing letters and digits
    /// or a zero-padded number (so "top-10-list" stays).
    func namedHost(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        guard let e = run(s, i, { ScalarClass.isASCIIAlnum($0) || $0 == "-" || $0 == "_" }) else { return nil }
        var end = e
        while end > i, s[end - 1] == "-" || s[end - 1] == "_" { end -= 1 }
        guard end - i >= 5, s[i..<end].contains(where: { $0 == "-" || $0 == "_" }), !(end < s.count && (ScalarClass.isAlnum(s[end]) || s[end] == "." && alnum(s, end + 1))) else { return nil }
        // One walk over the dash/underscore-separated parts, in place:
        // each part's length, whether it has a letter or a digit, whether
        // it is a zero-padded number, and whether a lettered part is a
        // technical word.
        var partCount = 0, lettered = 0
        var anyDigitPart = false, mixedPart = false, paddedNumber = false
        var hasUpper = false, hasLower = false
        var p = i
        while p <= end {
            var q = p
            var letters = false, digits = false
            while q < end, s[q] != "-", s[q] != "_" {
                let v = s[q].value
                if v >= 0x30 && v <= 0x39 { digits = true } else {
                    letters = true
                    if v >= 0x41 && v <= 0x5A { hasUpper = true } else if v >= 0x61 && v <= 0x7A { hasLower = true }
                }
                q += 1
            }
            let length = q - p
            if length == 0 || length > 12 { return nil }
            // A French or Portuguese clock time ("10h05-11h40") is no host.
            if length >= 4, length <= 5, s[q - 3] == "h" || s[q - 3] == "H",
               (p..<q).allSatisfy({ $0 == q - 3 || ScalarClass.isASCIIDigit(s[$0]) }) { return nil }
            partCount += 1
            if letters {
                lettered += 1
                if Self.techWordSet.contains(s, p, q) { return nil }
            }
            if digits { anyDigitPart = true }
            if digits && letters { mixedPart = true }
            if length >= 2, !letters, s[p] == "0" { paddedNumber = true }
            p = q + 1
        }
        guard partCount >= 2, lettered >= 2, anyDigitPart else { return nil }
        if hasUpper && !hasLower { return end }
        return mixedPart || paddedNumber ? end : nil
    }

    /// A hardware model after its vendor or product family, not a host:
    /// "Cisco Nexus 9336C-FX2", "Catalyst C9300-48P", "ASA 5516-X",
    /// "ProLiant DL380-G10", "Juniper SRX345". The word before is in the keep
    /// vocabulary or a product family, and the token reads as a model: its
    /// first part has a digit, or its last part is a model suffix (600E, 48P,
    /// K9, FX2). A host after a product word ("FortiGate FW-LDN-01",
    /// "Cisco LDN-RTR-02") is still a host.
    func modelAfterProduct(_ text: ScanText, _ i: Int, _ e: Int) -> Bool {
        let s = text.scalars
        // The word before, across one space.
        guard i >= 3, s[i - 1] == " " else { return false }
        var b = i - 1
        while b > 0, ScalarClass.isAlnum(s[b - 1]) || s[b - 1] == "-" { b -= 1 }
        guard b < i - 1, Self.productWords.contains(s, b, i - 1) else { return false }
        // The token's parts.
        var firstHasDigit = false
        var p = i
        while p < e, s[p] != "-", s[p] != "_" {
            if ScalarClass.isASCIIDigit(s[p]) { firstHasDigit = true }
            p += 1
        }
        if p == e {
            // One part (MX204, EX4300, SRX1500): at most three letters and a
            // number of three digits or more that is not zero-padded.
            var l = i
            while l < e, Self.asciiLetter(s[l]) { l += 1 }
            return l - i >= 1 && l - i <= 3 && e - l >= 3 && s[l] != "0"
                && (l..<e).allSatisfy { ScalarClass.isASCIIDigit(s[$0]) }
        }
        if firstHasDigit { return true }
        // A part that starts with a digit and has letters (2CD2143G2, 48P).
        var k = p + 1
        while k < e {
            var m = k
            var letters = false
            while m < e, s[m] != "-", s[m] != "_" { if Self.asciiLetter(s[m]) { letters = true }; m += 1 }
            if ScalarClass.isASCIIDigit(s[k]), letters { return true }
            k = m + 1
        }
        var q = e
        while q > i, s[q - 1] != "-", s[q - 1] != "_" { q -= 1 }
        guard q > i else { return false }
        // 5516-X, ASR1001-X: a one-letter last part; or a model suffix.
        return (e - q == 1 && Self.asciiLetter(s[q])) || Self.modelSuffix(s, q, e)
    }

    /// 600E, 48P, 60F (digits then one or two letters); K9, G10, FX2 (one or
    /// two letters then a number that is not zero-padded).
    static func modelSuffix(_ s: [Unicode.Scalar], _ p: Int, _ e: Int) -> Bool {
        var k = p
        while k < e, ScalarClass.isASCIIDigit(s[k]) { k += 1 }
        let digits = k - p
        if digits >= 1 {
            var l = k
            while l < e, Self.asciiLetter(s[l]) { l += 1 }
            return l == e && l - k >= 1 && l - k <= 2
        }
        while k < e, Self.asciiLetter(s[k]) { k += 1 }
        let letters = k - p
        guard letters >= 1, letters <= 2, k < e, s[k] != "0" else { return false }
        var l = k
        while l < e, ScalarClass.isASCIIDigit(s[l]) { l += 1 }
        return l == e && l - k <= 2
    }

    @inline(__always) static func asciiLetter(_ c: Unicode.Scalar) -> Bool {
        let v = c.value | 0x20
        return v >= 0x61 && v <= 0x7A
    }

    /// Words before a hardware model: the first words of the keep
    /// vocabulary's names (Cisco, FortiGate, Juniper …) and product families
    /// that are not in it. Not generic nouns ("server", "firewall"): a host
    /// name follows those as often as a model does.
    static let productWords = WordSet(Vocabulary.keepNames.compactMap { $0.split(separator: " ").first.map(String.init) } + [
        "nexus", "catalyst", "meraki", "isr", "asr", "firepower", "proliant", "poweredge", "powervault", "powerstore",
        "thinkpad", "thinksystem", "latitude", "optiplex", "elitebook", "probook", "aruba", "procurve", "firebox",
        "fortiswitch", "fortiap", "fortianalyzer", "fortimanager", "fortisiem", "fortimail", "srx", "qfx", "pa", "tz", "nsa", "ucs",
        "hyperflex", "nimble", "primera", "netapp", "storeonce", "idrac", "ilo", "viprion", "stormshield", "xgs",
        "edgerouter", "unifi", "routerboard", "ccr", "simatic", "scalance", "modicon", "controllogix", "compactlogix",
        "micrologix", "asa", "model", "modell", "modèle", "modelo",
    ], folded: true)

    /// One-part host names: a server-role word, optionally after a short
    /// site code and before an environment, then a number — DC01, FS02,
    /// SQLPROD3, LDNDC01, exch02, web01. All upper or all lower case
    /// ("Web3" is a word); a four-digit year-like number is a version
    /// (SQL2019, WS2012), not a host.
    func singleHost(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        var j = i
        var upper = 0, lower = 0
        while j < s.count, s[j].value < 0x80 {
            let v = s[j].value
            if v >= 0x41 && v <= 0x5A { upper += 1 } else if v >= 0x61 && v <= 0x7A { lower += 1 } else { break }
            j += 1
        }
        let letters = j - i
        guard letters >= 2, letters <= 12, upper == 0 || lower == 0 else { return nil }
        var k = j
        var number = 0
        while k < s.count, ScalarClass.isASCIIDigit(s[k]), k - j <= 6 { number = number * 10 + Int(s[k].value - 0x30); k += 1 }
        let digits = k - j
        guard digits >= 1, digits <= 6, !(k < s.count && ScalarClass.isAlnum(s[k])) else { return nil }
        if digits == 4 && number >= 1990 && number <= 2039 { return nil }
        if k < s.count, s[k] == "." || s[k] == "-" || s[k] == "_", k + 1 < s.count, ScalarClass.isAlnum(s[k + 1]) { return nil }
        var word = ""
        for c in s[i..<j] { word.unicodeScalars.append(Unicode.Scalar(UInt8(c.value | 0x20))) }
        // rundll32, regsvr32 ("svr" is a role): Windows binaries.
        if Self.binaryStems.contains(s, i, j) { return nil }
        // ESX7, ESXi8: the product's major version, not a host (hosts are
        // numbered ESX01, esx-12).
        if digits == 1, word == "esx" || word == "esxi" { return nil }
        var stem = Substring(word)
        if let env = Self.hostEnvironments.first(where: { stem.count > $0.count && stem.hasSuffix($0) }) { stem = stem.dropLast(env.count) }
        guard digits <= 4, let role = Self.hostRoles.first(where: { stem.hasSuffix($0) }), stem.count - role.count <= 4 else {
            // No role word, but a zero-padded number: machines are numbered
            // that way, words and versions are not (NGHTHEATRE03, atlas007,
            // kiosk0412). Not ATT&CK-like ids (TA0001: two letters), months
            // (JAN01), or the technical and document words of `productStems`
            // and `techWords` (PHASE01, DAY02, RFC0791).
            if letters >= 3, digits >= 2, s[j] == "0", !Self.notHostStems.contains(s, i, j), !Self.techWordSet.contains(s, i, j) {
                return k
            }
            return nil
        }
        var whole = word
        for c in s[j..<k] { whole.unicodeScalars.append(c) }
        return Self.notHosts.contains(whole) ? nil : k
    }

    /// Server roles in host naming conventions.
    static let hostRoles: [String] = [
        "dc", "rodc", "pdc", "adc", "fs", "file", "sql", "db", "web", "app", "exch", "exc", "mail", "mbx", "mx", "smtp",
        "srv", "svr", "print", "prn", "hv", "esx", "esxi", "vcsa", "nas", "san", "bkp", "backup", "rds", "ctx", "adfs",
        "pki", "dhcp", "dns", "wsus", "sccm", "mecm", "jump", "jmp", "bastion", "fw", "vpn", "proxy", "prx", "lb",
        "wks", "pc", "lt", "lap", "kiosk", "pos", "atm", "hmi", "plc", "scada", "erp", "crm", "git", "siem", "nms",
        "ntp", "ftp", "sftp", "ldap", "vdi", "nps", "radius", "wlc", "rtr", "sw", "ids", "dmz", "gw", "ws", "vm",
    ].sorted { $0.count > $1.count }
    /// Windows binaries and libraries with a bitness suffix.
    static let binaryStems = WordSet(["rundll", "regsvr", "advapi", "netapi", "crypt", "comctl", "shell", "secur", "dnsapi",
                                      "wldap", "mscoree", "oleaut", "iphlpapi", "wsock", "winspool", "kernel", "gdi",
                                      "msvcr", "ws2_", "wow"], folded: true)

    /// Words before a zero-padded number that do not make a host name.
    static let notHostStems = WordSet(productStemWords + [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "vlan", "port", "fig", "item", "line", "row", "col", "ver", "rev", "rel", "run", "lot", "batch", "episode",
        "sample", "doc", "img", "pic", "photo", "scan", "frame",
    ], folded: true)

    /// Products and terms that have a host's shape.
    static let notHosts: Set<String> = ["db2", "web2", "web3", "ws1", "pos1", "pos2"]
    /// Environment suffixes after the role: SQLPROD3, webdev02.
    static let hostEnvironments: [String] = ["prod", "prd", "dev", "test", "tst", "uat", "stg", "qa", "dr"]

    /// `techWords` looked up in place, case-folded.
    static let techWordSet = WordSet(techWords, folded: true)

    /// Parts that make a dashed token a cipher, standard or product, not a host.
    static let techWords: Set<String> = [
        "aes", "sha", "sha1", "sha2", "sha3", "md5", "rsa", "dsa", "ecdsa", "ecdh", "gcm", "cbc", "ctr", "hmac", "tls",
        "ssl", "utf", "iso", "iec", "rfc", "nist", "sp", "pci", "dss", "chacha20", "poly1305", "x25519", "ed25519",
        "curve25519", "p256", "win32", "win64", "x64", "x86", "arm64", "amd64", "ipv4", "ipv6", "wpa2", "wpa3",
        "ieee", "http", "http2", "smbv1", "smbv2", "ntlmv1", "ntlmv2", "log4j", "covid", "gpt", "cve", "cwe",
        "ghsa", "capec", "cvss", "ms", "kb", "mitre", "attack", "nis2", "dora", "gdpr", "soc2", "fips", "pkcs",
        "base64", "utf8", "utf16", "h264", "mp4", "kerberos", "ntlm", "rc4", "des", "3des", "wi", "fi",
        "fortigate", "fortios", "pan", "pa", "mx", "srx", "asa", "catalyst", "nexus", "type", "level", "tier",
        "phase", "stage", "step", "day", "days", "hour", "hours", "week", "weeks", "month", "year", "top",
    ]

    // MARK: - keyword context

    /// A number after a word that says what it is: "account 31926819",
    /// "Badge #7731", "sort code 60-16-13", "Konto 1234567", "社員番号SK-004512".
    func keyword(_ text: ScanText, _ i: Int, _ out: inout [Candidate]) {
        let s = text.scalars
        guard let kwEnd = Keywords.match(s, i) else { return }
        var j = kwEnd
        if j < s.count, s[j] == "." || s[j] == "-" { j += 1 } // "ext. 4471", "Tel. 0170 …", "TeamViewer-ID"
        var skipped = 0
        var ofSkipped = false
        while j < s.count, skipped <= 4 {
            // Skip spaces and punctuation.
            while j < s.count, s[j] == " " || s[j] == ":" || s[j] == "#" || s[j] == "\u{00A0}" || s[j] == "：" || s[j] == "(" || s[j] == "\u{FF08}"
                || s[j] == "は" || s[j] == "第" { j += 1 } // "口座番号は848-219377-838", "受理番号第2024-4518号"
            guard j < s.count else { return }
            // Asked for, answered on the next line: "Pode indicar-me o seu
            // número de colaborador?\nChamador: É o 40219."
            if s[j] == "?" || s[j] == "\u{FF1F}" { answer(text, afterQuestion: j, &out); return }
            // A token.
            var k = j
            var digits = 0, letters = 0
            while k < s.count {
                let c = s[k]
                if ScalarClass.isASCIIDigit(c) { digits += 1; k += 1; continue }
                if ScalarClass.isAlnum(c) { letters += 1; k += 1; continue }
                if c == "-" || c == "/" || c == "_", k + 1 < s.count, ScalarClass.isAlnum(s[k + 1]) { k += 1; continue }
                // "RT#558213", "412/24.0JFLSB": "#" before a digit, "." inside
                // a token that already holds digits.
                if c == "#" || (c == "." && digits > 0), k > j, k + 1 < s.count,
                   c == "#" ? ScalarClass.isASCIIDigit(s[k + 1]) : ScalarClass.isAlnum(s[k + 1]) { k += 1; continue }
                // Groups of three digits after a first short one: "1 482 907 316".
                if c == " ", k > j, digits <= 3, digits == k - j, let g = Self.threeDigitGroups(s, k) { k = g; digits += 9; continue }
                // A German file number's register between digit groups:
                // "315 UJs 4471/24", "12 Js 345/26".
                if c == " ", k > j, ScalarClass.isASCIIDigit(s[k - 1]), let g = Self.registerGroup(s, k + 1) { k = g; continue }
                // A space between digit groups: "4417 1234 5678 9113"; after
                // eight digits a last short group too ("0035 0651 00012345678 91").
                if c == " ", k > j, ScalarClass.isASCIIDigit(s[k - 1]), digits >= 2,
                   k + 4 < s.count, (1...4).allSatisfy({ ScalarClass.isASCIIDigit(s[k + $0]) }) { k += 1; continue }
                if c == " ", k > j, ScalarClass.isASCIIDigit(s[k - 1]), digits >= 8,
                   k + 2 < s.count, ScalarClass.isASCIIDigit(s[k + 1]), ScalarClass.isASCIIDigit(s[k + 2]) {
                    var g = k + 1
                    while g < s.count, ScalarClass.isASCIIDigit(s[g]) { g += 1 }
                    if g - k - 1 <= 4, !(g < s.count && ScalarClass.isAlnum(s[g])) { k += 1; continue }
                }
                break
            }
            if k == j { return }
            // Digits and dots only ("TeamViewer 15.2", "ref 2.4"): a version or an amount.
            if letters == 0, s[j..<k].contains("."), s[j..<k].allSatisfy({ $0 == "." || ScalarClass.isASCIIDigit($0) }) { return }
            let enough = Keywords.needsFour.contains(s, i, kwEnd) ? digits >= 4 : digits >= 3
            // A count after "of": "la base des comptes de 212 courtiers",
            // "accounts of 300 users" — a short number before a word.
            if ofSkipped, letters == 0, digits < 5, k + 1 < s.count, s[k] == " ", PersonDetector.isLower(s[k + 1]) { return }
            if enough || (digits >= 2 && letters >= 1) {
                if !text.touchesPlaceholder(j, k) { out.append(Candidate(kind: .id, start: j, end: k)) }
                listed(text, after: k, &out)
                return
            }
            guard Keywords.fillers.contains(s, j, k)
                || (Keywords.bankWords.contains(s, i, kwEnd) && Keywords.bankFillers.contains(s, j, k)) else { return }
            if Keywords.ofWords.contains(s, j, k) { ofSkipped = true }
            j = k
            if j < s.count, s[j] == "." || s[j] == "°" || s[j] == "º" { j += 1 }
            skipped += 1
        }
    }
}

extension IdentifierDetector {
    /// The number that answers a question for one (`keyword`): the first
    /// token of four digits or more on the line after the "?" at `q` (digits
    /// with "-" or "/" inside; a year, 19xx or 20xx, is passed over).
    func answer(_ text: ScanText, afterQuestion q: Int, _ out: inout [Candidate]) {
        let s = text.scalars
        var j = q + 1
        while j < s.count, j - q <= 3, s[j] == " " || s[j] == "\"" || s[j] == "\u{201D}" { j += 1 }
        guard j < s.count, s[j] == "\n" || s[j] == "\r" else { return }
        while j < s.count, s[j] == "\n" || s[j] == "\r" { j += 1 }
        let limit = min(s.count, j + 80)
        while j < limit, s[j] != "\n" {
            guard ScalarClass.isASCIIDigit(s[j]), !text.isWordy(at: j - 1) else { j += 1; continue }
            var k = j, digits = 0
            while k < s.count, ScalarClass.isASCIIDigit(s[k]) || ((s[k] == "-" || s[k] == "/") && k + 1 < s.count && ScalarClass.isASCIIDigit(s[k + 1])) {
                if ScalarClass.isASCIIDigit(s[k]) { digits += 1 }
                k += 1
            }
            let year = digits == 4 && k - j == 4 && (s[j] == "1" && s[j + 1] == "9" || s[j] == "2" && s[j + 1] == "0")
            if year || digits < 4 { j = k; continue }
            if !(k < s.count && ScalarClass.isAlnum(s[k])), !text.touchesPlaceholder(j, k) {
                out.append(Candidate(kind: .id, start: j, end: k))
            }
            return
        }
    }

    /// The end of two or more groups of three digits, each after one space,
    /// starting at the space `i` (" 482 907 316"); nil otherwise.
    static func threeDigitGroups(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        var k = i
        var groups = 0
        while k + 3 < s.count, s[k] == " ", (1...3).allSatisfy({ ScalarClass.isASCIIDigit(s[k + $0]) }),
              !(k + 4 < s.count && ScalarClass.isAlnum(s[k + 4])) {
            k += 4
            groups += 1
        }
        return groups >= 2 ? k : nil
    }

    /// The end of a file number's register group starting at `i` — one to
    /// four letters from a capital, a space, then a digit ("UJs 4471/24";
    /// not "and 3 more") — at the digit; nil otherwise.
    static func registerGroup(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        guard i < s.count, s[i].value >= 0x41, s[i].value <= 0x5A else { return nil }
        var k = i
        while k < s.count, k - i < 5, asciiLetter(s[k]) { k += 1 }
        guard k > i, k - i <= 4, k + 1 < s.count, s[k] == " ", ScalarClass.isASCIIDigit(s[k + 1]) else { return nil }
        return k + 1
    }

    /// More numbers listed after a keyword's number: "staff numbers
    /// NGH004471 and NGH004488", "Konten 1234567, 7654321 und 1112223".
    /// Each has digits and no more than a few letters, like the first.
    func listed(_ text: ScanText, after end: Int, _ out: inout [Candidate]) {
        let s = text.scalars
        var j = end
        for _ in 0..<8 {
            var k = j
            var joiner = false
            while k < s.count, s[k] == " " || s[k] == "," || s[k] == "/" || s[k] == "&" || s[k] == ";" { if s[k] != " " { joiner = true }; k += 1 }
            // "and", "und", "et", "e", "y", "or", "oder", "ou".
            var w = k
            while w < s.count, IdentifierDetector.asciiLetter(s[w]) { w += 1 }
            if w > k, w - k <= 4, Keywords.conjunctions.contains(s, k, w), w < s.count, s[w] == " " {
                joiner = true
                k = w
                while k < s.count, s[k] == " " { k += 1 }
            }
            guard joiner, k < s.count, ScalarClass.isAlnum(s[k]), !text.isWordy(at: k - 1) else { return }
            var e = k, digits = 0, letters = 0
            while e < s.count {
                if ScalarClass.isASCIIDigit(s[e]) { digits += 1; e += 1; continue }
                if ScalarClass.isAlnum(s[e]) { letters += 1; e += 1; continue }
                if s[e] == "-" || s[e] == "/" || s[e] == "_", e + 1 < s.count, ScalarClass.isAlnum(s[e + 1]) { e += 1; continue }
                break
            }
            guard digits >= 3, letters <= 4, !(e < s.count && s[e] == "." && e + 1 < s.count && ScalarClass.isASCIIDigit(s[e + 1])),
                  !text.touchesPlaceholder(k, e) else { return }
            out.append(Candidate(kind: .id, start: k, end: e))
            j = e
        }
    }
}

/// Words that announce an identifying number, in the five corpus languages.
enum Keywords {
    static let latin = WordSet(latinWords, folded: true)
    static let latinWords = [
        "account", "accounts", "acct", "badge", "employee", "staff", "personnel", "payroll", "ticket", "case",
        "sort", "routing", "iban", "swift", "bic", "customer", "member", "membership", "contract", "policy",
        "konto", "kontonummer", "ausweis", "dienstausweis", "mitarbeiterausweis", "mitarbeiternummer",
        "personalnummer", "kundennummer", "vertragsnummer", "kennung",
        // Their short forms: "PersNr. 004417", "Kd.-Nr." is two words.
        "persnr", "personalnr", "mitarbeiternr", "kundennr", "vertragsnr", "ausweisnr", "versichertennr",
        // A regulator's number for the firm ("FRN 204519", the FCA register).
        "frn",
        "compte", "matricule", "identifiant", "dossier", "contrat", "matric", "matriculation",
        "conta", "crachá", "cracha", "matrícula", "matricula", "funcionário", "funcionario", "colaborador", "colaboradora", "collaborateur", "contrato", "processo",
        // Bank details and phone extensions in a form's words.
        "nib", "rib", "bsb", "aba", "clabe", "cbu", "nuban", "ext", "extension", "durchwahl", "poste", "ramal",
        "tel", "tél", "phone", "mobile", "mobil", "handy", "fax", "telefon", "téléphone", "telefone", "telemóvel",
        "telemovel", "celular", "portable", "konten", "comptes", "contas",
        // Police, regulator and fraud-office references: "Action Fraud ref
        // NFRC240719331", "Aktenzeichen 315 UJs 4471/24", "NUIPC 412/24.0JFLSB".
        "ref", "reference", "référence", "referência", "referencia", "aktenzeichen", "geschäftszeichen", "az",
        "complaint", "plainte", "nuipc", "protocolo", "ocorrência", "ocorrencia", "numéro", "número", "procédure",
        // A bank branch ("agência 0001-7") and a remote-support id ("TeamViewer-ID 1 482 907 316").
        "agência", "agencia", "teamviewer", "anydesk",
        // National ids and more case words: "CPF 318.442.097-51", "petition
        // EFCC/CYB/2024/0331", "receipt …", "procès-verbal n° 2024/118/PJ-0457".
        "cpf", "cnpj", "nif", "nie", "dni", "ssn", "nino", "petition", "receipt", "procès",
        // A supplier's or customer's account in the books: "Kreditor K-700412".
        "kreditor", "debitor", "lieferant", "vendor",
    ]
    static let conjunctions = WordSet(["and", "und", "et", "e", "y", "or", "oder", "ou", "ve"], folded: true)
    /// Keywords that also number technical things ("firewall policy 127",
    /// "case 1 of 3"): their number needs four digits.
    static let needsFour = WordSet(["policy", "case", "member", "processo", "dossier", "contract", "contrat", "contrato",
                                    "ref", "reference", "référence", "az", "referência", "referencia", "complaint", "plainte",
                                    "protocolo", "numéro", "número", "procédure", "petition", "receipt", "procès", "vendor"], folded: true)
    static let cjk: [String] = ["社員番号", "従業員番号", "口座番号", "口座", "社員証", "会員番号", "契約番号", "顧客番号", "内線", "電話番号",
                                "受理番号", "相談番号", "受付番号"]
    /// Bank-account words, after which a change of account reads "IBAN to
    /// …", "IBAN para …", "IBAN auf …" ("alteração do IBAN para PT50 …").
    /// Fillers that say "of": a count may follow them.
    static let ofWords = WordSet(["of", "de", "do", "da", "du"], folded: true)
    static let bankWords = WordSet(["iban", "nib", "rib", "konto", "kontonummer", "conta", "compte"], folded: true)
    static let bankFillers = WordSet([
        "to", "para", "auf", "vers", "sur", "for", "pour", "für",
        // The account's role: "conta de destino 4412873-5", "compte bénéficiaire".
        "destino", "destination", "beneficiário", "beneficiária", "bénéficiaire", "beneficiary", "recebedor",
        "recebedora", "receiving", "empfänger", "ziel", "zielkonto",
    ], folded: true)
    static let fillers = WordSet([
        "number", "numbers", "no", "nr", "num", "id", "ids", "code", "was", "is", "of", "de", "do", "da", "du",
        "n", "nummer", "numéro", "numero", "número", "ist", "war", "lautet", "est", "é", "foi", "ref", "reference",
        "holder", "nº", "n°", "pv", "verbal", "déposée", "déposé", "enregistrée",
    ], folded: true)

    /// Bit `n` of entry `a * 26 + b` is set when a keyword of `n` scalars
    /// starts with the ASCII letters `a` and `b` (0 for "a", either case).
    /// The first letter and length alone let one word in eight through
    /// (every "c" word of four to eight letters, "stated", "report"); the
    /// second letter rules out nearly all of them before any hashing.
    static let pairAndLength = pairTable(latinWords)

    /// The (first two letters, length) table of `words`: bit `n` of entry
    /// `a * 26 + b` is set when a word of `n` scalars starts with ASCII
    /// letters `a` and `b` (either case).
    static func pairTable(_ words: [String]) -> [UInt32] {
        var table = [UInt32](repeating: 0, count: 26 * 26)
        for word in words {
            let scalars = Array(word.lowercased().unicodeScalars)
            guard scalars.count >= 2, scalars.count < 32, let a = letterIndex(scalars[0].value),
                  let b = letterIndex(scalars[1].value) else { continue }
            table[a * 26 + b] |= 1 << UInt32(scalars.count)
        }
        return table
    }

    /// 0–25 for an ASCII letter of either case, else nil.
    @inline(__always)
    static func letterIndex(_ v: UInt32) -> Int? {
        let k = (v | 0x20) &- 0x61
        return v < 0x80 && k < 26 ? Int(k) : nil
    }

    /// Whether an all-ASCII word of `length` scalars starting with `first`
    /// and `second` may be a keyword (`pairAndLength`, passed in so a hot
    /// loop holds it): false for any word whose first two scalars are not
    /// those of a keyword that long. A "-nummer" compound is asked apart
    /// (`mayEndCompound`).
    @inline(__always)
    static func mayStart(_ first: UInt32, _ second: UInt32, length: Int, _ table: [UInt32]) -> Bool {
        guard length < 32, let a = letterIndex(first), let b = letterIndex(second) else { return false }
        return table[a * 26 + b] & (1 << UInt32(length)) != 0
    }

    /// Whether the word `i..<j` may be a "-nummer" compound (two compares;
    /// `numberCompound` decides).
    @inline(__always)
    static func mayEndCompound(_ s: [Unicode.Scalar], _ i: Int, _ j: Int) -> Bool {
        j - i >= 8 && s[j - 1].value | 0x20 == 0x72 && s[j - 2].value | 0x20 == 0x65 && s[j - 3].value | 0x20 == 0x6D
    }

    /// False only when `match(s, i)` is nil for the ASCII word `i..<j`
    /// that an ASCII scalar (or the text's end) follows: the test `match`
    /// makes before hashing, on the extent it looks at (20 scalars at most).
    @inline(__always)
    static func mayMatchASCII(_ s: [Unicode.Scalar], _ i: Int, _ j: Int, _ table: [UInt32]) -> Bool {
        let end = min(j, i + 20)
        return end - i >= 3 && (mayStart(s[i].value, s[i + 1].value, length: end - i, table) || mayEndCompound(s, i, end))
            || isAz(s, i, end)
    }

    /// "Az." (Aktenzeichen, a German file number): the one keyword of two
    /// letters, and only with its dot.
    @inline(__always)
    static func isAz(_ s: [Unicode.Scalar], _ i: Int, _ j: Int) -> Bool {
        j - i == 2 && j < s.count && s[j] == "." && s[i].value | 0x20 == 0x61 && s[i + 1].value | 0x20 == 0x7A
    }

    /// End of a keyword starting at `i`, or nil.
    static func match(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
        if ScalarClass.isCJK(s[i]) {
            for k in cjk {
                let ks = Array(k.unicodeScalars)
                if i + ks.count <= s.count, Array(s[i..<(i + ks.count)]) == ks { return i + ks.count }
            }
            return nil
        }
        var j = i
        var ascii = true
        while j < s.count, ScalarClass.isAlnum(s[j]), j - i < 20 {
            if s[j].value >= 0x80 { ascii = false }
            j += 1
        }
        if isAz(s, i, j) { return j }
        guard j - i >= 3, j - i < 28 else { return nil }
        // An ASCII word folds scalar for scalar, so its first two letters
        // and length must be a keyword's before the hash is worth taking.
        if ascii, !mayStart(s[i].value, s[i + 1].value, length: j - i, pairAndLength), !mayEndCompound(s, i, j) {
            return nil
        }
        return latin.contains(s, i, j) || numberCompound(s, i, j) ? j : nil
    }

    /// A German compound on "-nummer" says that a number follows and names
    /// what it numbers: Ausweisnummer, Versichertennummer, Rufnummer,
    /// Seriennummer, Kundenkontonummer — an identifier, unless the first part
    /// is technical (Portnummer 4444, Versionsnummer, Ereignisnummer 4625 are
    /// facts). The hyphenated form too ("Ausweis-Nummer").
    static func numberCompound(_ s: [Unicode.Scalar], _ i: Int, _ j: Int) -> Bool {
        guard j - i >= 8, s[j - 1].value | 0x20 == 0x72 else { return false } // …r
        let suffix: [UInt32] = [0x6E, 0x75, 0x6D, 0x6D, 0x65, 0x72] // "nummer"
        for k in 0..<6 where s[j - 6 + k].value | 0x20 != suffix[k] || !s[j - 6 + k].isASCII { return false }
        var stem = j - 6
        if stem > i, s[stem - 1] == "-" { stem -= 1 }
        // The linking "s" of a compound: "Versionsnummer", "Ordnungsnummer".
        if technicalStems.contains(s, i, stem) { return false }
        if stem - 1 > i, s[stem - 1].value | 0x20 == 0x73, technicalStems.contains(s, i, stem - 1) { return false }
        return true
    }

    /// First parts of "-nummer" compounds that number a technical thing,
    /// whose numbers are facts to keep.
    static let technicalStems = WordSet([
        "port", "version", "versions", "build", "event", "ereignis", "fehler", "error", "regel", "signatur",
        "patch", "release", "kb", "cve", "prozess", "thread", "zeilen", "seiten", "kapitel", "artikel",
        "paragraph", "paragrafen", "schritt", "phase", "stufe", "modell", "typ", "typen", "teile", "teil",
        "produkt", "firmware", "revision", "protokoll", "kanal", "vlan", "as", "sequenz",
    ], folded: true)
}
