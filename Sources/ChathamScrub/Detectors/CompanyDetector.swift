/// Third parties' company names: a supplier, an MSP, a law firm or a
/// carrier named in a narrative narrows down who the member is (a small
/// MSP's clients, a town's meter-reading contractor), so they go as
/// `[ORG-n]` like the member's own names. Found by what announces them,
/// never by a list of companies:
///
/// - a company word (or a German compound ending in one) at the end of a
///   run of capitalised words, one of which is no English word and no keep
///   name — "Harwood Print Supplies", "Medilinq Diagnostics", "Minato
///   Design Systems", "Monétia Services", "Alpnet AG", "Hagedorn
///   Elektrogroßhandel";
/// - a business noun at its start — "Metalúrgica Vale do Paraíba", "Crédit
///   Rhodanien";
/// - the run after a word for a third party, directly or after a comma —
///   "our MSP, Dalesbridge IT Services", "cabinet Courtage Loire
///   Patrimoine", "prestador de serviços geridos, Sadoinfra",
///   "Ablesedienstleister Zählerservice Niederrhein" — after what the party
///   does — "prestataire d'infogérance Loire Infogérance" — after "with"
///   — "the contract with Translusa Cargas" — or in English after a
///   possessive, two words or more — "our MSP Harbourline Managed
///   Security", "our system integrator Hydrotec Automation", or directly
///   after another language's article ("unseres Providers NetCologne"); after the
///   word for it a company word may stand for the distinctive one ("our
///   upstream Lagoon Transit Networks");
/// - the run before ", one of our contractors", ", our MSP" or "(our
///   MDR)" — "Marlowe Roofing, one of our claims contractors", "Charter Oak
///   Managed Security (our MDR)";
/// - the run after a person found and "of", "from", "bei" — "Ngozi Eze of
///   Halden Scientific";
/// - a legal form after a comma — "Sadoturbo, Lda." — or after two words
///   or more even of the dictionary — "Harrow & Finch Supplies Ltd";
/// - a found name's distinctive word alone elsewhere — "Meridale" after
///   "Meridale Software";
/// - in Japanese, a name ending in a company word after 取引先, 委託先,
///   業者（, ベンダー or 保守会社 ("取引先東海精密工業の",
///   "保守委託先の中部ネットシステムズが", "外部業者（三河テクノサービス）",
///   "保守ベンダーの東海ネットソリューションズに", a name in Latin letters:
///   "仕入先Siam Precision Parts Co., Ltd.の"), and without a cue a law or
///   accounting firm, a prefecture's police, a name before or after 株式会社
///   and a bank before 銀行 ("浜名湖綜合法律事務所", "静岡県警",
///   "株式会社ペイロールサポート東海", "静岡中央銀行").
///
/// Near misses left alone: runs of English words ("Financial Services",
/// "IT Service Desk", "Credit Control", "Metropolitan Police"), vendors and
/// tools of the keep vocabulary ("Palo Alto Networks", "the vendor,
/// Fortinet"), acronyms ("our MSP, IT"), one word after an English cue
/// without a comma ("our MSP Monday").
struct CompanyDetector: Detector {
    /// Words that end a company's name (capitalised unless a legal form).
    static let suffixes = WordSet(suffixWords, folded: true)
    /// Legal forms, which follow a name in lower case too ("Harwood Print plc").
    static let legalForms = WordSet(suffixWords.prefix(while: { $0 != "Services" }), folded: true)
    static let suffixWords = [
        "Ltd", "Limited", "plc", "PLC", "Inc", "LLC", "LLP", "GmbH", "KG", "AG", "Ltda", "Lda", "BV", "NV", "Oy", "Pty", "SARL", "SAS",
        "Services", "Systems", "Networks", "Supplies", "Solutions", "Diagnostics", "Consulting", "Consultants",
        "Partners", "Associates", "Associés", "Technologies", "Logistics", "Engineering", "Industries", "Holdings",
        "Dienstleistungen", "Systeme", "Serviços", "Sistemas", "Soluções", "Engenharia", "Conseil", "Informatique",
        "Security", "Forensics", "Forensik", "Infogérance", "Centre", "Center", "Clinic", "Police", "Software",
        "Automation", "Automação", "Manutenção", "Courtage", "Indemnity", "Insurance", "Assurance", "Consultores",
        "Fibre", "Fiber", "Telecoms", "Broadband", "Hosting", "Segurança", "Cibersegurança", "Empresas", "Digital",
        "Ventures",
    ]

    /// Business nouns that start a company's name (capitalised).
    static let prefixes = WordSet(prefixWords, folded: true)
    static let prefixWords = [
        "Metalúrgica", "Construtora", "Transportes", "Transportadora", "Distribuidora", "Comercial", "Indústria",
        "Imprimerie", "Transports", "Entreprise", "Spedition", "Crédit", "Banque", "Caixa", "Sparkasse",
    ]

    /// Words for a third party, before its name.
    static let cues = WordSet(cueWords, folded: true)
    static let cueWords = [
        "msp", "supplier", "vendor", "provider", "contractor", "subcontractor", "partner", "insurer", "broker", "firm",
        "outsourcer", "integrator", "carrier", "reseller", "contract", "tpa", "upstream", "isp", "mssp", "registrar",
        "auditor", "processor", "acquirer", "bank", "mdr", "dealer",
        "suppliers", "vendors", "providers", "contractors", "subcontractors", "partners", "insurers", "brokers",
        "carriers", "resellers", "auditors",
        "dienstleister", "dienstleisters", "lieferant", "lieferanten", "zulieferer", "versicherer", "partnerfirma", "kanzlei",
        "vertrag", "forensiker",
        "hoster", "hausbank", "wirtschaftsprüfer",
        "prestataire", "fournisseur", "sous-traitant", "cabinet", "infogérant", "assureur", "intégrateur", "contrat",
        "hébergeur", "éditeur", "opérateur", "banque", "agence",
        "prestador", "fornecedor", "parceiro", "seguradora", "corretora", "transportadora", "terceirizada", "contrato",
        "provedor", "operadora", "operador", "adquirente", "escritório",
    ]

    /// The English cues, which need a comma before the name.
    static let englishCues = WordSet(cueWords.prefix(while: { $0 != "dienstleister" }), folded: true)

    /// German compounds ending in a word for a third party ("Ablesedienstleister").
    static let cueEndings: [[Unicode.Scalar]] = ["dienstleister", "dienstleisters", "lieferant", "lieferanten", "partner"]
        .map { Array($0.unicodeScalars) }

    /// German compounds that end a company's name ("Hagedorn
    /// Elektrogroßhandel", "Grefrath Immobilienverwaltung", "Voltaro
    /// Energievermittlung").
    static let suffixEndings: [[Unicode.Scalar]] = ["handel", "verwaltung", "vermittlung", "vertrieb", "technik", "logistik", "service",
                                                    "systemhaus"]
        .map { Array($0.unicodeScalars) }

    /// Articles and possessives between a cue and the name.
    static let articles = WordSet([
        "the", "our", "their", "its", "a", "an", "o", "os", "as", "um", "uma", "nosso", "nossa",
        "le", "la", "les", "l", "notre", "nos", "un", "une",
        "der", "die", "das", "den", "dem", "des", "unser", "unserem", "unseren", "unseres", "ein", "einem", "einen",
    ], folded: true)

    /// "with" and its kin between a cue and the name ("contract with").
    static let withWords = WordSet(["with", "com", "mit", "avec", "con"], folded: false)
    /// Possessives before a cue after the name ("Marlowe Roofing, one of our contractors").
    static let ours = WordSet(["our", "nossos", "nossas", "nosso", "nossa", "unsere", "unserer", "nos", "notre"], folded: false)
    /// Words after a person that join them to their company ("Ngozi Eze of Halden Scientific").
    static let ofWords = WordSet(["of", "from", "at", "bei", "von", "chez", "da", "do"], folded: false)

    /// Small words inside a name ("Vale do Paraíba", "Delorme & Associés").
    static let joiners = WordSet(["&", "de", "do", "da", "dos", "das", "du", "des", "der", "von", "of", "and", "und", "et", "e", "y"], folded: false)

    func detect(_ text: ScanText, into candidates: inout [Candidate]) {
        let s = text.scalars
        let tokens = text.tokens
        let first = candidates.count
        let (suffixes, legalForms, prefixes, cues, pairs) = (Self.suffixes, Self.legalForms, Self.prefixes, Self.cues, Self.pairs)
        var nonASCII = false
        var t = 0
        while t < tokens.count {
            let token = tokens[t]
            if token.flags & ScanText.Token.nonASCII != 0 { nonASCII = true }
            // Most tokens are one word of ASCII letters, "," or "." after it
            // at most: their bounds without `PlaceDetector.word`.
            var a = token.start, b = token.end
            let lastValue = s[b - 1].value | 0x20
            if (s[a].value | 0x20) &- 0x61 >= 26 || lastValue &- 0x61 >= 26 {
                (a, b) = PlaceDetector.word(s, token)
            }
            // One folded hash per word that may be one of the sets' (their
            // first two letters and length, `pairs`), three look-ups on it.
            guard b - a >= 2, b - a <= 24, Self.mayBeListed(s, a, b, pairs) else { t += 1; continue }
            let h = WordSet.hash(s[a..<b], folded: true)
            let upper = PlaceDetector.isUpper(s[a])
            if t > 0, upper || legalForms.contains(hash: h),
               suffixes.contains(hash: h) || (upper && b - a >= 12 && Self.endsIn(s, a, b, Self.suffixEndings)),
               // A legal form after a comma: "Sadoturbo, Lda.", "Halden, Inc.";
               // after two capitalised words or more no word need be
               // distinctive ("Harrow & Finch Supplies Ltd").
               let start = backRun(text, t) ?? (legalForms.contains(hash: h) && s[tokens[t - 1].end - 1] == ","
                                                ? backRun(text, t, lastEnd: tokens[t - 1].end - 1) : nil)
                    ?? (legalForms.contains(hash: h) ? backRun(text, t, distinctive: false).flatMap({ start in
                        Self.plainRun(s, start, tokens[t - 1].end) ? start : nil }) : nil) {
                candidates.append(Candidate(kind: .org, start: start, end: b))
                t += 1
                continue
            }
            if upper, prefixes.contains(hash: h), b == tokens[t].end, let (end, next) = run(text, t + 1, distinctive: false) {
                candidates.append(Candidate(kind: .org, start: a, end: end))
                t = next
                continue
            }
            // Cues are capitalised too: German nouns, "MSP".
            if cues.contains(hash: h) || (b - a >= 13 && Self.compoundCue(s, a, b)) {
                if let (start, end) = beforeAppositive(text, t) { candidates.append(Candidate(kind: .org, start: start, end: end)) }
                if let (start, end, next) = afterCue(text, t) {
                    candidates.append(Candidate(kind: .org, start: start, end: end))
                    t = next
                    continue
                }
            }
            t += 1
        }
        if nonASCII { japanese(text, into: &candidates) }
        companyOfPerson(text, into: &candidates)
        if candidates.count > first { alone(text, first, into: &candidates) }
    }

    /// A third party's distinctive word standing alone elsewhere, once its
    /// full name was found ("a poisoned update from Meridale Software …
    /// Meridale confirmed"): the first word of the name, four letters or
    /// more, that is distinctive and no company word, business noun or
    /// word for a third party, wherever it stands as a whole word.
    private func alone(_ text: ScanText, _ first: Int, into candidates: inout [Candidate]) {
        let s = text.scalars
        var names: [Range<Int>] = []
        for c in candidates[first...] where c.kind == .org {
            var k = c.start
            while k < c.end {
                var e = k
                while e < c.end, ScalarClass.isAnyAlnum(s[e]) || s[e] == "-" { e += 1 }
                if e - k >= 4, Self.distinctive(s, k, e), !Self.suffixes.contains(s, k, e), !Self.prefixes.contains(s, k, e),
                   !Self.isCue(s, k, e), !names.contains(where: { s[$0].elementsEqual(s[k..<e]) }) {
                    names.append(k..<e)
                    break
                }
                k = e + 1
            }
        }
        guard !names.isEmpty else { return }
        // Only a token whose first or second scalar starts a name (a word
        // may follow a bracket or a quote) is looked at closer.
        let firsts = names.map { s[$0.lowerBound] }
        for token in text.tokens where token.end - token.start >= 4
            && (firsts.contains(s[token.start]) || firsts.contains(s[token.start + 1])) {
            let (a, b) = PlaceDetector.word(s, token)
            guard b - a >= 4 else { continue }
            for name in names where name.count == b - a && name.lowerBound != a && s[a..<b].elementsEqual(s[name]) {
                if !text.touchesPlaceholder(a, b) { candidates.append(Candidate(kind: .org, start: a, end: b)) }
                break
            }
        }
    }

    /// "Ngozi Eze of Halden Scientific", "Ana Lima da Translusa Cargas": a
    /// run with a distinctive word after a person found and "of", "from",
    /// "bei", "chez" or the like.
    private func companyOfPerson(_ text: ScanText, into candidates: inout [Candidate]) {
        let s = text.scalars
        let tokens = text.tokens
        var found: [Candidate] = []
        for p in candidates where p.kind == .person {
            // The token after the name.
            let lo = tokens.firstIndex(atOrAfter: p.end) { $0.start }
            guard lo + 1 < tokens.count, tokens[lo].start == p.end + 1, s[p.end] == " ",
                  Self.ofWords.contains(s, tokens[lo].start, tokens[lo].end),
                  let (a, b, _) = capitalised(text, lo + 1), let (end, _) = run(text, lo + 1, distinctive: true),
                  !(PersonDetector.given.contains(s, a, b) || PersonDetector.moreGiven.contains(s, a, b))
            else { continue }
            found.append(Candidate(kind: .org, start: a, end: end))
        }
        candidates += found
    }

    /// The name before ", one of our contractors", ", our MSP": a run of
    /// capitalised words with a distinctive one, ending in the comma.
    private func beforeAppositive(_ text: ScanText, _ t: Int) -> (Int, Int)? {
        let s = text.scalars
        let tokens = text.tokens
        var k = t - 1
        // "(our MDR)": the possessive opens a bracket.
        func ours(_ k: Int) -> Bool {
            let a = s[tokens[k].start] == "(" ? tokens[k].start + 1 : tokens[k].start
            return Self.ours.contains(s, a, tokens[k].end)
        }
        // Up to two lower-case words between ("claims contractors").
        while k >= 0, t - k <= 3, !ours(k) {
            guard PersonDetector.isLower(s[tokens[k].start]), ScalarClass.isAnyAlnum(s[tokens[k].end - 1]) else { return nil }
            k -= 1
        }
        guard k >= 1, ours(k) else { return nil }
        let bracket = s[tokens[k].start] == "("
        // "one of our".
        if !bracket, k >= 3, s[tokens[k - 1].start..<tokens[k - 1].end].elementsEqual("of".unicodeScalars),
           s[tokens[k - 2].start..<tokens[k - 2].end].elementsEqual("one".unicodeScalars) { k -= 2 }
        let r = k - 1
        guard r >= 0, bracket || s[tokens[r].end - 1] == ",", tokens[r].end - tokens[r].start >= 4 else { return nil }
        let end = bracket ? tokens[r].end : tokens[r].end - 1
        // In brackets a company word may stand for the distinctive one in
        // a name of three words or more ("Charter Oak Managed Security (our
        // MDR)"; not "Managed Security (our MDR)").
        let last = Self.lastWordStart(s, end)
        guard let start = backRun(text, r + 1, lastEnd: end)
                ?? (bracket && Self.suffixes.contains(s, last, end) ? backRun(text, r + 1, lastEnd: end, distinctive: false) : nil)
                    .flatMap({ s[$0..<end].filter { $0 == " " }.count >= 2 ? $0 : nil })
        else { return nil }
        return (start, end)
    }

    /// Whether a word may be one of the sets': its first two letters and
    /// length are those of one (`pairs`, the table `Keywords.pairTable`
    /// builds), it is long enough for a compound cue ("…dienstleister",
    /// "…lieferant"), or one of its first two letters is beyond ASCII
    /// ("hébergeur"). Most words of
    /// prose fail it.
    @inline(__always)
    static func mayBeListed(_ s: [Unicode.Scalar], _ a: Int, _ b: Int, _ pairs: [UInt32]) -> Bool {
        if s[a].value >= 0x80 || s[a + 1].value >= 0x80 { return true }
        // A compound may end in a word for a third party or a company
        // word: its last two letters are those of one (`compoundEnds`).
        if b - a >= 12, compoundEnds.contains((s[b - 2].value | 0x20) << 8 | (s[b - 1].value | 0x20)) { return true }
        return PlaceDetector.mayBe(s, a, b, pairs)
    }

    static let pairs = Keywords.pairTable(suffixWords + prefixWords + cueWords)

    /// Whether a word is a word for a third party ("MSP", "Dienstleisters").
    static func isCue(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> Bool {
        cues.contains(s, a, b) || (b - a >= 13 && compoundCue(s, a, b))
    }

    /// A German compound ending in a word for a third party ("Ablesedienstleister").
    static func compoundCue(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> Bool {
        endsIn(s, a, b, cueEndings)
    }

    /// The last two letters of `cueEndings` and `suffixEndings` ("er" of
    /// "…dienstleister", "ng" of "…verwaltung"), each as one number: the
    /// cheap test before `endsIn`.
    static let compoundEnds: [UInt32] = Array(Set((cueEndings + suffixEndings).map { e in
        (e[e.count - 2].value | 0x20) << 8 | (e[e.count - 1].value | 0x20)
    }))

    /// Whether `s[a..<b]` ends in one of `endings` after three scalars or
    /// more ("IT-Dienstleisters").
    static func endsIn(_ s: [Unicode.Scalar], _ a: Int, _ b: Int, _ endings: [[Unicode.Scalar]]) -> Bool {
        for e in endings where b - a >= e.count + 3 {
            var ok = true
            for j in 0..<e.count where PersonDetector.asciiLower(s[b - e.count + j].value) != e[j].value { ok = false; break }
            if ok { return true }
        }
        return false
    }

    /// Whether a capitalised word tells a name from ordinary words: three
    /// letters or more, no English word, no keep name, not all capitals
    /// ("IT", "HR", "AP").
    static func distinctive(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> Bool {
        guard b - a >= 3 else { return false }
        var lower = false
        for k in a..<b {
            if PersonDetector.isLower(s[k]) { lower = true } else if !PlaceDetector.isUpper(s[k]) && s[k] != "-" { return false }
        }
        return lower && !PersonDetector.ordinaryWord(s, a, b)
    }

    /// Whether a token is one capitalised word standing alone (no
    /// punctuation around it), and where it is.
    private func capitalised(_ text: ScanText, _ t: Int) -> (Int, Int, clean: Bool)? {
        let s = text.scalars
        let (a, b) = PlaceDetector.word(s, text.tokens[t])
        // A Latin, Greek or Cyrillic capital: not a mathematical letter glued to a word ("𝐀the").
        guard b > a, s[a].value < 0x530, PlaceDetector.isUpper(s[a]), !text.protected[a] else { return nil }
        for k in a..<b where !(ScalarClass.isAnyAlnum(s[k]) || s[k] == "-" || s[k] == "'" || s[k] == "\u{2019}") { return nil }
        return (a, b, a == text.tokens[t].start && b == text.tokens[t].end)
    }

    /// The start of the name that the suffix token `t` ends: up to four
    /// capitalised words (and joiners) before it, touching one another,
    /// one of them distinctive; nil when there is none.
    private func backRun(_ text: ScanText, _ t: Int, lastEnd: Int? = nil, distinctive need: Bool = true) -> Int? {
        let s = text.scalars
        var start: Int? = nil
        var distinctive = false
        var j = t - 1, words = 0
        while j >= 0, words < 4 {
            let token = text.tokens[j]
            if let (a, b, clean) = capitalised(text, j) {
                // "Control, Harwood …": the comma ends the run (unless it
                // is the one after the name, `lastEnd`); a German or French
                // word for a third party is no part of its name
                // ("Dienstleisters Hessler Automation"), an English one may
                // be ("Dinrak Bank plc", "Harwood Partners Ltd").
                guard b == token.end || (j == t - 1 && b == lastEnd),
                      !(Self.isCue(s, a, b) && !Self.englishCues.contains(s, a, b)) else { break }
                if Self.distinctive(s, a, b) { distinctive = true }
                start = a
                words += 1
                if !clean && !(j == t - 1 && b == lastEnd && a == token.start) { break }
            } else if start != nil || j == t - 1, Self.joiners.contains(s, token.start, token.end) {
                // A joiner counts only with a word before it ("Ndiaye &
                // Associés").
            } else {
                break
            }
            j -= 1
        }
        // A trailing joiner is no part of the name.
        return distinctive || !need ? start : nil
    }

    /// The run of capitalised words (and joiners between them) starting at
    /// token `t`: its end and the next token; one distinctive word needed
    /// unless `distinctive` is false.
    private func run(_ text: ScanText, _ t: Int, distinctive need: Bool) -> (Int, Int)? {
        let s = text.scalars
        var end: Int? = nil
        var distinctive = false
        var j = t, words = 0
        while j < text.tokens.count, words < 4 {
            let token = text.tokens[j]
            if let (a, b, clean) = capitalised(text, j) {
                guard a == token.start || words == 0 else { break }
                if Self.distinctive(s, a, b) { distinctive = true }
                end = b
                words += 1
                j += 1
                if !clean { break }
            } else if end != nil, j + 1 < text.tokens.count, Self.joiners.contains(s, token.start, token.end),
                      capitalised(text, j + 1) != nil {
                j += 1
            } else {
                break
            }
        }
        guard let end, distinctive || !need else { return nil }
        return (end, j)
    }

    /// The name after the cue token `t`: directly ("cabinet Courtage Loire
    /// Patrimoine"), or after a comma that ends the cue or up to six
    /// lower-case words after it ("our MSP, Dalesbridge …", "prestador de
    /// serviços geridos, Sadoinfra"), an article allowed before it.
    private func afterCue(_ text: ScanText, _ t: Int) -> (Int, Int, Int)? {
        let s = text.scalars
        let tokens = text.tokens
        // The comma ending the cue or one of the next six lower-case words.
        var j = t
        var englishDirect = false
        if s[tokens[t].end - 1] != "," {
            var k = t + 1
            while k < tokens.count, k - t <= 6, PersonDetector.isLower(s[tokens[k].start]) {
                let last = s[tokens[k].end - 1]
                if last == "," { j = k; break }
                if last == "." || last == ";" || last == ":" || last == ")" { break }
                k += 1
            }
        }
        if j == t, s[tokens[t].end - 1] != ",", t + 1 < tokens.count, Self.withWords.contains(s, tokens[t + 1].start, tokens[t + 1].end) {
            // "the contract with Translusa Cargas", "Vertrag mit …".
            j = t + 1
        } else if j == t, s[tokens[t].end - 1] != ",", t + 1 < tokens.count,
                  s[tokens[t + 1].start..<tokens[t + 1].end].elementsEqual("from".unicodeScalars) {
            // "a contractor from Larkspur Cloud Partners": two words or
            // more ("a supplier from Monday" is no name).
            j = t + 1
            englishDirect = true
        } else if j == t, s[tokens[t].end - 1] != ",", Self.englishCues.contains(s, tokens[t].start, tokens[t].end) {
            // English puts a comma between ("the insurer, Hiscox") or a
            // possessive before ("our MSP Harbourline Managed Security");
            // "the provider Over…" is no name. Other languages name it
            // directly ("cabinet Courtage Loire", "Ablesedienstleister
            // Zählerservice").
            // "our system integrator Hydrotec Automation": one lower-case
            // word between. In another language's text the word names it
            // directly ("unseres Providers NetCologne", "o MSSP Atlântica").
            if t > 0, Self.foreignArticles.contains(s, tokens[t - 1].start, tokens[t - 1].end) {
                // as in other languages
            } else {
                guard t > 0, Self.possessives.contains(s, tokens[t - 1].start, tokens[t - 1].end)
                        || (t > 1 && PersonDetector.isLower(s[tokens[t - 1].start]) && ScalarClass.isAnyAlnum(s[tokens[t - 1].end - 1])
                            && Self.possessives.contains(s, tokens[t - 2].start, tokens[t - 2].end)) else { return nil }
                englishDirect = true
            }
        } else if j == t, s[tokens[t].end - 1] != ",", t + 2 < tokens.count,
                  Self.complements.contains(s, tokens[t + 1].start, tokens[t + 1].end)
                    || Self.elided(s, tokens[t + 1]) {
            // What the third party does, between the word and the name:
            // "prestataire d'infogérance Loire Infogérance", "fornecedor de
            // automação comercial Sulautomação", "Forensiker von Cyberwacht".
            var k = Self.elided(s, tokens[t + 1]) ? t + 1 : t + 2
            while k < tokens.count, k - t <= 3, PersonDetector.isLower(s[tokens[k].start]),
                  ScalarClass.isAnyAlnum(s[tokens[k].end - 1]) { k += 1 }
            j = k - 1
        }
        j += 1
        if j < tokens.count, Self.articles.contains(s, tokens[j].start, tokens[j].end) { j += 1 }
        guard j < tokens.count, let (a, b, _) = capitalised(text, j), a == tokens[j].start, // not "(TeamViewer-ID"
              // A person after the cue is the person detector's ("our
              // broker, Sandrine Le Goff", "a supplier, Dr Ngozi Eze").
              !(PersonDetector.given.contains(s, a, b) || PersonDetector.moreGiven.contains(s, a, b)
                || PersonDetector.titles.contains(s, a, b)),
              // After the word for it, a company word may stand for the
              // distinctive one ("our upstream Lagoon Transit Networks").
              let (end, next) = run(text, j, distinctive: true) ?? run(text, j, distinctive: false).flatMap({ end, next in
                  Self.suffixes.contains(s, Self.lastWordStart(s, end), end) ? (end, next) : nil
              }),
              // Without the comma, English wants more than one word ("our
              // MSP Monday" is a day).
              !englishDirect || next - j >= 2 else { return nil }
        return (a, end, next)
    }

    /// Possessives and the article before an English word for a third
    /// party that names it without a comma ("our MSP Harbourline …").
    static let possessives = WordSet(["our", "their", "the"], folded: true)
    /// Articles and possessives of the other languages, before an English
    /// word for a third party ("unseres Providers", "o MSSP", "notre MSP").
    static let foreignArticles = WordSet([
        "o", "os", "um", "nosso", "nossa", "do", "da", "le", "notre", "nos", "du", "un",
        "der", "dem", "den", "des", "unser", "unserem", "unseren", "unseres", "unserer", "unsere", "ihres", "ihrem",
    ], folded: false)

    /// Prepositions that start what a third party does, after the word for it.
    static let complements = WordSet(["de", "do", "da", "dos", "das", "du", "des", "em", "en", "von", "für", "fuer"], folded: false)

    /// Whether a token is an elided French preposition and a lower-case
    /// word ("d'infogérance"; "d'Infogest" may be the name itself).
    static func elided(_ s: [Unicode.Scalar], _ token: ScanText.Token) -> Bool {
        token.end - token.start >= 4 && s[token.start] == "d"
            && (s[token.start + 1] == "'" || s[token.start + 1] == "\u{2019}") && PersonDetector.isLower(s[token.start + 2])
    }

    /// Whether `s[a..<b]` is two words or more without digits, the first
    /// no word of a keep name: what a legal form may follow without a
    /// distinctive word ("Harrow & Finch Supplies Ltd"; not "Strike
    /// CVE-2024-3400 ACME BANK PLC", not "Palo Alto Networks Inc").
    static func plainRun(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> Bool {
        var spaces = 0
        var first = b
        for k in a..<b {
            if s[k] == " " {
                spaces += 1
                first = min(first, k)
            } else if ScalarClass.isASCIIDigit(s[k]) {
                return false
            }
        }
        return spaces >= 1 && !PersonDetector.keepWords.contains(s, a, first)
    }

    /// Where the last word before `end` starts.
    static func lastWordStart(_ s: [Unicode.Scalar], _ end: Int) -> Int {
        var k = end
        while k > 0, ScalarClass.isAnyAlnum(s[k - 1]) || s[k - 1] == "-" { k -= 1 }
        return k
    }

    // MARK: Japanese

    static let cues_ja: [[Unicode.Scalar]] = ["取引先の", "取引先（", "取引先", "委託先の", "委託先（", "委託先", "協力会社の", "仕入先の", "仕入先", "業者（",
                                              "ベンダーの", "ベンダー（", "ベンダー", "保守会社の", "保守会社（", "保守会社", "業者の", "保守業者の", "保守業者（", "保守業者"]
        .map { Array($0.unicodeScalars) }
    /// The first scalars of `cues_ja`, a cheap test before `wordAt`.
    static let cueFirsts_ja = Set(cues_ja.map { $0[0] })
    static let suffixes_ja: [[Unicode.Scalar]] = ["システムズ", "システム", "ソリューションズ", "サービス", "テクノロジー", "工業", "製作所", "商事", "株式会社",
                                                  "電機", "技研", "産業", "精機", "精工", "物流", "運輸", "法律事務所", "パーツ"]
        .map { Array($0.unicodeScalars) }
    /// 株式会社 before a name ("株式会社ペイロールサポート東海").
    static let kabushiki: [Unicode.Scalar] = Array("株式会社".unicodeScalars)

    /// Names that say what they are without a cue: a law or accounting
    /// firm ("浜名湖綜合法律事務所") and a prefecture's police (静岡県警,
    /// 大阪府警), which tells where the member is.
    static let standalone_ja: [[Unicode.Scalar]] = ["法律事務所", "会計事務所", "監査法人", "株式会社", "銀行", "県警", "府警", "道警"]
        .map { Array($0.unicodeScalars) }

    /// A name of two to sixteen kanji or katakana after a cue, ending in a
    /// company word, before a particle or punctuation.
    private func japanese(_ text: ScanText, into candidates: inout [Candidate]) {
        let s = text.scalars
        func nameScalar(_ c: Unicode.Scalar) -> Bool {
            PersonDetector.isHan(c) || (c.value >= 0x30A1 && c.value <= 0x30FA) || c == "ー"
        }
        for token in text.tokens where token.flags & ScanText.Token.nonASCII != 0 {
        var i = token.start
        while i < token.end {
            if s[i] == "法" || s[i] == "会" || s[i] == "監" || s[i] == "株" || s[i] == "銀" || s[i] == "県" || s[i] == "府" || s[i] == "道",
               let word = PersonDetector.wordAt(s, i, Self.standalone_ja) {
                // The name before it: two to sixteen kanji or katakana (a
                // prefecture's name: one to three kanji; a bank's: three
                // or more, "中央銀行" is a word).
                let police = word.count == 2 && s[i] != "銀"
                let least = police ? 1 : s[i] == "銀" ? 3 : 2
                var a = i
                while a > token.start, i - a < (police ? 3 : 16), nameScalar(s[a - 1]), !(police && !PersonDetector.isHan(s[a - 1])) { a -= 1 }
                if i - a >= least, !text.touchesPlaceholder(a, i + word.count) {
                    candidates.append(Candidate(kind: .org, start: a, end: i + word.count))
                    i += word.count
                    continue
                }
                // No name before 株式会社: it may come after it.
                if s[i] != "株" {
                    i += word.count
                    continue
                }
            }
            if s[i] == "株", PersonDetector.starts(s, i, Self.kabushiki) {
                // "株式会社ペイロールサポート東海において": the company word
                // before the name, two to sixteen kanji or katakana.
                var e = i + 4
                while e < s.count, e - i - 4 < 16, nameScalar(s[e]) { e += 1 }
                if e - i - 4 >= 2, !text.touchesPlaceholder(i, e) { candidates.append(Candidate(kind: .org, start: i, end: e)) }
                i = e
                continue
            }
            guard Self.cueFirsts_ja.contains(s[i]), let cue = PersonDetector.wordAt(s, i, Self.cues_ja) else {
                i += 1
                continue
            }
            let start = i + cue.count
            // A name in Latin letters after the cue, up to the Japanese
            // text: "仕入先Siam Precision Parts Co., Ltd.の担当者".
            if start < s.count, PlaceDetector.isUpper(s[start]), s[start].isASCII {
                var e = start
                while e < s.count, e - start < 60, s[e].isASCII, s[e] != "\n" { e += 1 }
                while e > start, s[e - 1] == " " || s[e - 1] == "," { e -= 1 }
                if e - start >= 4, !text.touchesPlaceholder(start, e) { candidates.append(Candidate(kind: .org, start: start, end: e)) }
                i = e
                continue
            }
            var e = start
            while e < s.count, e - start < 16, nameScalar(s[e]) { e += 1 }
            // The last company word inside the run ends the name.
            var end = -1
            var k = start + 2
            while k < e {
                if let w = PersonDetector.wordAt(s, k, Self.suffixes_ja), k + w.count <= e { end = k + w.count; k = end } else { k += 1 }
            }
            if end > start, !text.touchesPlaceholder(start, end) {
                candidates.append(Candidate(kind: .org, start: start, end: end))
                i = end
            } else {
                i = start
            }
        }
        }
    }
}
