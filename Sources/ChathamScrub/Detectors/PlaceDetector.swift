/// Places the profile does not list, where the text itself says it names a
/// place: a street address ("Hafenstraße 112", "7 rue Voltaire",
/// "14 Carrick Road", "Rua Augusta, 45"), a named building ("Kinross
/// Building"), a room with a name ("Raum Rhein 3.12"), and a place next to
/// a word for a site ("the Hamamatsu plant", "Shizuoka prefectural police",
/// "Werk Duisburg", "usine de Tours", "agência de Setúbal").
///
/// The place word itself must look like a name: capitalised, letters only,
/// and no ordinary English word ("Main Street" says little; "the Leeds
/// office" says where). Vendor and product names are kept by the keep
/// vocabulary, which the resolver applies after every detector.
///
/// Near misses left alone: "room 2.14" (no name), "the main site", "capacity
/// building", "the Exchange site" (kept as a product), "12 Street" (no name
/// between the number and the street word).
struct PlaceDetector: Detector {
    func detect(_ text: ScanText, into candidates: inout [Candidate]) {
        let s = text.scalars
        let tokens = text.tokens
        guard !tokens.isEmpty else { return }
        let pairs = Self.triggerPairs
        for t in tokens.indices {
            let token = tokens[t]
            // Most tokens are lower-case words, which start no rule here.
            let v = s[token.start].value
            if v >= 0x61, v <= 0x7A { continue }
            let (ws, we) = Self.word(s, token)
            guard we > ws else { continue }
            let first = s[ws]
            if token.flags & ScanText.Token.digit != 0 {
                if ScalarClass.isASCIIDigit(first) { address(atNumber: t, s, tokens, into: &candidates) }
                continue
            }
            // Every other rule hangs on a capitalised place word and a
            // trigger word next to it; the (cheap) trigger test goes first.
            guard Self.isUpper(first) else { continue }
            // "Kinross Building", "the Hamamatsu plant", "Shizuoka prefectural police".
            if we == token.end, t + 1 < tokens.count, tokens[t + 1].start == token.end + 1, s[token.end] == " " {
                let (ns, ne) = Self.word(s, tokens[t + 1])
                if ns == tokens[t + 1].start, Self.mayBe(s, ns, ne, pairs), Self.after.contains(s, ns, ne),
                   // "head" only in "head office": "our Hamamatsu head office".
                   !s[ns..<ne].elementsEqual("head".unicodeScalars)
                    || (t + 2 < tokens.count && s[tokens[t + 2].start..<tokens[t + 2].end].starts(with: "office".unicodeScalars)),
                   // "shop", "store", "outlet" are verbs too: an article or
                   // "our" before the place ("our Trans-Amadi shop"; not
                   // "Don't store").
                   !Self.verbSites.contains(s, ns, ne)
                    || (t > 0 && Self.siteArticles.contains(s, tokens[t - 1].start, tokens[t - 1].end)),
                   placeName(s, ws, we) != nil {
                    candidates.append(Candidate(kind: .location, start: ws, end: we))
                    continue
                }
            }
            // "Verwaltungsgebäude B", "Hauptgebäude 3": a building and its letter or number.
            if we == token.end, t + 1 < tokens.count, Self.germanSuffixLength(s, ws, we, suffixes: Self.buildingSuffixes) != nil {
                let next = tokens[t + 1]
                let (ns, ne) = Self.word(s, next)
                if ne - ns >= 1, ne - ns <= 3, ns == next.start,
                   (ne - ns == 1 && Self.isUpper(s[ns])) || (ns..<ne).allSatisfy({ ScalarClass.isASCIIDigit(s[$0]) }) {
                    candidates.append(Candidate(kind: .location, start: ws, end: ne))
                    continue
                }
            }
            // "Werk Duisburg", "usine de Tours", "agência de Setúbal", "Raum Rhein 3.12".
            guard t > 0 else { continue }
            var p = t - 1
            let (ps, pe) = Self.word(s, tokens[p])
            if pe == tokens[p].end, p > 0, Self.mayBeParticle(s, ps, pe) { p -= 1 }
            var (bs, be) = Self.word(s, tokens[p])
            if be - bs >= 4, s[bs + 1] == "'" || s[bs + 1] == "\u{2019}", s[bs] == "l" || s[bs] == "d" || s[bs] == "L" || s[bs] == "D" {
                bs += 2 // "l'usine de Tours"
            }
            guard be == tokens[p].end, Self.mayBe(s, bs, be, pairs) else { continue }
            if Self.before.contains(s, bs, be) {
                // An English site word needs "in", "at" or "of" between: "the outlet in Surulere", not "branch\nSigned-off-by".
                let english = PersonDetector.isLower(s[bs]) && Self.englishBefore.contains(s, bs, be)
                if placeName(s, ws, we) != nil, !english || (p == t - 2 && Self.inAt.contains(s, ps, pe)) {
                    candidates.append(Candidate(kind: .location, start: ws, end: we))
                }
            } else if p == t - 1, Self.rooms.contains(s, bs, be), placeName(s, ws, we) != nil {
                // "Raum Rhein 3.12", "Sala Guarapuvu", "Raum „Rheinblick“".
                var end = we
                if we == token.end, t + 1 < tokens.count, let number = Self.houseNumber(s, tokens[t + 1]) { end = number }
                candidates.append(Candidate(kind: .location, start: ws, end: end))
            }
        }
    }

    /// An address around the number token `tokens[n]`: the street before it
    /// ("Hafenstraße 112", "Kölner Straße 12", "Rua Augusta, 45") or after it
    /// ("7 rue Voltaire", "14 Carrick Road").
    private func address(atNumber n: Int, _ s: [Unicode.Scalar], _ tokens: [ScanText.Token],
                         into candidates: inout [Candidate]) {
        // Number first: "7 rue Voltaire", "7, rue de la Paix", "14 Carrick Road".
        if let numberEnd = Self.houseNumber(s, tokens[n]), numberEnd == Self.word(s, tokens[n]).1 || s[numberEnd] == ",",
           n + 1 < tokens.count {
            let (ts, te) = Self.word(s, tokens[n + 1])
            let start = Self.word(s, tokens[n]).0
            if te - ts >= 2, te - ts <= 10, Keywords.letterIndex(s[ts].value) != nil, Self.frenchStreets.contains(s, ts, te) {
                // The street's name: particles and capitalised words, to the first punctuation.
                var end = te, k = n + 1
                while te == tokens[n + 1].end, k + 1 < tokens.count, k - n < 7 {
                    let (ws, we) = Self.word(s, tokens[k + 1])
                    guard ws == tokens[k + 1].start, we > ws,
                          Self.isUpper(s[ws]) || Self.mayBeParticle(s, ws, we) || Self.elided(s, ws, we) else { break }
                    end = we
                    k += 1
                    if we != tokens[k].end { break }
                }
                if end > te, !Self.particles.contains(s, Self.word(s, tokens[k]).0, end) {
                    candidates.append(Candidate(kind: .location, start: start, end: end))
                    return
                }
            }
            // English: one to three names, then the street word.
            var k = n + 1
            while k < tokens.count, k - n <= 4 {
                let (ws, we) = Self.word(s, tokens[k])
                guard ws == tokens[k].start, we > ws, Self.isUpper(s[ws]) else { break }
                if k > n + 1, Self.englishStreets.contains(s, ws, we) {
                    candidates.append(Candidate(kind: .location, start: start, end: we))
                    return
                }
                // Common words name streets too ("14 Station Parade", "2 Church Road").
                guard we == tokens[k].end, placeName(s, ws, we) == we || Self.titleWord(s, ws, we) else { break }
                k += 1
            }
        }
        // Street first: the number must be a house number ("112", "12a", "3-5").
        guard n > 0, let numberEnd = Self.houseNumber(s, tokens[n]) else { return }
        let (ps, pe) = Self.word(s, tokens[n - 1])
        guard pe > ps else { return }
        // "Hafenstraße 112", "Kölner Str. 12", "Straße des 17. Juni" is left.
        if pe == tokens[n - 1].end || (s[pe] == "." && pe + 1 == tokens[n - 1].end), Self.isUpper(s[ps]) {
            if let suffix = Self.germanSuffixLength(s, ps, pe, dotted: pe < tokens[n - 1].end), pe - ps > suffix + 2 {
                candidates.append(Candidate(kind: .location, start: ps, end: numberEnd))
                return
            }
            if Self.germanStreets.contains(s, ps, pe), n >= 2 {
                let (qs, qe) = Self.word(s, tokens[n - 2])
                if qe == tokens[n - 2].end, qe > qs, Self.isUpper(s[qs]) {
                    candidates.append(Candidate(kind: .location, start: qs, end: numberEnd))
                    return
                }
            }
        }
        // "Rua Augusta, 45", "Avenida da Liberdade, n.º 190": back to a street word.
        var k = n - 1
        let marked = pe - ps <= 6 && s[ps].value | 0x20 == 0x6E && Self.numberMarks.contains(s, ps, pe)
        if marked { k -= 1 }
        var sawName = false
        while k >= 0, n - k <= 7 {
            let (ws, we) = Self.word(s, tokens[k])
            guard ws == tokens[k].start, we > ws else { return }
            let dotted = we < tokens[k].end && s[we] == "." && we + 1 == tokens[k].end
            if sawName, Self.isUpper(s[ws]), Self.southernStreets.contains(s, ws, we) || (dotted && Self.southernAbbreviations.contains(s, ws, we)) {
                candidates.append(Candidate(kind: .location, start: ws, end: numberEnd))
                return
            }
            let comma = we < tokens[k].end && s[we] == "," && we + 1 == tokens[k].end
            guard we == tokens[k].end || (comma && k == n - 1) || (comma && marked && k == n - 2),
                  Self.isUpper(s[ws]) || Self.mayBeParticle(s, ws, we) else { return }
            if Self.isUpper(s[ws]) { sawName = true }
            k -= 1
        }
    }

    /// The end of a house number at the start of `token` ("112", "12a",
    /// "3-5", "45,"): one to four digits, a letter, a range; nil otherwise.
    static func houseNumber(_ s: [Unicode.Scalar], _ token: ScanText.Token) -> Int? {
        var k = token.start
        while k < token.end, ScalarClass.isASCIIDigit(s[k]), k - token.start < 5 { k += 1 }
        guard k > token.start, k - token.start <= 4 else { return nil }
        if k < token.end, s[k] == "-" || s[k] == "/", k + 1 < token.end, ScalarClass.isASCIIDigit(s[k + 1]) {
            k += 1
            while k < token.end, ScalarClass.isASCIIDigit(s[k]) { k += 1 }
        }
        if k < token.end, s[k].value >= 0x61, s[k].value <= 0x7A, k + 1 == token.end || !ScalarClass.isAlnum(s[k + 1]) { k += 1 }
        guard k == token.end || Self.trailing(s[k]) else { return nil }
        if k < token.end, s[k] == ".", k + 1 < token.end, ScalarClass.isASCIIDigit(s[k + 1]) {
            // "3.12": a room number.
            k += 1
            while k < token.end, ScalarClass.isASCIIDigit(s[k]) { k += 1 }
            guard k == token.end || Self.trailing(s[k]) else { return nil }
        }
        return k
    }

    /// The end of a place name starting at `start` that ends at `end`: a
    /// capitalised word of three letters or more (a Latin, Greek or Cyrillic
    /// capital), letters (and inner
    /// hyphens or apostrophes) only, not all capitals, not an ordinary
    /// English word. Nil otherwise.
    private func placeName(_ s: [Unicode.Scalar], _ start: Int, _ end: Int) -> Int? {
        // A Latin, Greek or Cyrillic capital: not a mathematical or
        // full-width letter glued to a word ("𝐀the office").
        guard end - start >= 3, s[start].value < 0x530 else { return nil }
        var lower = false
        for k in (start + 1)..<end {
            let c = s[k]
            if c.value >= 0x61 && c.value <= 0x7A { lower = true; continue }
            if c.value >= 0x41 && c.value <= 0x5A { continue }
            if (c == "-" || c == "'" || c == "\u{2019}"), k + 1 < end { continue }
            if !c.isASCII, c.properties.isAlphabetic { if c.properties.isLowercase { lower = true }; continue }
            return nil
        }
        guard lower, !PersonDetector.ordinaryWord(s, start, end),
              !Self.after.contains(s, start, end), !Self.before.contains(s, start, end) else { return nil }
        return end
    }

    /// A capitalised word of ASCII letters, three or more, no keep name.
    static func titleWord(_ s: [Unicode.Scalar], _ start: Int, _ end: Int) -> Bool {
        guard end - start >= 3, s[start].value >= 0x41, s[start].value <= 0x5A else { return false }
        for k in (start + 1)..<end where !(s[k].value >= 0x61 && s[k].value <= 0x7A) { return false }
        return !PersonDetector.keepWords.contains(s, start, end)
    }

    /// The word inside a token: leading brackets and quotes and trailing
    /// punctuation taken off.
    static func word(_ s: [Unicode.Scalar], _ token: ScanText.Token) -> (Int, Int) {
        var a = token.start, b = token.end
        while a < b, leading(s[a]) { a += 1 }
        while b > a, trailing(s[b - 1]) { b -= 1 }
        return (a, b)
    }

    @inline(__always) static func leading(_ c: Unicode.Scalar) -> Bool {
        c == "(" || c == "[" || c == "\"" || c == "'" || c == "\u{201C}" || c == "\u{AB}" || c == "\u{2018}" || c == "\u{201E}"
    }

    @inline(__always) static func trailing(_ c: Unicode.Scalar) -> Bool {
        c == "," || c == "." || c == ";" || c == ":" || c == ")" || c == "]" || c == "\"" || c == "'" || c == "!" || c == "?"
            || c == "\u{201D}" || c == "\u{201C}" || c == "\u{BB}" || c == "\u{2019}"
    }

    @inline(__always) static func isUpper(_ c: Unicode.Scalar) -> Bool {
        c.isASCII ? c.value >= 0x41 && c.value <= 0x5A : PersonDetector.isUpperSlow(c)
    }

    /// A particle (`particles`): five scalars at most, lower case, listed.
    @inline(__always) static func mayBeParticle(_ s: [Unicode.Scalar], _ start: Int, _ end: Int) -> Bool {
        end - start <= 5 && end > start && s[start].value >= 0x61 && s[start].value <= 0x7A && particles.contains(s, start, end)
    }

    /// "l'", "d'" before a name in a French street ("rue d'Alsace").
    static func elided(_ s: [Unicode.Scalar], _ start: Int, _ end: Int) -> Bool {
        end - start >= 3 && (s[start] == "d" || s[start] == "l") && (s[start + 1] == "'" || s[start + 1] == "\u{2019}")
            && isUpper(s[start + 2])
    }

    /// The length of a German street suffix ending the word (Hafen|straße,
    /// Linden|allee, Rhein|ufer; "Hauptstr." with `dotted`), or nil.
    static func germanSuffixLength(_ s: [Unicode.Scalar], _ start: Int, _ end: Int, dotted: Bool) -> Int? {
        germanSuffixLength(s, start, end, suffixes: dotted ? dottedGermanSuffixes : germanSuffixes)
    }

    /// The length of the first of `suffixes` (lower-case) ending the word, or nil.
    static func germanSuffixLength(_ s: [Unicode.Scalar], _ start: Int, _ end: Int, suffixes: [[UInt32]]) -> Int? {
        for suffix in suffixes where end - start > suffix.count {
            var match = true
            for (k, v) in suffix.enumerated() where PersonDetector.asciiLower(s[end - suffix.count + k].value) != v {
                match = false
                break
            }
            if match { return suffix.count }
        }
        return nil
    }

    private static let germanSuffixes: [[UInt32]] = ["straße", "strasse", "weg", "allee", "gasse", "damm", "ufer",
                                                     "chaussee", "promenade"]
        .map { $0.unicodeScalars.map(\.value) }
    /// A building of a site, named by a letter or number after it.
    static let buildingSuffixes: [[UInt32]] = ["gebäude", "gebaeude"].map { $0.unicodeScalars.map(\.value) }
    private static let dottedGermanSuffixes: [[UInt32]] = [Array("str".unicodeScalars.map(\.value))]

    /// Street words after a house number, in French ("7 rue Voltaire",
    /// "7 Rue Voltaire").
    static let frenchStreets = WordSet(["rue", "avenue", "av", "bd", "boulevard", "place", "allée", "allee", "chemin", "impasse",
                                        "quai", "cours", "route", "passage", "square", "voie", "esplanade", "faubourg"], folded: true)
    /// Street words that end an English address ("14 Carrick Road").
    static let englishStreetWords = ["Street", "St", "Road", "Rd", "Avenue", "Ave", "Lane", "Ln", "Way", "Place",
                                     "Square", "Terrace", "Crescent", "Close", "Court", "Row", "Gardens", "Parade",
                                     "Walk", "Grove", "Mews", "Wharf", "Quay", "Boulevard", "Blvd", "Drive"]
    static let englishStreets = WordSet(englishStreetWords, folded: false)
    /// A German street as a word of its own ("Kölner Straße 12").
    static let germanStreets = WordSet(["Straße", "Strasse", "Str", "Weg", "Platz", "Allee", "Gasse", "Damm", "Ufer", "Ring"],
                                       folded: false)
    /// Street words before a name and a number, in Portuguese, Spanish and Italian.
    static let southernStreets = WordSet(["Rua", "Avenida", "Travessa", "Praça", "Largo", "Estrada", "Alameda", "Rodovia",
                                          "Calle", "Paseo", "Piazza", "Calçada"], folded: false)
    static let southernAbbreviations = WordSet(["R", "Av", "Tv", "Pç", "Est", "Al", "Rod"], folded: false)
    /// "n.º 45", "nº 45", "n° 45", "Nr. 12", "no 45" between a street and its number.
    static let numberMarks = WordSet(["n.º", "nº", "n°", "n", "no", "nr", "número", "numero", "num"], folded: true)
    static let particles = WordSet(["de", "du", "des", "la", "le", "les", "d", "l", "da", "do", "dos", "das", "del",
                                    "della", "di", "e", "em", "von", "in", "am", "an", "der", "sur", "en", "of"], folded: false)

    /// Words after a place that say it is one: "the Hamamatsu plant", "our
    /// Hamamatsu head office".
    static let afterWords = ["plant", "factory", "site", "branch", "campus", "depot", "warehouse", "works", "refinery",
                             "mill", "substation", "hospital", "clinic", "office", "offices", "prefectural", "prefecture",
                             "county", "district", "Building", "Tower", "House", "Room", "police", "constabulary",
                             "municipality", "headquarters", "HQ", "head", "shop", "store", "outlet"]
    static let after = WordSet(afterWords, folded: false)
    static let verbSites = WordSet(["shop", "store", "outlet"], folded: false)
    static let siteArticles = WordSet(["our", "the", "their", "a", "at", "in"], folded: false)
    /// Words before a place that say it is one: "Werk Duisburg", "usine de Tours".
    static let beforeWords = ["Werk", "Standort", "Niederlassung", "Filiale", "Außenstelle", "Zweigstelle", "Lager",
                              "Rechenzentrum", "usine", "agence", "succursale", "entrepôt", "dépôt", "fábrica", "unidade",
                              "filial", "agência", "armazém", "sucursal", "planta", "Werke",
                              // "the outlet in Surulere", "our office at Hamburg": with "in", "at" or "of" between.
                              "outlet", "branch", "office", "plant", "depot", "warehouse", "store", "shop", "campus",
                              "factory", "clinic", "facility", "subsidiary"]
    static let before = WordSet(beforeWords, folded: false)
    static let englishBefore = WordSet(beforeWords.drop(while: { $0 != "outlet" }), folded: false)
    static let inAt = WordSet(["in", "at", "of"], folded: false)
    /// Rooms named after places or people: "Raum Rhein 3.12", "Room Kelvin 2".
    static let roomWords = ["Raum", "Room", "room", "Salle", "salle", "Sala", "sala", "Besprechungsraum"]
    static let rooms = WordSet(roomWords, folded: false)

    /// Some trigger word (`after`, `before`, `rooms`) starts with these two
    /// letters and is this long (`Keywords.pairTable`); a word that is
    /// none is let go with two compares and a load.
    static let triggerPairs = Keywords.pairTable(afterWords + beforeWords + roomWords)

    /// Whether `s[start..<end]` may be a trigger word (`triggerPairs`).
    @inline(__always)
    static func mayBe(_ s: [Unicode.Scalar], _ start: Int, _ end: Int, _ table: [UInt32]) -> Bool {
        end - start >= 2 && Keywords.mayStart(s[start].value, s[start + 1].value, length: end - start, table)
    }
}
