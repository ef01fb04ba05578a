/// Names and accounts that something next to them announces, where no
/// lexicon or shape would find them on their own. Runs after
/// `PersonDetector`, whose people it reads:
///
/// - a nickname in quotes after "known as", "called", "chama de", before
///   "genannt" — `known on the ward as "Becca"`, `nur „Flo“ genannt`;
/// - a Japanese surname or given name written in Latin letters with an
///   honorific — "Sato-san", "Kenji-sama";
/// - an account in brackets right after a person's name or a role — "鈴木健一さん（k-suzuki）",
///   "Ana Costa (acosta2)", "the AP clerk (mfarouk)";
/// - an account in brackets a few words after a word for a colleague — "un
///   collègue du back-office (ylebihan)";
/// - an account of a given name and an initial — "tunde.b", "larissa.m";
/// - an account of parts joined by "_", one a lexicon name — "dmorales_ext",
///   "dk_osei";
/// - the cells of a table's user column (pipes, tabs or CSV), under a header such as "user",
///   "login", "Benutzer" — `user | dept …` then `dnguyen | Claims …`;
/// - a street without a number — "off Castlegate Road"; a place joined by
///   "and" to one found — "Setúbal e Palmela";
/// - a short name before "from" and a team — "Tolu from Claims" (not one
///   that is also an English word: "Deb", "Data from Claims");
/// - a name after a dash that ends the text — "Handed over. – Raj".
///
/// Near misses left alone: a quoted word that is an English or keep word
/// (`called "Invoice"`), brackets holding a word or capitals ("Ana Costa
/// (CISO)", "(retired)"), a dotted word that is no given name ("config.d"),
/// code joined by "_" ("mpfr_set_emin", "mod_asis"), a table without a user
/// column, a street named by a word ("Station Road"), a word after the last
/// dash ("– Thanks").
struct CueDetector: Detector {
    private let lex = PersonDetector.Lexicon()

    func detect(_ text: ScanText, into candidates: inout [Candidate]) {
        let s = text.scalars
        let tokens = text.tokens
        var table = false
        for (t, token) in tokens.enumerated() {
            let first = s[token.start]
            if (first == "|" && token.end - token.start == 1) || (token.end < s.count && s[token.end] == "\t")
                || (token.start == 0 || s[token.start - 1] == "\n") && Self.csvHeader(s, token) { table = true }
            if Self.quotes(first) {
                nickname(text, t, into: &candidates)
            } else if token.flags & ScanText.Token.innerDot != 0, first.value >= 0x61, first.value <= 0x7A {
                givenAndInitial(text, t, into: &candidates)
            } else if token.flags & ScanText.Token.joiner != 0, first.value >= 0x61, first.value <= 0x7A, token.end - token.start >= 6 {
                joinedName(text, t, into: &candidates)
            } else if token.flags & ScanText.Token.joiner != 0, token.end - token.start >= 6, PlaceDetector.isUpper(first) {
                romanisedHonorific(text, t, into: &candidates)
            } else if first == "(", t > 0, token.end - token.start >= 5 {
                // After a role or a word for a colleague, up to three words before.
                for k in stride(from: t - 1, through: max(0, t - 3), by: -1) {
                    let (a, b) = PlaceDetector.word(s, tokens[k])
                    guard b - a >= 3 else { continue }
                    if (k == t - 1 && b == tokens[k].end && lex.roles.contains(s, a, b)) || Self.colleagues.contains(s, a, b) {
                        bracketedAccount(text, token.start, anyStart: true, into: &candidates)
                        break
                    }
                }
            } else if PlaceDetector.isUpper(first), token.end - token.start >= 2, token.end - token.start <= 8 {
                if t > 0 { street(text, t, into: &candidates) }
                if token.end - token.start <= 6 { fromTeam(text, t, into: &candidates) }
            }
        }
        lastDashName(text, into: &candidates)
        // Brackets right after a person's name (what this loop appends are
        // accounts, so the people are those found up to here).
        let found = candidates.count
        for i in 0..<found where candidates[i].kind == .person {
            var k = candidates[i].end
            if let h = PersonDetector.wordAt(s, k, PersonDetector.honorificScalars) { k += h.count }
            if k < s.count, s[k] == " " { k += 1 }
            if k < s.count, s[k] == "(" || s[k] == "\u{FF08}" { bracketedAccount(text, k, into: &candidates) }
        }
        if table { tableColumns(text, into: &candidates) }
        placesAlongside(text, found, into: &candidates)
    }

    @inline(__always)
    static func quotes(_ c: Unicode.Scalar) -> Bool {
        c == "\"" || c == "\u{201C}" || c == "\u{201E}" || c == "\u{AB}" || c == "\u{2018}" || c == "'"
    }

    // MARK: Nicknames

    /// Words right before a nickname in quotes.
    static let nicknameCues = WordSet([
        "called", "nicknamed", "dubbed", "aka", "alias", "genannt", "spitzname", "surnommé", "surnommée", "dit", "dite",
        "chama", "chamam", "chamado", "chamada", "apelidado", "apelidada", "apelido", "conhecido", "conhecida",
    ], folded: true)

    /// One capitalised word in quotes (token `t`), after a cue ("called",
    /// "known … as", "chama de") or before "genannt".
    private func nickname(_ text: ScanText, _ t: Int, into candidates: inout [Candidate]) {
        let s = text.scalars
        let token = text.tokens[t]
        let a = token.start + 1
        var b = a
        while b < token.end, ScalarClass.isAnyAlnum(s[b]) { b += 1 }
        guard b - a >= 2, b - a <= 15, b < token.end, Self.quotes(s[b]) || s[b] == "\u{201D}" || s[b] == "\u{BB}" || s[b] == "\u{2019}",
              PersonDetector.uncommonCapitalised(s, a, b), !text.touchesPlaceholder(a, b) else { return }
        func word(_ k: Int) -> (Int, Int)? {
            guard k >= 0, k < text.tokens.count else { return nil }
            let w = PlaceDetector.word(s, text.tokens[k])
            return w.1 > w.0 ? w : nil
        }
        var cued = false
        if let (pa, pb) = word(t - 1) {
            if Self.nicknameCues.contains(s, pa, pb) {
                cued = true
            } else if pb - pa == 2, s[pa] == "a" && s[pa + 1] == "s" || s[pa] == "d" && s[pa + 1] == "e" {
                // "known (on the ward) as", "chama de", "conhecido como".
                for k in max(0, t - 5)..<(t - 1) {
                    if let (qa, qb) = word(k), Self.nicknameCues.contains(s, qa, qb) || Self.knownWords.contains(s, qa, qb) { cued = true }
                }
            }
        }
        if !cued, let (na, nb) = word(t + 1), Self.nicknameCues.contains(s, na, nb) { cued = true }
        if cued { candidates.append(Candidate(kind: .person, start: a, end: b)) }
    }

    /// "known" and its kin, a few words before "as".
    static let knownWords = WordSet(["known", "referred", "bekannt", "connu", "connue"], folded: true)

    // MARK: Romanised honorifics

    static let honorifics: [[Unicode.Scalar]] = ["-san", "-sama", "-kun", "-chan", "-sensei", "-senpai"].map { Array($0.unicodeScalars) }

    /// "Sato-san": the capitalised name before a Japanese honorific.
    private func romanisedHonorific(_ text: ScanText, _ t: Int, into candidates: inout [Candidate]) {
        let s = text.scalars
        let (a, b) = PlaceDetector.word(s, text.tokens[t])
        var h = a + 1
        while h < b, s[h] != "-" { h += 1 }
        guard h - a >= 2, h < b, PersonDetector.startsAny(s, h, Self.honorifics),
              let hon = PersonDetector.wordAt(s, h, Self.honorifics), h + hon.count == b,
              (a + 1..<h).allSatisfy({ PersonDetector.isLower(s[$0]) }), !text.touchesPlaceholder(a, h) else { return }
        candidates.append(Candidate(kind: .person, start: a, end: h))
    }

    /// Words for a colleague, before an account in brackets ("un collègue
    /// du back-office (ylebihan)").
    static let colleagues = WordSet([
        "colleague", "colleagues", "coworker", "employee", "staffer", "collègue", "collaborateur", "collaboratrice",
        "kollege", "kollegin", "mitarbeiter", "mitarbeiterin", "colega", "colaborador", "colaboradora", "funcionário",
        "funcionária",
    ], folded: true)

    // MARK: Places

    /// "Castlegate Road": a street without a number, its name no English
    /// or keep word ("Station Road", "Microsoft Way" stay).
    private func street(_ text: ScanText, _ t: Int, into candidates: inout [Candidate]) {
        let s = text.scalars
        let (a, b) = PlaceDetector.word(s, text.tokens[t])
        guard a == text.tokens[t].start, PlaceDetector.mayBe(s, a, b, Self.streetPairs), PlaceDetector.englishStreets.contains(s, a, b)
        else { return }
        let previous = text.tokens[t - 1]
        guard previous.end + 1 == a, PlaceDetector.titleWord(s, previous.start, previous.end), previous.end - previous.start >= 4,
              !PersonDetector.english.contains(s, previous.start, previous.end),
              !text.touchesPlaceholder(previous.start, b) else { return }
        candidates.append(Candidate(kind: .location, start: previous.start, end: b))
    }

    static let streetPairs = Keywords.pairTable(PlaceDetector.englishStreetWords)

    /// "Setúbal e Palmela", "Leeds and Wakefield": a place word joined by
    /// "and" to a place found (among the first `found` candidates), no
    /// English or keep word.
    private func placesAlongside(_ text: ScanText, _ found: Int, into candidates: inout [Candidate]) {
        let s = text.scalars
        let tokens = text.tokens
        for i in 0..<found where candidates[i].kind == .location {
            let end = candidates[i].end
            let lo = tokens.firstIndex(atOrAfter: end + 1) { $0.start }
            // `lo`: the first token after the place; it must be "and" and its kin.
            guard lo + 1 < tokens.count, tokens[lo].start == end + 1, s[end] == " ",
                  Self.ands.contains(s, tokens[lo].start, tokens[lo].end) else { continue }
            let (a, b) = PlaceDetector.word(s, tokens[lo + 1])
            guard a == tokens[lo + 1].start, b - a >= 4, s[a].value < 0x530, PersonDetector.uncommonCapitalised(s, a, b),
                  !text.touchesPlaceholder(a, b) else { continue }
            candidates.append(Candidate(kind: .location, start: a, end: b))
        }
    }

    static let ands = WordSet(["and", "e", "et", "und", "y", "or", "ou", "oder"], folded: false)

    /// "Tolu from Claims left her laptop": a short name the lexicons lack
    /// before "from" and a team ("Claims", "IT", "Payroll").
    private func fromTeam(_ text: ScanText, _ t: Int, into candidates: inout [Candidate]) {
        let s = text.scalars
        let tokens = text.tokens
        guard t + 2 < tokens.count else { return }
        let (a, b) = PlaceDetector.word(s, tokens[t])
        guard a == tokens[t].start, b == tokens[t].end, b - a >= 2, s[a].value < 0x80,
              tokens[t + 1].end - tokens[t + 1].start == 4,
              s[tokens[t + 1].start..<tokens[t + 1].end].elementsEqual("from".unicodeScalars) else { return }
        let (ta, tb) = PlaceDetector.word(s, tokens[t + 2])
        guard ta == tokens[t + 2].start, Self.teams.contains(s, ta, tb), PersonDetector.uncommonCapitalised(s, a, b),
              !text.touchesPlaceholder(a, b) else { return }
        candidates.append(Candidate(kind: .person, start: a, end: b))
    }

    /// Teams a colleague is "from".
    static let teams = WordSet([
        "Claims", "Finance", "IT", "HR", "Payroll", "Legal", "Treasury", "Facilities", "Procurement", "Accounts",
        "Operations", "Ops", "Sales", "Marketing", "Security", "Compliance", "Audit", "Risk", "Underwriting", "Billing",
        "Support", "Reception", "Estates", "Pharmacy", "Infra", "Infrastructure", "Networks", "Engineering", "Fraud",
        "Payments", "Helpdesk", "Servicedesk", "Comms", "Communications", "Research", "Admissions", "Logistics",
    ], folded: false)

    // MARK: Signatures

    /// "… Handed over to day shift. – Raj": one capitalised word after a
    /// dash that ends the text, no English or keep word.
    private func lastDashName(_ text: ScanText, into candidates: inout [Candidate]) {
        let s = text.scalars
        let tokens = text.tokens
        guard tokens.count >= 3 else { return }
        let last = tokens[tokens.count - 1], dash = tokens[tokens.count - 2]
        guard dash.end - dash.start == 1, s[dash.start] == "\u{2013}" || s[dash.start] == "\u{2014}" else { return }
        let (a, b) = PlaceDetector.word(s, last)
        guard b - a >= 2, b - a <= 15, PersonDetector.uncommonCapitalised(s, a, b), !text.touchesPlaceholder(a, b) else { return }
        candidates.append(Candidate(kind: .person, start: a, end: b))
    }

    // MARK: Accounts

    /// "dmorales_ext", "dk_osei", "noc_ebuka": lower-case parts joined by
    /// "_", one of them a lexicon name (or an initial and a surname) that
    /// is no English word — of five letters or more unless the others are
    /// initials of two — the others three letters or fewer, or digits
    /// (not code: "mpfr_set_emin", "mod_asis", "donna_c64").
    private func joinedName(_ text: ScanText, _ t: Int, into candidates: inout [Candidate]) {
        let s = text.scalars
        let (a, b) = PlaceDetector.word(s, text.tokens[t])
        var parts: [(Int, Int)] = []
        var start = a
        for k in a...b {
            if k == b || s[k] == "_" {
                guard k > start else { return }
                parts.append((start, k))
                start = k + 1
                continue
            }
            let v = s[k].value
            guard (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) else { return }
        }
        guard parts.count >= 2, parts.count <= 3, !text.touchesPlaceholder(a, b) else { return }
        var named = 0, shortest = Int.max
        for (pa, pb) in parts {
            let digits = (pa..<pb).allSatisfy({ ScalarClass.isASCIIDigit(s[$0]) })
            let letters = (pa..<pb).allSatisfy({ s[$0].value >= 0x61 })
            if pb - pa >= 4, !PersonDetector.english.contains(s, pa, pb),
               let h = PersonDetector.capitalisedHash(s, pa, pb), lex.isGiven(h) || lex.isSurname(h) {
                named += 1
                if pb - pa == 4 { shortest = 4 }
            } else if pb - pa >= 5, !PersonDetector.english.contains(s, pa, pb),
                      let h = PersonDetector.capitalisedHash(s, pa + 1, pb), lex.isSurname(h) {
                named += 1 // "dmorales"
            } else if !(digits || (letters && pb - pa <= 3)) {
                return
            }
        }
        // A four-letter name only beside two-letter initials ("dk_osei").
        if shortest == 4, !parts.contains(where: { $0.1 - $0.0 == 2 }) { return }
        if named == 1 { candidates.append(Candidate(kind: .user, start: a, end: b)) }
    }

    // MARK: Accounts (brackets)

    /// An account in brackets opening at `open`: lower-case ASCII letters,
    /// digits, ".", "_" and "-", three to thirty, a letter first and three
    /// letters at least ("(r9841)" is a revision), no English word unless
    /// it holds a digit or a joiner, else five letters or more and — unless
    /// a role or a word for a colleague stands before (`anyStart`) — two
    /// consonants first ("(mfarouk)", not "(retired)").
    private func bracketedAccount(_ text: ScanText, _ open: Int, anyStart: Bool = false, into candidates: inout [Candidate]) {
        let s = text.scalars
        let a = open + 1
        var b = a
        var joined = false
        while b < s.count, b - a <= 30 {
            let v = s[b].value
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) { b += 1; continue }
            if v == 0x2E || v == 0x5F || v == 0x2D { joined = true; b += 1; continue }
            break
        }
        guard b - a >= 3, b < s.count, s[b] == ")" || s[b] == "\u{FF09}", s[a].value >= 0x61, s[a].value <= 0x7A,
              s[b - 1] != ".", s[b - 1] != "-", !text.touchesPlaceholder(a, b) else { return }
        // Three letters or more: "(r9841)" is a revision.
        guard (a..<b).count(where: { s[$0].value >= 0x61 && s[$0].value <= 0x7A }) >= 3 else { return }
        let digit = (a..<b).contains { ScalarClass.isASCIIDigit(s[$0]) }
        guard joined || digit || (!PersonDetector.ordinaryWord(s, a, b)
            && b - a >= 5 && (anyStart || PersonDetector.consonant(s[a].value) && PersonDetector.consonant(s[a + 1].value))) else { return }
        candidates.append(Candidate(kind: .user, start: a, end: b))
    }

    /// "tunde.b", "larissa.m2": a given name of the lexicons, a dot, one
    /// letter (and digits), as a whole word.
    private func givenAndInitial(_ text: ScanText, _ t: Int, into candidates: inout [Candidate]) {
        let s = text.scalars
        let (a, b) = PlaceDetector.word(s, text.tokens[t])
        var dot = a
        while dot < b, s[dot] != "." { dot += 1 }
        guard dot - a >= 3, dot + 1 < b else { return }
        var k = dot + 1
        while k < b, s[k].value >= 0x61, s[k].value <= 0x7A { k += 1 }
        let letters = k - dot - 1
        while k < b, ScalarClass.isASCIIDigit(s[k]) { k += 1 }
        guard letters == 1, k == b, let h = PersonDetector.capitalisedHash(s, a, dot), lex.isGiven(h),
              !text.touchesPlaceholder(a, b) else { return }
        candidates.append(Candidate(kind: .user, start: a, end: b))
    }

    // MARK: Tables

    /// Header cells of a column of accounts.
    static let userHeaders = WordSet([
        "user", "users", "username", "usernames", "login", "logon", "account", "accounts", "userid", "upn", "samaccountname",
        "utilizador", "usuário", "usuario", "benutzer", "benutzername", "konto", "kennung", "compte", "identifiant", "conta",
        "handle", "アカウント", "ユーザー", "ユーザ",
    ], folded: true)

    /// Whether a line's first token is a CSV header with a user column:
    /// three cells or more, no spaces, one of them a user header
    /// ("username,site,amount_NGN").
    static func csvHeader(_ s: [Unicode.Scalar], _ token: ScanText.Token) -> Bool {
        var cells = 0, header = false
        var c = token.start
        for k in token.start...token.end where k == token.end || s[k] == "," {
            if k > c, userHeaders.contains(s, c, k) { header = true }
            cells += 1
            c = k + 1
        }
        return cells >= 3 && header
    }

    /// The cells under a user column's header in a table of "|", tab or
    /// comma separated cells (a comma-separated header has no spaces):
    /// each cell that is one lower-case token of letters, digits, ".", "_"
    /// and "-" (not a word such as "none").
    private func tableColumns(_ text: ScanText, into candidates: inout [Candidate]) {
        let s = text.scalars
        var column = -1
        var separator: Unicode.Scalar = "|"
        var lineStart = 0
        while lineStart < s.count {
            var lineEnd = lineStart
            while lineEnd < s.count, s[lineEnd] != "\n" { lineEnd += 1 }
            // The line's cells.
            var cells: [(Int, Int)] = []
            // Pipes, else tabs, else commas.
            let line = s[lineStart..<lineEnd]
            let sep: Unicode.Scalar? = line.contains("|") ? "|" : line.contains("\t") ? "\t" : line.contains(",") ? "," : nil
            var c = lineStart
            for k in lineStart...lineEnd where k == lineEnd || s[k] == sep {
                var a = c, b = k
                while a < b, s[a] == " " { a += 1 }
                while b > a, s[b - 1] == " " || s[b - 1] == "\r" { b -= 1 }
                cells.append((a, b))
                c = k + 1
            }
            if let sep, cells.count >= 3 || (cells.count >= 2 && sep == "\t") {
                if column >= 0, sep == separator, column < cells.count {
                    let (a, b) = cells[column]
                    if Self.accountCell(s, a, b), !text.touchesPlaceholder(a, b) {
                        candidates.append(Candidate(kind: .user, start: a, end: b))
                    }
                } else if column < 0 || sep != separator {
                    column = sep == "," && line.contains(" ") ? -1
                        : cells.firstIndex { Self.userHeaders.contains(s, $0.0, $0.1) } ?? -1
                    separator = sep
                }
            } else {
                column = -1
            }
            lineStart = lineEnd + 1
        }
    }

    static func accountCell(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> Bool {
        guard b - a >= 3, b - a <= 40, s[a].value >= 0x61, s[a].value <= 0x7A else { return false }
        var joined = false
        for k in a..<b {
            let v = s[k].value
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) { continue }
            if v == 0x2E || v == 0x5F || v == 0x2D || v == 0x40 { joined = true; continue }
            return false
        }
        return joined || !PersonDetector.english.contains(s, a, b)
    }
}
