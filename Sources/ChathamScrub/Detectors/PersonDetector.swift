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
        var length: Int { end - start }
    }

    static let titles = WordSet(Names.titles, folded: true)
    static let dotTitles = WordSet(["m", "me", "fr", "hr"], folded: true)
    static let roles = WordSet(Names.roles, folded: true)
    static let given = WordSet(Names.given, folded: false)
    static let stop = WordSet(Names.stop, folded: false)
    static let keepWords = WordSet(Vocabulary.keepWords, folded: true)
    static let particleSet = WordSet(particles, folded: false)

    func detect(_ text: ScanText, into candidates: inout [Candidate]) {
        let s = text.scalars
        var words: [Word] = []
        var hasCJK = false
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
            guard ScalarClass.isAlnum(c), !text.protected[i], !text.isWordy(at: i - 1) else { i += 1; continue }
            var j = i + 1
            while j < s.count {
                if ScalarClass.isAlnum(s[j]) || ScalarClass.isIgnorable(s[j]) { j += 1; continue }
                if s[j] == "'" || s[j] == "\u{2019}" || s[j] == "-", j + 1 < s.count, s[j + 1].properties.isUppercase { j += 1; continue }
                break
            }
            if j < s.count, text.protected[j] { i = j; continue }
            let titlecase = Self.isUpper(s[i]) && s[(i + 1)..<j].contains(where: Self.isLower)
                && !s[i..<j].contains(where: ScalarClass.isASCIIDigit)
            words.append(Word(start: i, end: j, exact: WordSet.hash(s[i..<j], folded: false),
                              lower: WordSet.hash(s[i..<j], folded: true), titlecase: titlecase))
            i = j
        }

        var found: [Candidate] = []
        var w = 0
        while w < words.count {
            let word = words[w]
            // Title, then a name: "Dr. Kwame Mensah", "Mr Nowak", "M. Lambert".
            if Self.titles.contains(hash: word.lower), w + 1 < words.count {
                let dot = text.scalar(at: word.end) == "."
                if !Self.dotTitles.contains(hash: word.lower) || dot,
                   s[word.start].properties.isUppercase || dot,
                   adjacent(words[w], words[w + 1], text, allowDot: true),
                   let end = nameRun(words, w + 1, text, max: 3) {
                    found.append(Candidate(kind: .person, start: words[w + 1].start, end: words[end].end))
                    w = end + 1
                    continue
                }
            }
            // Role, then a name: "CISO Maria Fernandez", "CFO, Robert Chen".
            if Self.roles.contains(hash: word.lower), w + 1 < words.count, adjacent(words[w], words[w + 1], text, allowComma: true),
               let end = nameRun(words, w + 1, text, max: 3),
               end > w + 1 || Self.given.contains(hash: words[w + 1].exact) {
                found.append(Candidate(kind: .person, start: words[w + 1].start, end: words[end].end))
                w = end + 1
                continue
            }
            // A given name and what follows: "Priya Sharma", "Nguyen Van An".
            if word.titlecase, Self.given.contains(hash: word.exact), !Self.stop.contains(hash: word.exact) {
                let end = nameRun(words, w, text, max: 3) ?? w
                found.append(Candidate(kind: .person, start: word.start, end: words[end].end))
                w = end + 1
                continue
            }
            w += 1
        }

        // Carry-forward: parts of every name found, anywhere in the text.
        if !found.isEmpty {
            var parts = Set<UInt64>()
            for c in found {
                for word in words where word.start >= c.start && word.end <= c.end && word.length >= 3 {
                    parts.insert(word.lower)
                }
            }
            var covered = Set(found.map(\.start))
            for word in words where word.titlecase && parts.contains(word.lower) && !covered.contains(word.start) {
                if found.contains(where: { $0.start <= word.start && $0.end >= word.end }) { continue }
                found.append(Candidate(kind: .person, start: word.start, end: word.end))
                covered.insert(word.start)
            }
        }
        for c in found {
            let end = ProfileDetector.possessiveEnd(text, c.end)
            candidates.append(Candidate(kind: .person, start: c.start, end: end, core: c.end - c.start))
        }
        if hasCJK { japanese(text, into: &candidates) }
    }

    @inline(__always) static func isUpper(_ c: Unicode.Scalar) -> Bool {
        c.isASCII ? (c.value >= 0x41 && c.value <= 0x5A) : c.properties.isUppercase
    }
    @inline(__always) static func isLower(_ c: Unicode.Scalar) -> Bool {
        c.isASCII ? (c.value >= 0x61 && c.value <= 0x7A) : c.properties.isLowercase
    }

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
            if Self.particleSet.contains(hash: words[k].exact), k + 1 < words.count, adjacent(words[k], words[k + 1], text),
               isNameWord(words[k + 1]) {
                last = k + 1; k += 2; count += 1; continue
            }
            guard isNameWord(words[k]) else { break }
            last = k; k += 1; count += 1
        }
        return last
    }

    private func isNameWord(_ word: Word) -> Bool {
        word.titlecase && !Self.stop.contains(hash: word.exact) && !Self.roles.contains(hash: word.lower)
            && !Self.keepWords.contains(hash: word.lower)
    }

    static let particles: Set<String> = ["van", "von", "de", "da", "dos", "das", "del", "della", "di", "du", "al", "bin", "ibn", "ter", "ten", "le", "la"]

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

    static let surnameScalars: [[Unicode.Scalar]] = Names.japaneseSurnames.map { Array($0.unicodeScalars) }
        .sorted { $0.count > $1.count }
    static let honorificScalars: [[Unicode.Scalar]] = Names.japaneseHonorifics.map { Array($0.unicodeScalars) }
    static let particles_ja: Set<Unicode.Scalar> = ["の", "は", "が", "と", "に", "を", "も", "へ", "で", "や", "、", "。"]
    static let notNames_ja: Set<String> = ["みな", "みなさ", "お客", "おきゃく", "みなさま", "おじ", "おば", "にい", "ねえ"]
}
