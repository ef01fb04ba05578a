/// The speaker of a chat line written name first, then the time: Teams and
/// Slack copied out as text ("Helen Whitcombe 07:41: Radiology says…",
/// "Ada 08:10: patched", "yhaddad 09:14 : alerte sur…", and without the
/// colon for a handle with a joiner, "hanako.sato 09:12 カード会社から"). One
/// or two capitalised words are a person, a lower-case handle a user name.
/// (A speaker after the time stamp, "[14:03] Gosia:", is `PersonDetector`'s.)
///
/// Also a signature after a dash near the end ("— Chi, Fraud & Revenue
/// Assurance", "-- Tomek"), which no other rule reads as a name.
///
/// A transcript has more than one such line: a single one is more likely a
/// timeline's entry ("Lagebesprechung 09:00: alle Standorte").
///
/// Near misses left alone: ordinary words before a time ("Update 09:14:",
/// "Standup 10:00:"), a product or tool ("Splunk 07:41:"), days ("Mon
/// 09:00:", "Montag 09:00:"), a time without the colon after it ("Helen
/// 07:41 said"), a single line.
struct SpeakerDetector: Detector {
    func detect(_ text: ScanText, into candidates: inout [Candidate]) {
        let s = text.scalars
        let tokens = text.tokens
        var found: [Candidate] = []
        var t = 0
        while t + 1 < tokens.count {
            defer { t += 1 }
            // A line's first token: after the text's start or a line break.
            let start = tokens[t].start
            guard start == 0 || s[start - 1] == "\n" || s[start - 1] == "\r" else { continue }
            // One or two words, then the time.
            var time = t + 1
            if time + 1 < tokens.count, !Self.isTime(s, tokens[time], colonAfter: true), !Self.isTime(s, tokens[time], colonAfter: false) {
                time += 1
            }
            let glued = Self.isTime(s, tokens[time], colonAfter: true)
            let bare = !glued && Self.isTime(s, tokens[time], colonAfter: false)
            let first = s[start].value
            // Slack copied out puts no colon after the time: a handle with a
            // joiner is no word of prose ("hanako.sato 09:12 カード会社から…").
            let joined = bare && time == t + 1 && Self.joinedHandle(s, tokens[t])
            guard glued || joined || (bare && time + 1 < tokens.count
                                      && tokens[time + 1].end - tokens[time + 1].start == 1 && s[tokens[time + 1].start] == ":") else { continue }
            let words = tokens[t..<time]
            guard words.allSatisfy({ $0.end - $0.start >= 2 && !Self.ordinary(s, $0) }) else { continue }
            if words.count == 1, first >= 0x61, first <= 0x7A {
                guard PersonDetector.handleEnd(s, start) == tokens[t].end || Self.plainHandle(s, tokens[t])
                        || Self.joinedHandle(s, tokens[t]) else { continue }
                found.append(Candidate(kind: .user, start: start, end: tokens[t].end))
            } else if words.allSatisfy({ Self.nameWord(s, $0) }) {
                found.append(Candidate(kind: .person, start: start, end: tokens[time - 1].end))
            }
        }
        if found.count >= 2 { candidates.append(contentsOf: found) }
        signature(s, tokens, into: &candidates)
    }

    /// A signature after a dash on one of the last three lines, not the
    /// text's first: "— Chi, Fraud & Revenue Assurance", "-- Tomek". One or two
    /// capitalised words that are no dictionary words, products or titles.
    private func signature(_ s: [Unicode.Scalar], _ tokens: [ScanText.Token], into candidates: inout [Candidate]) {
        // The starts of the last three lines (of fewer when the text has
        // fewer: the first line is never one), last first.
        // Line breaks lie between tokens: the look back jumps over each.
        var starts: (Int, Int, Int) = (-1, -1, -1)
        var found = 0
        var k = s.count - 1
        var t = tokens.count - 1
        while k > 0, found < 3 {
            if t >= 0, k < tokens[t].end {
                k = tokens[t].start - 1
                t -= 1
                continue
            }
            if s[k] == "\n" {
                switch found { case 0: starts.0 = k + 1; case 1: starts.1 = k + 1; default: starts.2 = k + 1 }
                found += 1
            }
            k -= 1
        }
        for n in 0..<3 {
            let start = n == 0 ? starts.2 : n == 1 ? starts.1 : starts.0
            guard start >= 0, start < s.count else { continue }
            let c = s[start]
            guard c == "\u{2014}" || c == "\u{2013}" || c == "-" else { continue }
            // The dash's token, and the name's after it.
            let lo = tokens.firstIndex(atOrAfter: start) { $0.start }
            guard lo + 1 < tokens.count, tokens[lo].start == start else { continue }
            let dash = tokens[lo]
            guard dash.end - dash.start <= 2, c != "-" || (dash.end - dash.start == 2 && s[dash.start + 1] == "-") else { continue }
            var name = tokens[lo + 1]
            let (a, b) = PlaceDetector.word(s, name)
            guard a == name.start else { continue }
            name.end = b
            guard b - a >= 2, !Self.ordinary(s, name), Self.nameWord(s, name) else { continue }
            candidates.append(Candidate(kind: .person, start: a, end: b))
        }
    }

    /// "07:41", "9:05:12", with a colon glued after it when `colonAfter`.
    static func isTime(_ s: [Unicode.Scalar], _ token: ScanText.Token, colonAfter: Bool) -> Bool {
        var end = token.end
        if colonAfter {
            guard s[end - 1] == ":" else { return false }
            end -= 1
        }
        let n = end - token.start
        guard n == 4 || n == 5 || n == 7 || n == 8 else { return false }
        var digits = 0, colons = 0, run = 0
        for k in token.start..<end {
            if ScalarClass.isASCIIDigit(s[k]) { digits += 1; run += 1; continue }
            guard s[k] == ":", run >= 1, run <= 2 else { return false }
            colons += 1
            run = 0
        }
        return run == 2 && colons >= 1 && colons <= 2 && digits == n - colons
    }

    /// A word of the dictionary, a product or tool, a title: not a speaker.
    static func ordinary(_ s: [Unicode.Scalar], _ token: ScanText.Token) -> Bool {
        PersonDetector.ordinaryWord(s, token.start, token.end)
            || PersonDetector.titles.contains(s, token.start, token.end)
            || PersonDetector.abbreviations.contains(s, token.start, token.end) || days.contains(s, token.start, token.end)
    }

    static let days = WordSet([
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi",
        "jeudi", "vendredi", "samedi", "dimanche", "segunda", "terça", "quarta", "quinta", "sexta", "sábado", "domingo",
        "heute", "gestern", "morgen", "aujourd'hui", "hoje", "ontem", "amanhã",
    ], folded: true)

    /// A capitalised word of letters (hyphens and apostrophes inside).
    static func nameWord(_ s: [Unicode.Scalar], _ token: ScanText.Token) -> Bool {
        guard PlaceDetector.isUpper(s[token.start]) else { return false }
        var lower = false
        for k in (token.start + 1)..<token.end {
            let c = s[k]
            if c.isASCII {
                if c.value >= 0x61 && c.value <= 0x7A { lower = true; continue }
                if (c == "-" || c == "'") && k + 1 < token.end { continue }
                if c.value >= 0x41 && c.value <= 0x5A { continue }
                return false
            }
            guard c.properties.isAlphabetic else { return false }
            if c.properties.isLowercase { lower = true }
        }
        return lower
    }

    /// A lower-case handle with joiners ("hanako.sato", "k-watanabe",
    /// "dk_osei"): letters and digits in parts joined by ".", "-" or "_", a
    /// letter first, one part of three letters or more that is no English
    /// word ("follow-up", "check-in" are words).
    static func joinedHandle(_ s: [Unicode.Scalar], _ token: ScanText.Token) -> Bool {
        guard token.end - token.start >= 4, s[token.start].value >= 0x61, s[token.start].value <= 0x7A else { return false }
        var joiners = 0
        var part = token.start
        var named = false
        for k in token.start...token.end {
            if k < token.end {
                let c = s[k]
                if (c.value >= 0x61 && c.value <= 0x7A) || ScalarClass.isASCIIDigit(c) { continue }
                guard c == "." || c == "-" || c == "_", k > part else { return false }
                joiners += 1
            }
            if k - part >= 3, !PersonDetector.english.contains(s, part, k) { named = true }
            part = k + 1
        }
        return joiners > 0 && ScalarClass.isASCIIAlnum(s[token.end - 1]) && named
    }

    /// A lower-case handle without joiners ("yhaddad", "tmorgan2"): letters
    /// then at most a few digits, four scalars or more.
    static func plainHandle(_ s: [Unicode.Scalar], _ token: ScanText.Token) -> Bool {
        guard token.end - token.start >= 4 else { return false }
        var k = token.start
        while k < token.end, s[k].value >= 0x61, s[k].value <= 0x7A { k += 1 }
        guard k - token.start >= 3 else { return false }
        let letters = k
        while k < token.end, ScalarClass.isASCIIDigit(s[k]) { k += 1 }
        return k == token.end && k - letters <= 4
    }
}
