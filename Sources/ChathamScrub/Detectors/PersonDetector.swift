/// People who are not in the profile, found by what surrounds a name:
/// a title ("Dr. Kwame Mensah", "Herr Schäfer", "Mme Dubois", "Sr. Silva"),
/// a role ("our CISO Maria Fernandez", "analyst Li Wei", "die Analystin Katrin
/// Becker"), a given name from the lexicon (`Names.given`) with the capitalised
/// surname after it, and in Japanese a surname with an honorific
/// ("鈴木一郎さん", "山田部長", "ひろしさん").
///
/// Carry-forward: every part of a name found once is found again anywhere in
/// the same text, so a later "Tomasz", "Nowak" or "Nowak's" goes too.
struct PersonDetector: Sendable {
    private struct Word {
        var start: Int
        var end: Int
        var exact: UInt64   // hash of the word as written
        var lower: UInt64   // hash of the word lower-cased
        var titlecase: Bool
        /// Offset of a joining hyphen inside the word ("Mei-Ling"), or 0.
        var hyphen: Int32 = 0
        var length: Int { end - start }
    }

    static let titles = WordSet(Names.titles, folded: true)
    static let dotTitles = WordSet(["m", "me", "fr", "hr", "pr", "insp", "det", "col", "gen"], folded: true)
    static let roles = WordSet(Names.roles, folded: true)
    static let given = WordSet(Names.given, folded: false)
    static let stop = WordSet(Names.stop, folded: false)
    static let keepWords = WordSet(Vocabulary.keepWords, folded: true)
    static let particleSet = WordSet(particles, folded: false)

    /// The word lists, held by the detector: a static is fetched through a
    /// once-check (and retained) on every access, and the loops below ask
    /// for one per word.
    private struct Lexicon: Sendable {
        let titles = PersonDetector.titles
        let dotTitles = PersonDetector.dotTitles
        let roles = PersonDetector.roles
        let given = PersonDetector.given
        let stop = PersonDetector.stop
        let keepWords = PersonDetector.keepWords
        let particleSet = PersonDetector.particleSet
        let koreanLatin = PersonDetector.koreanLatin
        let determiners = PersonDetector.determiners
        let notAppositive = PersonDetector.notAppositive
        let greetings = PersonDetector.greetings
        let signOffs = PersonDetector.signOffs
        let sayVerbs = PersonDetector.sayVerbs
        let conjunctions = PersonDetector.conjunctions
        let addressVerbs = PersonDetector.addressVerbs
        let fromWords = PersonDetector.fromWords
        let groups = PersonDetector.groups
        let userWords = PersonDetector.userWords
        let english = PersonDetector.english
        let englishFunctionWords = PersonDetector.englishFunctionWords
        let otherFunctionWords = PersonDetector.otherFunctionWords
        let abbreviations = PersonDetector.abbreviations
        let legalSuffixes = PersonDetector.legalSuffixes
        let onsetTable = PersonDetector.onsetTable
    }
    private let lex = Lexicon()

    func detect(_ text: ScanText, into candidates: inout [Candidate]) {
        let s = text.scalars
        var words: [Word] = []
        words.reserveCapacity(s.count / 6)
        var hasCJK = false
        // The word walk reads raw buffers: it visits every scalar.
        s.withUnsafeBufferPointer { s in text.protected.withUnsafeBufferPointer { protected in
        let all = text.scalars
        var i = 0
        while i < s.count {
            let c = s[i]
            if c.isASCII {
                let v = c.value | 0x20
                if v < 0x61 || v > 0x7A { i += 1; continue } // not a letter
            } else if ScalarClass.isCJK(c) {
                hasCJK = true; i += 1; continue
            } else if !c.properties.isAlphabetic {
                i += 1; continue
            }
            // Not a word start: inside a placeholder, or after a letter, a
            // digit or a placeholder (`ScanText.isWordy`).
            guard ScalarClass.isAlnum(c), !protected[i],
                  !(i > 0 && (protected[i - 1] || ScalarClass.isAlnum(s[i - 1]))) else { i += 1; continue }
            // One pass over an ASCII word computes its extent, both hashes
            // and its case shape; other words take the general route.
            var j = i + 1
            var ascii = c.isASCII
            let prime: UInt64 = 0x100_0000_01B3
            var exact = (0xCBF2_9CE4_8422_2325 ^ UInt64(c.value)) &* prime
            var lower = (0xCBF2_9CE4_8422_2325 ^ UInt64(Self.asciiLower(c.value))) &* prime
            var lowerSeen = false, digitSeen = false
            var hyphen: Int32 = 0
            while j < s.count {
                let v = s[j].value
                if v < 0x80 {
                    let letterOrDigit = ScalarClass.isASCIIAlnum(s[j])
                    if letterOrDigit || ((v == 0x27 || v == 0x2D) && j + 1 < s.count && Self.isUpper(s[j + 1]))
                        || (v == 0x2D && Self.syllableAfterHyphen(all, i, j)) {
                        if v == 0x2D, hyphen == 0 { hyphen = Int32(j - i) }
                        exact = (exact ^ UInt64(v)) &* prime
                        lower = (lower ^ UInt64(Self.asciiLower(v))) &* prime
                        if v >= 0x61 && v <= 0x7A { lowerSeen = true } else if v >= 0x30 && v <= 0x39 { digitSeen = true }
                        j += 1
                        continue
                    }
                    break
                }
                if ScalarClass.isAlnum(s[j]) || ScalarClass.isIgnorable(s[j]) { ascii = false; j += 1; continue }
                if s[j] == "\u{2019}", j + 1 < s.count, Self.isUpper(s[j + 1]) { ascii = false; j += 1; continue }
                break
            }
            if j < s.count, protected[j] { i = j; continue }
            if ascii {
                let titlecase = c.value >= 0x41 && c.value <= 0x5A && lowerSeen && !digitSeen
                words.append(Word(start: i, end: j, exact: exact, lower: lower, titlecase: titlecase, hyphen: hyphen))
            } else {
                let titlecase = Self.isUpper(s[i]) && s[(i + 1)..<j].contains(where: Self.isLower)
                    && !s[i..<j].contains(where: ScalarClass.isASCIIDigit)
                words.append(Word(start: i, end: j, exact: WordSet.hash(all[i..<j], folded: false),
                                  lower: WordSet.hash(all[i..<j], folded: true), titlecase: titlecase, hyphen: hyphen))
            }
            i = j
        }
        } }

        var found: [Candidate] = []
        var englishText: Bool? = nil // decided on first need (`isEnglish`)
        var w = 0
        while w < words.count {
            let word = words[w]
            // Title, then a name: "Dr. Kwame Mensah", "Mr Nowak", "M. Lambert".
            if lex.titles.contains(hash: word.lower), w + 1 < words.count {
                // "Frau Dr. Weber", "Prof. Dr. Lindner": the name is after the last title.
                var t = w
                while t + 1 < words.count, lex.titles.contains(hash: words[t + 1].lower), Self.isUpper(s[words[t + 1].start]),
                      adjacent(words[t], words[t + 1], text, allowDot: true), t + 2 < words.count { t += 1 }
                if t > w, adjacent(words[t], words[t + 1], text, allowDot: true), let end = nameRun(words, t + 1, text, max: 3) {
                    found.append(Candidate(kind: .person, start: words[t + 1].start, end: words[end].end))
                    w = end + 1
                    continue
                }
                let dot = text.scalar(at: word.end) == "."
                if !lex.dotTitles.contains(hash: word.lower) || dot,
                   Self.isUpper(s[word.start]) || dot,
                   adjacent(words[w], words[w + 1], text, allowDot: true),
                   let end = nameRun(words, w + 1, text, max: 3) {
                    found.append(Candidate(kind: .person, start: words[w + 1].start, end: words[end].end))
                    w = end + 1
                    continue
                }
            }
            // Role, then a name: "CISO Maria Fernandez", "CFO, Robert Chen".
            if lex.roles.contains(hash: word.lower), w + 1 < words.count, adjacent(words[w], words[w + 1], text, allowComma: true),
               let end = nameRun(words, w + 1, text, max: 3),
               end > w + 1 || lex.given.contains(hash: words[w + 1].exact) {
                found.append(Candidate(kind: .person, start: words[w + 1].start, end: words[end].end))
                w = end + 1
                continue
            }
            // A given name and what follows: "Priya Sharma", "Nguyen Van An".
            // One that is also a month or day abbreviation needs a surname
            // ("Jun Li", not "Tue Jun 3").
            if word.titlecase, lex.given.contains(hash: word.exact), !lex.stop.contains(hash: word.exact) {
                let end = nameRun(words, w, text, max: 3) ?? w
                if end > w || !lex.abbreviations.contains(hash: word.lower) {
                    found.append(Candidate(kind: .person, start: word.start, end: words[end].end))
                    w = end + 1
                    continue
                }
            }
            // A romanised Korean surname before a hyphenated given name:
            // "Park Ji-hoon", "Han Seo-yeon".
            if word.titlecase, lex.koreanLatin.contains(hash: word.exact), w + 1 < words.count,
               adjacent(words[w], words[w + 1], text), words[w + 1].titlecase,
               text.scalars[words[w + 1].start..<words[w + 1].end].contains("-") {
                found.append(Candidate(kind: .person, start: word.start, end: words[w + 1].end))
                w += 2
                continue
            }
            // A hyphenated given name ("Jean-Baptiste Moreau", "Mei-Ling
            // Chen", "Hans-Peter Roth"): a part in the lexicon, and a surname
            // after it or both parts given names ("Anne-Marie").
            if word.titlecase, word.hyphen > 0, !lex.stop.contains(hash: word.exact), !lex.keepWords.contains(hash: word.lower) {
                let dash = word.start + Int(word.hyphen)
                let first = lex.given.contains(hash: WordSet.hash(text.scalars[word.start..<dash], folded: false))
                let second = lex.given.contains(hash: WordSet.hash(text.scalars[(dash + 1)..<word.end], folded: false))
                if first || second, let end = nameRun(words, w, text, max: 3), end > w || (first && second) {
                    found.append(Candidate(kind: .person, start: word.start, end: words[end].end))
                    w = end + 1
                    continue
                }
            }
            // After a greeting or before a sign-off's name: "Hi Oluwaseun,",
            // "Dear Ms Okafor", "Hallo Björn", "Bonjour Camille", "Olá Thiago";
            // "Thanks,\nAisling", "Regards, Sean Murphy".
            if Self.isUpper(s[word.start]), lex.greetings.contains(hash: word.lower), w + 1 < words.count,
               !lex.greetings.contains(hash: words[w + 1].lower),
               afterCue(word, words[w + 1], text, signOff: lex.signOffs.contains(hash: word.lower)),
               let end = nameRun(words, w + 1, text, max: 3) {
                found.append(Candidate(kind: .person, start: words[w + 1].start, end: words[end].end))
                w = end + 1
                continue
            }
            // A lower-case user name after a word that says it is one:
            // "o utilizador rcardoso", "user mwong", "Benutzer kschmidt".
            // Only a token that cannot be a word: its first two letters are
            // consonants that start no word in the corpus languages (rc,
            // mw, js, tm …), so "the user clicked" stays.
            if w + 1 < words.count, !words[w + 1].titlecase, userNameShape(s, words[w + 1].start, words[w + 1].end),
               lex.userWords.contains(hash: word.lower), adjacent(word, words[w + 1], text) {
                candidates.append(Candidate(kind: .user, start: words[w + 1].start, end: words[w + 1].end))
                w += 2
                continue
            }
            // After a verb of addressing someone: "please ping Radomir
            // Vasiliev", "contact Ines", "bitte Herrn … anrufen" is the title
            // rule's. A lone word only if it is a name word (not a team in
            // the stop list: "call Legal").
            if w + 1 < words.count, words[w + 1].titlecase, lex.addressVerbs.contains(hash: word.lower), adjacent(word, words[w + 1], text),
               let end = nameRun(words, w + 1, text, max: 3) {
                found.append(Candidate(kind: .person, start: words[w + 1].start, end: words[end].end))
                w = end + 1
                continue
            }
            // One name word with a role in brackets after it: "Cormac (our
            // network lead)", "Ines (Analystin)". A comma is not enough for
            // one word ("Impact, the attacker …").
            if word.titlecase, w + 1 < words.count, Self.bracketFollows(text, word.end), isNameWord(word),
               !(adjacent(word, words[w + 1], text) && isNameWord(words[w + 1])),
               appositiveRole(after: word, words, w + 1, text, bracketOnly: true) {
                found.append(Candidate(kind: .person, start: word.start, end: word.end))
                w += 1
                continue
            }
            // A name inside a sentence, after "and", with "from the/our
            // <group of people>" after it: "and Sanjeev from the MSP",
            // "Tomasz from the network team" after "Wojciech and" — not
            // "and Zoho from our tenant".
            if word.titlecase, w >= 1, w + 2 < words.count, !words[w - 1].titlecase, words[w - 1].length <= 4,
               lex.conjunctions.contains(hash: words[w - 1].lower), isNameWord(word), adjacent(words[w - 1], word, text),
               let end = nameRun(words, w, text, max: 3), end + 2 < words.count,
               lex.fromWords.contains(hash: words[end + 1].lower), adjacent(words[end], words[end + 1], text),
               lex.determiners.contains(hash: words[end + 2].lower),
               (end + 3..<min(end + 5, words.count)).contains(where: { lex.groups.contains(hash: words[$0].lower) }) {
                found.append(Candidate(kind: .person, start: word.start, end: words[end].end))
                w = end + 1
                continue
            }
            // Two or three name words that a role follows as an apposition:
            // "Okonkwo Adeyemi, our CISO", "Katrin Becker (Analystin)",
            // "Marie Dubois, notre RSSI". One capitalised word is not enough
            // (a sentence's first word is capitalised too).
            // The same two or three name words before an e-mail address in
            // brackets ("Marcus Ferreira-Lowe <m.fl@…>", "Ana Costa (ana@…)")
            // or before a verb of saying or reporting ("Aisling Brennan
            // confirmed", "Björn Dreßler meldete").
            if isNameWord(word), let end = nameRun(words, w, text, max: 3), end > w,
               appositiveRole(after: words[end], words, end + 1, text) || mailFollows(words[end].end, text)
                || (end + 1 < words.count && lex.sayVerbs.contains(hash: words[end + 1].lower) && adjacent(words[end], words[end + 1], text)) {
                found.append(Candidate(kind: .person, start: word.start, end: words[end].end))
                w = end + 1
                continue
            }
            // Two or three name words of which none is an ordinary English
            // word, in English text: "Sanjeev Bhattacharya will rotate the
            // keys", "handover to Radomir Vasiliev" — names no list holds and
            // no cue announces. Capitalised ordinary words ("Incident
            // Response", "Cobalt Strike", "Volt Typhoon"), brand spellings
            // ("FortiGate") and listed products and teams are not names.
            // German capitalises every noun, so the rule waits for English
            // function words to outnumber German, French and Portuguese ones.
            if isNameWord(word), let end = nameRun(words, w, text, max: 3), end > w,
               (w...end).allSatisfy({ uncommonNameWord(words[$0], text) }),
               englishText ?? { englishText = isEnglish(words); return englishText! }() {
                found.append(Candidate(kind: .person, start: word.start, end: words[end].end))
                w = end + 1
                continue
            }
            w += 1
        }

        // Carry-forward, then lists (a name carried forward can stand in a
        // list: "Volodymyr and Keisha …", "Volodymyr Shevchenko says"), then
        // carry-forward again for what the lists found.
        if !found.isEmpty {
            carryForward(words, text, &found)
            let before = found.count
            coordinated(words, text, &found)
            if found.count > before { carryForward(words, text, &found) }
        }
        for c in found {
            let end = ProfileDetector.possessiveEnd(text, c.end)
            candidates.append(Candidate(kind: .person, start: c.start, end: end, core: c.end - c.start))
        }
        if hasCJK {
            japanese(text, into: &candidates)
            chinese(text, into: &candidates)
            korean(text, into: &candidates)
        }
    }

    /// Carry-forward: parts of every name found, anywhere in the text.
    private func carryForward(_ words: [Word], _ text: ScanText, _ found: inout [Candidate]) {
        var parts = Set<UInt64>()
        for c in found {
            for word in words where word.start >= c.start && word.end <= c.end && word.length >= 3 {
                parts.insert(word.lower)
            }
        }
        // First words of names found ("Keisha" of "Volodymyr and
        // Keisha"): where one comes back before more name words, the
        // full name goes ("Keisha Campbell-Watts will retest").
        var firstParts = Set<UInt64>()
        for c in found {
            var lo = 0, hi = words.count
            while lo < hi { let mid = (lo + hi) / 2; if words[mid].start < c.start { lo = mid + 1 } else { hi = mid } }
            if lo < words.count, words[lo].start == c.start, words[lo].length >= 3 { firstParts.insert(words[lo].lower) }
        }
        var covered = Set(found.map(\.start))
        for (w, word) in words.enumerated() where word.titlecase && parts.contains(word.lower) && !covered.contains(word.start) {
            if found.contains(where: { $0.start <= word.start && $0.end >= word.end }) { continue }
            var end = word.end
            if firstParts.contains(word.lower), let last = nameRun(words, w, text, max: 3), last > w { end = words[last].end }
            found.append(Candidate(kind: .person, start: word.start, end: end))
            covered.insert(word.start)
        }
    }

    /// A hyphen inside a romanised East Asian given name ("Min-jun",
    /// "Ji-hoon", "Seo-yeon"): a capitalised part of two to four letters
    /// before it, two to four lower-case letters after it, then the word ends.
    static func syllableAfterHyphen(_ s: [Unicode.Scalar], _ start: Int, _ hyphen: Int) -> Bool {
        let before = hyphen - start
        guard before >= 2, before <= 4, s[start].value >= 0x41, s[start].value <= 0x5A else { return false }
        var k = hyphen + 1
        while k < s.count, s[k].value >= 0x61, s[k].value <= 0x7A { k += 1 }
        let after = k - hyphen - 1
        return after >= 2 && after <= 4 && !(k < s.count && (ScalarClass.isAlnum(s[k]) || s[k] == "-"))
    }

    static let koreanLatin = WordSet(Names.koreanSurnamesLatin, folded: false)

    @inline(__always) static func asciiLower(_ v: UInt32) -> UInt32 { v >= 0x41 && v <= 0x5A ? v + 0x20 : v }

    @inline(__always) static func isUpper(_ c: Unicode.Scalar) -> Bool {
        c.isASCII ? (c.value >= 0x41 && c.value <= 0x5A) : isUpperSlow(c)
    }
    @inline(never) static func isUpperSlow(_ c: Unicode.Scalar) -> Bool { c.properties.isUppercase }
    @inline(never) static func isLowerSlow(_ c: Unicode.Scalar) -> Bool { c.properties.isLowercase }
    @inline(__always) static func isLower(_ c: Unicode.Scalar) -> Bool {
        c.isASCII ? (c.value >= 0x61 && c.value <= 0x7A) : isLowerSlow(c)
    }

    /// Whether `next` follows a greeting or sign-off cue: a space, a comma,
    /// a line break ("Regards,\nSean").
    /// A greeting takes the name after a space ("Hi Oluwaseun"); a sign-off
    /// after a comma or a line break ("Regards,\nSean"), so "Best Practices"
    /// is not a name.
    private func afterCue(_ cue: Word, _ next: Word, _ text: ScanText, signOff: Bool) -> Bool {
        guard next.start - cue.end <= 3 else { return false }
        var k = cue.end
        var broken = false
        while k < next.start {
            let c = text.scalars[k]
            if c == "," || c == "\n" || c == "!" { broken = true } else if c != " " && c != "\u{00A0}" { return false }
            k += 1
        }
        return broken == signOff
    }

    /// Whether an e-mail address in angle or round brackets follows `end`:
    /// " <m.fl@example.org>", " (ana@example.pt)", also when already
    /// redacted (" <[EMAIL-1]>").
    private func mailFollows(_ end: Int, _ text: ScanText) -> Bool {
        let s = text.scalars
        var k = end
        while k < s.count, s[k] == " " || s[k] == "\u{00A0}" { k += 1 }
        guard k < s.count, k - end <= 2, s[k] == "<" || s[k] == "(" else { return false }
        let close: Unicode.Scalar = s[k] == "<" ? ">" : ")"
        var m = k + 1
        while m < s.count, m - k < 80, s[m] != close, s[m] != "\n" {
            if s[m] == "@" || (text.protected[m] && m + 6 < s.count && s[m] == "[" && s[m + 1] == "E" && s[m + 2] == "M") { return true }
            m += 1
        }
        return false
    }

    /// Adds full names (two or three name words) that stand in a list with
    /// a person already found: joined by a comma, "and", "und", "et", "e",
    /// "y", "&" or "/". A lone capitalised word in such a list is not taken
    /// (it may be a team: "Jane Doe, Legal and Finance").
    private func coordinated(_ words: [Word], _ text: ScanText, _ found: inout [Candidate]) {
        let s = text.scalars
        var personAt = [Int: Int]() // word index → last word index of a found name
        func index(of start: Int) -> Int? {
            var lo = 0, hi = words.count
            while lo < hi { let mid = (lo + hi) / 2; if words[mid].start < start { lo = mid + 1 } else { hi = mid } }
            return lo < words.count && words[lo].start == start ? lo : nil
        }
        func lastIndex(endingAt end: Int, from w: Int) -> Int? {
            var k = w
            while k < words.count, words[k].end < end { k += 1 }
            return k < words.count && words[k].end == end ? k : nil
        }
        for c in found {
            guard let a = index(of: c.start), let b = lastIndex(endingAt: c.end, from: a) else { continue }
            personAt[a] = b
        }
        // Whether words a and b are joined as list items: ", " or a
        // conjunction word between (returns the index of the next item).
        func joined(after last: Int) -> Int? {
            guard last + 1 < words.count else { return nil }
            let next = words[last + 1]
            var k = words[last].end, comma = false, slash = false
            while k < next.start {
                let c = s[k]
                if c == " " || c == "\u{00A0}" { k += 1; continue }
                if c == "," || c == ";", !comma { comma = true; k += 1; continue }
                if c == "&" || c == "/", !slash { slash = true; k += 1; continue }
                return nil
            }
            if next.start - words[last].end > 4 { return nil }
            if lex.conjunctions.contains(hash: next.lower), !next.titlecase, !slash {
                guard last + 2 < words.count, adjacent(next, words[last + 2], text) else { return nil }
                return last + 2
            }
            return comma || slash ? last + 1 : nil
        }
        func fullName(_ w: Int) -> Int? {
            guard w < words.count, isNameWord(words[w]), let end = nameRun(words, w, text, max: 3), end > w else { return nil }
            return end
        }
        // A single name word, listed with a single found word ("Volodymyr
        // and Keisha from the red team"): the same shape on both sides.
        func singleName(_ w: Int) -> Bool {
            w < words.count && isNameWord(words[w]) && !(w + 1 < words.count && adjacent(words[w], words[w + 1], text) && isNameWord(words[w + 1]))
        }
        var changed = true, rounds = 0
        while changed, rounds < 8 {
            changed = false; rounds += 1
            for (a, b) in personAt {
                // Forward: "<person>, X Y" / "<person> and X Y".
                if let n = joined(after: b), personAt[n] == nil {
                    if let end = fullName(n) {
                        personAt[n] = end; changed = true
                        found.append(Candidate(kind: .person, start: words[n].start, end: words[end].end))
                    } else if a == b, singleName(n) {
                        personAt[n] = n; changed = true
                        found.append(Candidate(kind: .person, start: words[n].start, end: words[n].end))
                    }
                }
                if a == b, a >= 1, personAt[a - 1] == nil || a >= 2 {
                    for p in [a - 1, a - 2] where p >= 0 && personAt[p] == nil && singleName(p) && joined(after: p) == a
                        && !(p > 0 && adjacent(words[p - 1], words[p], text) && isNameWord(words[p - 1])) {
                        personAt[p] = p; changed = true
                        found.append(Candidate(kind: .person, start: words[p].start, end: words[p].end))
                        break
                    }
                }
                // Backward: "X Y, <person>" / "X Y and <person>" (the
                // conjunction is a word of its own). Two words only: a
                // capitalised word before them starts the sentence
                // ("Anwesend Orsolya Kertész und …", "Contact Kim Min-jun; …").
                for e in [a - 1, a - 2] where e >= 1 && joined(after: e) == a {
                    let p = e - 1
                    guard personAt[p] == nil, personAt[e] == nil, isNameWord(words[p]), isNameWord(words[e]),
                          adjacent(words[p], words[e], text),
                          !found.contains(where: { $0.start < words[e].end && $0.end > words[p].start }) else { continue }
                    personAt[p] = e; changed = true
                    found.append(Candidate(kind: .person, start: words[p].start, end: words[e].end))
                    break
                }
            }
        }
    }

    /// Whether a role follows `last` as an apposition: ", our CISO",
    /// " (analyst)", ", head of", ", die Analystin", ", nosso analista".
    private func appositiveRole(after last: Word, _ words: [Word], _ next: Int, _ text: ScanText, bracketOnly: Bool = false) -> Bool {
        guard next < words.count else { return false }
        var k = last.end
        var punct = false
        while k < words[next].start {
            let c = text.scalars[k]
            if c == " " || c == "\u{00A0}" { k += 1; continue }
            if (c == "(" || (c == "," && !bracketOnly)) && !punct { punct = true; k += 1; continue }
            return false
        }
        guard punct, words[next].start - last.end <= 3 else { return false }
        var r = next
        if lex.determiners.contains(hash: words[r].lower), r + 1 < words.count, adjacent(words[r], words[r + 1], text) { r += 1 }
        func role(_ k: Int) -> Bool { lex.roles.contains(hash: words[k].lower) && !lex.notAppositive.contains(hash: words[k].lower) }
        if role(r) { return true }
        // One word may qualify the role: "the SOC lead", "our security engineer".
        return r + 1 < words.count && adjacent(words[r], words[r + 1], text) && role(r + 1)
    }

    /// Roles that after a comma describe attackers or places as often as
    /// people ("Lateral Movement, the operator …").
    static let notAppositive = WordSet(["operator", "operators", "responder", "chair", "admin", "user", "agent", "client",
                                        "customer", "driver", "caller", "student"], folded: true)

    /// Greetings and sign-offs that a name follows.
    static let greetings = WordSet(greetingWords + signOffWords, folded: true)
    static let signOffs = WordSet(signOffWords, folded: true)
    static let greetingWords = [
        "hi", "hello", "hey", "dear", "hallo", "liebe", "lieber", "moin", "servus", "bonjour", "salut", "cher", "chère",
        "olá", "ola", "oi", "caro", "cara", "prezado", "prezada",
    ]
    static let signOffWords = [
        "thanks", "regards", "cheers", "best", "br", "grüße", "gruß", "gruss", "danke", "merci", "cordialement",
        "amitiés", "obrigado", "obrigada", "abraço", "abraços", "att",
    ]

    /// Verbs of saying and reporting that follow a person's full name.
    static let sayVerbs = WordSet([
        "said", "says", "told", "asked", "reported", "confirmed", "noticed", "noted", "called", "emailed", "wrote",
        "explained", "escalated", "approved", "forwarded", "replied", "informed", "agreed", "decided", "admitted",
        "recalled", "mentioned", "warned", "suggested", "joined", "resigned", "apologised", "apologized", "phoned",
        "sagte", "meldete", "bestätigte", "berichtete", "schrieb", "fragte", "erklärte", "informierte", "rief",
        "a", "dit", "confirme", "signale", "explique", "indique", "écrit",
        "disse", "confirmou", "informou", "explicou", "relatou", "escreveu", "perguntou", "avisou", "ligou",
    ], folded: true)

    /// Words that a user name follows.
    static let userWords = WordSet([
        "user", "username", "login", "account", "benutzer", "nutzer", "benutzername", "konto", "utilisateur",
        "compte", "identifiant", "utilizador", "usuário", "usuario", "conta", "login",
    ], folded: true)

    /// Consonant pairs that start words in English, German, French,
    /// Portuguese, Spanish or Italian.
    static let onsets: Set<String> = [
        "bl", "br", "ch", "cl", "cr", "dr", "dw", "fl", "fr", "gl", "gn", "gr", "kl", "kn", "kr", "ph", "pl", "pr",
        "ps", "pf", "sc", "sh", "sk", "sl", "sm", "sn", "sp", "st", "sw", "sz", "th", "tr", "ts", "tw", "wh", "wr",
        "zw", "vl", "vr", "lh", "nh", "gh", "rh", "kh", "sv", "pn", "xy",
    ]

    /// A lower-case ASCII token of 4–20 letters and digits whose first two
    /// letters are consonants that start no word ("rcardoso", "mwong").
    private func userNameShape(_ s: [Unicode.Scalar], _ start: Int, _ end: Int) -> Bool {
        guard end - start >= 4, end - start <= 20 else { return false }
        let a = s[start].value, b = s[start + 1].value
        guard Self.consonant(a), Self.consonant(b), lex.onsetTable[Int(a - 0x61)] & (1 << (b - 0x61)) == 0 else { return false }
        return (start..<end).allSatisfy { (s[$0].value >= 0x61 && s[$0].value <= 0x7A) || ScalarClass.isASCIIDigit(s[$0]) }
    }

    /// `onsets` as bits: bit (second - "a") of entry (first - "a").
    static let onsetTable: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 26)
        for o in onsets {
            let v = Array(o.unicodeScalars).map { $0.value - 0x61 }
            t[Int(v[0])] |= 1 << v[1]
        }
        return t
    }()

    /// A lower-case ASCII consonant (not y).
    @inline(__always)
    static func consonant(_ v: UInt32) -> Bool {
        guard v >= 0x61, v <= 0x7A else { return false }
        return v != 0x61 && v != 0x65 && v != 0x69 && v != 0x6F && v != 0x75 && v != 0x79
    }

    /// Whether " (" or "(" follows `end`.
    @inline(__always)
    static func bracketFollows(_ text: ScanText, _ end: Int) -> Bool {
        let s = text.scalars
        return end < s.count && (s[end] == "(" || (s[end] == " " && end + 1 < s.count && s[end + 1] == "("))
    }

    /// Verbs that take a person as their object: "ping Radomir", "contact
    /// Ines Duarte", "kontaktieren Sie Frau …" (the title rule's).
    static let addressVerbs = WordSet([
        "ping", "call", "contact", "email", "ask", "tell", "thank", "cc", "notify", "phone", "text", "message", "reach",
        "kontaktieren", "anrufen", "fragen", "informieren", "contacter", "appeler", "demander", "prévenir",
        "contactar", "ligar", "perguntar", "avisar", "falar",
    ], folded: true)

    /// "from" before a team or an organisation: "Sanjeev from the MSP".
    static let fromWords = WordSet(["from", "von", "vom", "aus"], folded: true)

    /// Groups of people a name comes from: "from the MSP", "from our
    /// network team", "vom Dienstleister".
    static let groups = WordSet([
        "team", "teams", "msp", "mssp", "vendor", "supplier", "provider", "partner", "soc", "cert", "csirt", "noc",
        "helpdesk", "desk", "it", "department", "dept", "office", "group", "unit", "board", "bank", "insurer", "agency",
        "police", "regulator", "ncsc", "auditors", "consultancy", "firm", "contractor", "contractors", "dienstleister",
        "abteilung", "team", "hersteller", "lieferanten", "behörde", "polizei",
    ], folded: true)

    /// Words that join the items of a list.
    static let conjunctions = WordSet(["and", "und", "et", "e", "y", "or", "oder", "ou", "sowie"], folded: true)

    static let determiners = WordSet([
        "our", "the", "their", "its", "his", "her", "a", "an", "unser", "unsere", "unserer", "der", "die", "ein", "eine",
        "notre", "le", "la", "l", "un", "une", "nosso", "nossa", "o", "um", "uma",
    ], folded: true)

    /// Whether `b` follows `a` with only a space (or a comma/colon, or a title's dot) between.
    private func adjacent(_ a: Word, _ b: Word, _ text: ScanText, allowDot: Bool = false, allowComma: Bool = false) -> Bool {
        var k = a.end
        var punct = 0
        while k < b.start {
            let c = text.scalars[k]
            if c == " " || c == "\u{00A0}" { k += 1; continue }
            if (allowDot && c == ".") || (allowComma && (c == "," || c == ":")) { punct += 1; k += 1; continue }
            return false
        }
        return punct <= 1 && b.start - a.end <= 3
    }

    /// Last index of a run of up to `max` capitalised name words from `w`,
    /// with particles (van, de, da, al) allowed inside; nil if `w` is not one.
    private func nameRun(_ words: [Word], _ w: Int, _ text: ScanText, max: Int) -> Int? {
        guard isNameWord(words[w]) else { return nil }
        var last = w
        var k = w + 1
        var count = 1
        while k < words.count, count < max, adjacent(words[k - 1], words[k], text) {
            if lex.particleSet.contains(hash: words[k].exact), k + 1 < words.count, adjacent(words[k], words[k + 1], text),
               isNameWord(words[k + 1]) {
                last = k + 1; k += 2; count += 1; continue
            }
            guard isNameWord(words[k]) else { break }
            last = k; k += 1; count += 1
        }
        return last
    }

    /// A name word (`isNameWord`) that is no ordinary English word: not in
    /// the dictionary (a hyphenated word: some part not in it, so
    /// "Pryce-Jones" but not "Follow-Up"), capitalised only at the start of
    /// each part or after "Mc" ("McAllister", not "FortiGate"), no day or
    /// month abbreviation. A particle ("van", "de") passes.
    private func uncommonNameWord(_ word: Word, _ text: ScanText) -> Bool {
        if lex.particleSet.contains(hash: word.exact) { return true }
        guard word.length >= 2, !lex.abbreviations.contains(hash: word.lower) else { return false }
        // "Ltd", "GmbH": a company, not a person.
        if lex.legalSuffixes.contains(hash: word.lower) { return false }
        let s = text.scalars
        var partStart = word.start
        var someUnknown = false
        var k = word.start + 1
        while k <= word.end {
            if k == word.end || s[k] == "-" {
                if !lex.english.contains(hash: WordSet.hash(s[partStart..<k], folded: true)) { someUnknown = true }
                partStart = k + 1
            } else if Self.isUpper(s[k]), k > partStart {
                let mc = k - partStart == 2 && s[partStart] == "M" && s[partStart + 1] == "c"
                if !mc { return false }
            }
            k += 1
        }
        return someUnknown
    }

    /// Whether English function words outnumber German, French and
    /// Portuguese ones among `words`.
    private func isEnglish(_ words: [Word]) -> Bool {
        var english = 0, other = 0
        for word in words {
            if lex.englishFunctionWords.contains(hash: word.lower) {
                english += 1
            } else if lex.otherFunctionWords.contains(hash: word.lower) {
                other += 1
            }
        }
        return english > other
    }

    /// Ordinary English words: the lower-case words of the SCOWL lists
    /// (`EnglishWords`, generated by tools/gen-english-words.py).
    static let english = WordSet(asciiWords: EnglishWords.text, folded: true)
    static let englishFunctionWords = WordSet([
        "the", "and", "was", "were", "with", "from", "our", "we", "has", "have", "had", "this", "that", "after",
        "of", "to", "is", "by", "at", "for", "on", "been", "which", "their", "they", "it", "its", "but", "not",
    ], folded: true)
    static let otherFunctionWords = WordSet([
        "der", "das", "und", "ist", "wurde", "wurden", "nicht", "mit", "auf", "den", "dem", "ein", "eine", "einen",
        "von", "zu", "im", "bei", "sich", "nach", "wir", "unser", "unsere", "auch", "le", "la", "les", "des", "et",
        "est", "une", "nous", "du", "au", "aux", "dans", "pour", "sur", "avec", "été", "de", "os", "um", "uma",
        "foi", "não", "com", "para", "do", "da", "dos", "das", "em", "na", "no", "pelo", "pela", "nosso",
        "nossa", "foram",
    ], folded: true)
    static let legalSuffixes = WordSet(Vocabulary.legalSuffixes, folded: true)
    /// Day and month abbreviations ("Tue Jun") are not names.
    static let abbreviations = WordSet([
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ], folded: true)

    private func isNameWord(_ word: Word) -> Bool {
        word.titlecase && !lex.stop.contains(hash: word.exact) && !lex.roles.contains(hash: word.lower)
            && !lex.keepWords.contains(hash: word.lower) && !lex.titles.contains(hash: word.lower)
    }

    static let particles: Set<String> = ["van", "von", "de", "da", "dos", "das", "del", "della", "di", "du", "al", "bin", "ibn", "ter", "ten", "le", "la",
                                         "der", "den", "el", "ben", "abu", "ould", "mac", "El", "Al", "Ben", "Abu", "Ould", "Van", "Von", "De",
                                         "Da", "Di", "Del", "Della", "Dos", "Das", "Du", "Le", "La", "Bin", "Ibn", "do"]

    /// Japanese names: a listed surname, up to three more kanji of given name,
    /// then an honorific; or a kana given name before さん.
    private func japanese(_ text: ScanText, into candidates: inout [Candidate]) {
        let s = text.scalars
        let surnames = Self.surnameScalars
        let honorifics = Self.honorificScalars
        func honorific(at k: Int) -> Bool {
            honorifics.contains { h in k + h.count <= s.count && zip(h, s[k...]).allSatisfy { $0 == $1 } }
        }
        func isHan(_ c: Unicode.Scalar) -> Bool { (c.value >= 0x4E00 && c.value <= 0x9FFF) || (c.value >= 0x3400 && c.value <= 0x4DBF) }
        func isKana(_ c: Unicode.Scalar) -> Bool { c.value >= 0x3041 && c.value <= 0x30FF && c != "ー" || c == "ー" }
        var i = 0
        while i < s.count {
            let c = s[i]
            if isHan(c) {
                var matched = false
                for sn in surnames where i + sn.count <= s.count && zip(sn, s[i...]).allSatisfy({ $0 == $1 }) {
                    let j = i + sn.count
                    if honorific(at: j) {
                        candidates.append(Candidate(kind: .person, start: i, end: j)); i = j; matched = true; break
                    }
                    var g = j
                    while g < s.count, g - j < 3, isHan(s[g]) {
                        g += 1
                        if honorific(at: g) {
                            candidates.append(Candidate(kind: .person, start: i, end: g)); matched = true; break
                        }
                    }
                    if matched { i = g; break }
                }
                if matched { continue }
            } else if c == "さ" || c == "く" || c == "ち" || c == "様", honorific(at: i), i > 0 {
                // Kana given name before the honorific, after a particle or non-kana.
                var b = i
                while b > 0, i - b < 5, isKana(s[b - 1]), !Self.particles_ja.contains(s[b - 1]) { b -= 1 }
                if i - b >= 2 {
                    var name = ""; name.unicodeScalars.append(contentsOf: s[b..<i])
                    if !Self.notNames_ja.contains(name) { candidates.append(Candidate(kind: .person, start: b, end: i)) }
                }
            }
            i += 1
        }
    }

    /// Chinese names: a common surname (one character, or a compound such
    /// as 欧阳), at most two more characters of given name, then a title or
    /// honorific ("王伟先生", "李经理", "欧阳娜娜女士"). Single-character
    /// surnames are ordinary words too (高 "high", 金 "gold"), so the title
    /// after the name is required.
    private func chinese(_ text: ScanText, into candidates: inout [Candidate]) {
        let s = text.scalars
        func isHan(_ c: Unicode.Scalar) -> Bool { (c.value >= 0x4E00 && c.value <= 0x9FFF) || (c.value >= 0x3400 && c.value <= 0x4DBF) }
        func title(at k: Int) -> Int? {
            for t in Self.chineseTitleScalars where k + t.count <= s.count && zip(t, s[k...]).allSatisfy({ $0 == $1 }) { return t.count }
            return nil
        }
        var i = 0
        while i < s.count {
            guard isHan(s[i]), !text.protected[i] else { i += 1; continue }
            var surname = 0
            if i + 1 < s.count, Self.chineseCompoundSurnames.contains(where: { $0[0] == s[i] && $0[1] == s[i + 1] }) {
                surname = 2
            } else if Self.chineseSurnames.contains(s[i]) {
                surname = 1
            }
            guard surname > 0 else { i += 1; continue }
            // Shortest name first: "李经理" is 李 with a title, not 李经 with 理.
            var matched = false
            for given in 0...2 {
                let end = i + surname + given
                guard end <= s.count, (i + surname..<end).allSatisfy({ isHan(s[$0]) }) else { break }
                if title(at: end) != nil, !(given == 1 && Self.chineseWords.contains([s[i], s[i + 1]])) {
                    candidates.append(Candidate(kind: .person, start: i, end: end))
                    i = end
                    matched = true
                    break
                }
            }
            if !matched { i += 1 }
        }
    }

    /// Korean names: a common surname syllable (or 남궁, 제갈 …), one or two
    /// more syllables, then a title or honorific, with or without a space
    /// ("김민준 씨", "박지훈 과장님", "이서연님").
    private func korean(_ text: ScanText, into candidates: inout [Candidate]) {
        let s = text.scalars
        func isHangul(_ c: Unicode.Scalar) -> Bool { c.value >= 0xAC00 && c.value <= 0xD7A3 }
        func title(at k: Int) -> Bool {
            Self.koreanTitleScalars.contains { t in k + t.count <= s.count && zip(t, s[k...]).allSatisfy { $0 == $1 } }
        }
        var i = 0
        while i < s.count {
            guard isHangul(s[i]), !text.protected[i], i == 0 || !isHangul(s[i - 1]) else { i += 1; continue }
            var surname = 0
            if i + 1 < s.count, Self.koreanCompoundSurnames.contains(where: { $0[0] == s[i] && $0[1] == s[i + 1] }) {
                surname = 2
            } else if Self.koreanSurnames.contains(s[i]) {
                surname = 1
            }
            guard surname > 0 else { i += 1; continue }
            var matched = false
            for given in 0...2 {
                let end = i + surname + given
                guard end <= s.count, (i + surname..<end).allSatisfy({ isHangul(s[$0]) }) else { break }
                // A surname alone takes its title after a space ("김 과장");
                // glued, it is usually a word ("정부장관", a minister).
                let spaced = end < s.count && s[end] == " "
                if given == 0 && !spaced { continue }
                if title(at: spaced ? end + 1 : end) {
                    candidates.append(Candidate(kind: .person, start: i, end: end))
                    i = end
                    matched = true
                    break
                }
            }
            if !matched { i += 1 }
        }
    }

    static let chineseSurnames: Set<Unicode.Scalar> = Set("""
    王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤張劉陳楊黃趙吳許鄭謝韓馮鄧蕭葉蘇呂盧鍾譚陸賈鄒龔錢
    """.unicodeScalars.filter { $0.value > 0x2FFF })
    /// Words that begin with a surname character and often stand before a
    /// title: "高级工程师" is a senior engineer, not Mr Gao Ji.
    static let chineseWords: Set<[Unicode.Scalar]> = Set(["高级", "高級", "金融", "石油", "黄金", "黃金", "方面", "任何", "于是",
                                                          "马上", "周末", "江湖", "万元", "白天", "首席", "陆军", "海军"]
        .map { Array($0.unicodeScalars) })
    static let chineseCompoundSurnames: [[Unicode.Scalar]] = ["欧阳", "歐陽", "司马", "司馬", "上官", "诸葛", "諸葛", "东方", "東方", "皇甫", "令狐", "慕容"]
        .map { Array($0.unicodeScalars) }
    static let chineseTitleScalars: [[Unicode.Scalar]] = [
        "先生", "女士", "小姐", "总经理", "總經理", "经理", "經理", "总监", "總監", "主任", "博士", "老师", "老師", "工程师", "工程師",
        "部长", "部長", "科长", "科長", "处长", "處長", "主管", "同志", "教授", "律师", "律師", "总裁", "總裁",
    ].map { Array($0.unicodeScalars) }.sorted { $0.count > $1.count }
    static let koreanSurnames: Set<Unicode.Scalar> = Set("""
    김이박최정강조윤장임한오서신권황안송류유홍전고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부
    """.unicodeScalars.filter { $0.value > 0x2FFF })
    static let koreanCompoundSurnames: [[Unicode.Scalar]] = ["남궁", "제갈", "선우", "독고", "황보", "사공", "서문"].map { Array($0.unicodeScalars) }
    static let koreanTitleScalars: [[Unicode.Scalar]] = [
        "씨", "님", "과장", "부장", "대리", "팀장", "사원", "주임", "차장", "이사", "선생님", "선생", "교수", "박사", "실장",
        "본부장", "상무", "전무", "대표", "사장", "회장", "매니저", "연구원", "책임", "수석",
    ].map { Array($0.unicodeScalars) }.sorted { $0.count > $1.count }

    static let surnameScalars: [[Unicode.Scalar]] = Names.japaneseSurnames.map { Array($0.unicodeScalars) }
        .sorted { $0.count > $1.count }
    static let honorificScalars: [[Unicode.Scalar]] = Names.japaneseHonorifics.map { Array($0.unicodeScalars) }
    static let particles_ja: Set<Unicode.Scalar> = ["の", "は", "が", "と", "に", "を", "も", "へ", "で", "や", "、", "。"]
    static let notNames_ja: Set<String> = ["みな", "みなさ", "お客", "おきゃく", "みなさま", "おじ", "おば", "にい", "ねえ"]
}
