extension Scrubber {
    /// A found person's initials wherever they stand as a whole token:
    /// the sign-off of a review or a handover ("RK / JD" after Rajesh Kumar
    /// and Jane Doe, "-- HS" after Hanako Sato, "KB / ÉM"), "Abstimmung mit
    /// KHW" after Katrin Hoffmann-Weiß. Initials are the capital first
    /// letters of the name's words and hyphenated parts, two to four of
    /// them; particles ("van", "de") give none.
    ///
    /// The initials of the profile's people (`profile`) count as well:
    /// a handover signed "KHW" names Katrin Hoffmann-Weiß of the member's
    /// staff list even where her name is not in the text.
    ///
    /// They must stand where initials sign or name someone: on the text's
    /// last line (when it is short and not the only one), or next to a
    /// slash, a dash, brackets or a word such as "by", "mit" or "initiales"
    /// (`signOff`) — "the DN has contents" is no person.
    ///
    /// Initials of nobody found count in a roster line before a role in
    /// brackets ("Present: HW (IG lead), MF-L (CISO)", `rosterInitials`).
    ///
    /// Left alone: a unit after a number ("50 HZ" when a Hans Zimmer was
    /// found), and the acronyms of the trade (`acronyms`), which a person's
    /// initials spell now and then (Dana Carter, "the DC").
    static func initials(_ findings: [Finding], _ text: ScanText, profile: WordSet? = nil) -> [Finding] {
        let s = text.scalars
        var patterns: [(scalars: [Unicode.Scalar], replacement: String)] = []
        func add(_ letters: [Unicode.Scalar], _ replacement: String) {
            guard letters.count >= 2, letters.count <= 4, !acronyms.contains(letters, 0, letters.count),
                  !patterns.contains(where: { $0.scalars == letters }) else { return }
            patterns.append((letters, replacement))
        }
        for f in findings where f.kind == Kind.person.rawValue {
            let letters = initials(of: s[f.start..<f.end])
            add(letters, f.replacement)
            // Two names are written in either order ("Sato Hanako", "HS").
            if letters.count == 2 { add(letters.reversed(), f.replacement) }
        }
        var extra: [Finding] = []
        var next = 0 // first finding not wholly before the token
        let tokens = text.tokens
        // The last line with something on it: a sign-off.
        var lastLine = s.count
        while lastLine > 0, s[lastLine - 1] == " " || s[lastLine - 1] == "\n" || s[lastLine - 1] == "\r" || s[lastLine - 1] == "\t" {
            lastLine -= 1
        }
        let end = lastLine
        // Only a short line after others is a sign-off (so the look back
        // stops once the line is too long for one).
        while lastLine > 0, s[lastLine - 1] != "\n", end - lastLine <= 40 { lastLine -= 1 }
        if lastLine == 0 || end - lastLine > 40 { lastLine = s.count }
        for (t, token) in tokens.enumerated() {
            // Two to four letters with some brackets or punctuation around;
            // most tokens are longer, or start lower-case.
            let v = s[token.start].value
            guard token.end - token.start <= 8, !(v >= 0x61 && v <= 0x7A) else { continue }
            let (a, b) = PlaceDetector.word(s, token)
            guard b - a >= 2, b - a <= 4, PlaceDetector.isUpper(s[a]) else { continue }
            let replacement: String
            // Asked once: it names the initials and says they stand where
            // initials name someone.
            var roster: Bool? = nil
            if let p = patterns.first(where: { $0.scalars.count == b - a && $0.scalars.elementsEqual(s[a..<b]) }) {
                replacement = p.replacement
            } else if let profile, profile.contains(s, a, b), !acronyms.contains(s, a, b) {
                replacement = Kind.person.placeholder
            } else if rosterInitials(t, a, b, s, tokens) {
                roster = true
                replacement = Kind.person.placeholder
            } else {
                continue
            }
            // "50 HZ", "3,5 TB": a unit (not "03:05 EO", a time stamp's actor).
            if t > 0, let last = s[tokens[t - 1].start..<tokens[t - 1].end].last, ScalarClass.isASCIIDigit(last),
               !(PersonDetector.mayFollowTimestamp(s, a) && PersonDetector.afterTimestamp(s, a)) { continue }
            guard a >= lastLine || signOff(t, a, b, s, tokens) || (roster ?? rosterInitials(t, a, b, s, tokens)) else { continue }
            while next < findings.count, findings[next].end <= a { next += 1 }
            guard next >= findings.count || findings[next].start >= b, !text.touchesPlaceholder(a, b) else { continue }
            extra.append(Finding(kind: Kind.person.rawValue, start: a, end: b, replacement: replacement))
        }
        if extra.isEmpty { return findings }
        return (findings + extra).sorted { $0.start < $1.start }
    }

    /// Whether the initials `s[a..<b]` (token `t`) stand where initials
    /// sign or name someone: in brackets alone ("(RK)", "(MFL):", "[VL]"),
    /// next to a slash, an arrow or after a dash ("RK / JD", "-- HS", "FL →
    /// WP"), after a RACI letter ("A JD"), after a word
    /// that names who did something ("by PZ", "mit KHW", "cc JD"), on the
    /// line after a sign-off ("Gruß\nJS"), after a timeline's time stamp
    /// ("03:05 EO escalates"), or before a verb of saying ("AN confirmed").
    static func signOff(_ t: Int, _ a: Int, _ b: Int, _ s: [Unicode.Scalar], _ tokens: [ScanText.Token]) -> Bool {
        let token = tokens[t]
        // "(RK)", "(MFL):", "[VL]".
        if a == token.start + 1, b < token.end, s[token.start] == "(" && s[b] == ")" || s[token.start] == "[" && s[b] == "]" {
            return true
        }
        @inline(__always) func mark(_ u: ScanText.Token) -> Bool {
            let n = u.end - u.start
            guard n <= 2 else { return false }
            let c = s[u.start]
            return c == "/" || c == "\u{2014}" || c == "\u{2013}" || c == "|" || c == "\u{2192}" || (c == "-" && (n == 1 || s[u.start + 1] == "-" || s[u.start + 1] == ">"))
        }
        if t > 0, mark(tokens[t - 1]) { return true }
        // "FL → WP": who wrote to whom.
        if t + 1 < tokens.count, tokens[t + 1].end - tokens[t + 1].start == 1, s[tokens[t + 1].start] == "/" || s[tokens[t + 1].start] == "\u{2192}" { return true }
        // A RACI list: "R Rajesh Kumar, A JD", "A: JD".
        if t > 0 {
            let p = tokens[t - 1]
            if p.end - p.start == 1 || (p.end - p.start == 2 && s[p.start + 1] == ":"),
               s[p.start] == "R" || s[p.start] == "A" || s[p.start] == "C" || s[p.start] == "I" { return true }
        }
        // "NOL – sessions revoked": a note's author before a dash.
        if t + 1 < tokens.count, tokens[t + 1].end - tokens[t + 1].start == 1,
           s[tokens[t + 1].start] == "\u{2013}" || s[tokens[t + 1].start] == "\u{2014}" { return true }
        if t > 0 {
            // "by PZ", "mit KHW"; a sign-off on the line before ("Gruß\nJS", "Regards,\nJS").
            let (pa, pb) = PlaceDetector.word(s, tokens[t - 1])
            if pb == tokens[t - 1].end, pb - pa <= 6, signOffCues.contains(s, pa, pb) { return true }
            // "ses initiales, MR", "Kürzel: KHW".
            if pb - pa >= 6, initialsWords.contains(s, pa, pb) { return true }
            if pb - pa >= 2, s[tokens[t - 1].end] == "\n", PersonDetector.signOffs.contains(s, pa, pb) { return true }
        }
        // A timeline entry's actor: "03:05 EO escalates", "09:30 PJ active".
        if PersonDetector.mayFollowTimestamp(s, a), PersonDetector.afterTimestamp(s, a) { return true }
        // "AN confirmed", "KHW meldete".
        if t + 1 < tokens.count {
            let (na, nb) = PlaceDetector.word(s, tokens[t + 1])
            if nb - na >= 3, PersonDetector.sayVerbs.contains(s, na, nb) { return true }
        }
        return false
    }

    /// Words for initials, before them.
    static let initialsWords = WordSet(["initials", "initiales", "initialen", "iniciais", "iniciales", "kürzel", "kuerzel", "namenskürzel"],
                                       folded: true)

    /// Whether the capitals `s[a..<b]` (token `t`, "HW", "MF-L") stand in
    /// a roster line ("Present: HW (IG lead), MF-L (CISO)") before a role
    /// in brackets: initials naming who attended.
    static func rosterInitials(_ t: Int, _ a: Int, _ b: Int, _ s: [Unicode.Scalar], _ tokens: [ScanText.Token]) -> Bool {
        guard t > 0, t + 1 < tokens.count, s[tokens[t + 1].start] == "(", b == tokens[t].end || s[b] == ",",
              !acronyms.contains(s, a, b),
              (a..<b).allSatisfy({ PlaceDetector.isUpper(s[$0]) || (s[$0] == "-" && $0 > a && $0 + 1 < b) }) else { return false }
        // The line's first token: a roster's label and a colon.
        var k = t
        while k > 0, !(0..<(tokens[k].start - tokens[k - 1].end)).contains(where: { s[tokens[k - 1].end + $0] == "\n" }) { k -= 1 }
        let first = tokens[k]
        guard first.end - first.start >= 3, s[first.end - 1] == ":" else { return false }
        return PersonDetector.rosterLeads.contains(s, first.start, first.end - 1)
    }

    static let signOffCues = WordSet(["by", "with", "cc", "signed", "von", "mit", "durch", "gez", "par", "avec", "por", "com",
                                      "owner", "author", "assignee"], folded: true)

    /// The initials of `people` (two to four letters), as a set, or nil
    /// when there are none.
    static func initialsSet(_ people: [String]) -> WordSet? {
        let all = people.map { String(String.UnicodeScalarView(initials(of: $0.unicodeScalars))) }.filter { (2...4).contains($0.unicodeScalars.count) }
        return all.isEmpty ? nil : WordSet(all, folded: false)
    }

    /// The capital first letters of a name's words and hyphenated parts
    /// ("Katrin Hoffmann-Weiß" → KHW; "van" and other lower-case particles
    /// give none).
    static func initials<C: Collection>(of name: C) -> [Unicode.Scalar] where C.Element == Unicode.Scalar {
        var letters: [Unicode.Scalar] = []
        var atPart = true
        for c in name {
            if c == " " || c == "-" || c == "\n" || c == "\u{2010}" { atPart = true; continue }
            if atPart, PlaceDetector.isUpper(c) { letters.append(c) }
            atPart = false
        }
        return letters
    }

    /// Acronyms of incident reports that are also somebody's initials.
    static let acronyms = WordSet([
        "AD", "AI", "AM", "AV", "BC", "CA", "CC", "CD", "CI", "CM", "CS", "CV", "DB", "DC", "DM", "DR", "EC", "EU", "FW",
        "HQ", "HR", "ID", "IM", "IP", "IR", "IT", "ML", "MS", "NB", "NS", "OK", "OS", "OT", "PA", "PB",
        "PC", "PM", "PO", "PR", "PS", "QA", "SA", "SE", "SO", "TI", "UI", "UK", "US", "VM", "VP", "WS", "XP",
        "API", "APT", "AWS", "BEC", "CEO", "CFO", "CIO", "COO", "CSO", "CTO", "DPO", "EDR", "XDR", "MDR", "MFA", "VPN",
        "DNS", "RDP", "SMB", "TLS", "SSL", "SSH", "SQL", "NAS", "SAN", "HPC", "PII", "IOC", "TTP", "MSP", "ISP", "IDS",
        "IPS", "WAF", "SOC", "GDP", "ICO", "BSI", "LKA", "BKA", "NCA", "FBI", "CNIL", "SIEM", "SOAR", "CISO", "CERT",
        "NHS", "PDF", "CSV", "URL", "USB", "OTP", "SMS", "KHK", "KOK", "POK", "AES", "RSA", "TCP", "UDP", "DLL", "EXE",
        "LAN", "WAN", "SLA", "RCE", "XSS", "IAM", "SSO", "MDM", "NTLM", "LDAP", "SMTP", "HTTP", "JSON", "DE", "FR", "NL",
        "BR", "PT", "ES", "JP", "CN", "RU", "IN", "UTC", "CET", "CEST", "BST", "JST", "EST", "PST", "TLP", "ISAC",
    ], folded: false)
}
