/// How one compiled profile pattern may match.
struct PatternRule: Sendable {
    var kind: Kind
    /// The match must start and end on word boundaries in the original text.
    /// Used for short entries ("AFG") and derived name parts ("Doe"), where
    /// matching inside words would redact half the dictionary.
    var wholeWord: Bool
    /// No separator may appear inside the match unless the entry had one, so
    /// a 3-letter alias does not match three stray letters "a f g".
    var compact: Bool
    /// The entry's skeleton without look-alike folding, when look-alikes are
    /// not accepted for it (short entries: "BLG" must not match "BIG" or "8LG").
    var plain: [UInt32]? = nil
    /// Long enough to be matched anywhere inside a word; shorter entries match
    /// inside a word only at a word part boundary ("MyAcme", "acme2bank",
    /// not "proofreading" for "Reading").
    var anywhere: Bool = false
}

/// Finds every variant of the member profile's entries — any case, accents,
/// width, spacing, hyphens, underscores, apostrophes, invisible characters,
/// concatenations ("acmebank") and possessives ("Acme Bank's") — in one pass of
/// a multi-pattern automaton over the text's skeleton.
///
/// Entries of four or more letters also match inside longer words, and the
/// finding then grows to the whole word ("AcmePayments" → "[TERM]"), because a
/// fragment left behind ("[ORG]bank") still identifies.
struct ProfileDetector: Sendable {
    private let matcher: MultiPatternMatcher
    /// Per automaton pattern: the rule of the profile entry with that
    /// skeleton, and the rule of the keep-list entry with it (either may be
    /// absent). Keep-list names ride in the same automaton, so one scan of
    /// the skeleton yields both what to remove and what to keep.
    /// Plain values (their `plain` skeletons live in `plains`), so a hit
    /// copies no array.
    private let rules: [CompiledRule]
    private let keepRules: [CompiledRule]
    private let plains: [[UInt32]]

    private struct CompiledRule {
        var present = false
        var kind = Kind.term
        var wholeWord = false
        var compact = false
        var anywhere = false
        /// Index into `plains`, or -1.
        var plain: Int32 = -1
    }

    /// Entries shorter than this (in skeleton symbols) only match whole words.
    static let substringMinimum = 4
    /// Entries at least this long (in skeleton symbols) match anywhere inside a word.
    static let anywhereMinimum = 8

    /// The profile's entries and, in the same automaton, the built-in keep
    /// vocabulary plus the profile's keep list (matched as whole words).
    init(profile: MemberProfile) {
        self.init(entries: ProfileDetector.entries(of: profile),
                  keep: (Vocabulary.keepNames + profile.keep).map { ($0, Kind.term, true) })
    }

    init(entries: [(String, Kind, Bool)], keep: [(String, Kind, Bool)] = []) {
        var index: [[UInt32]: Int] = [:]
        var patterns: [[UInt32]] = []
        var rules: [PatternRule?] = []
        var keepRules: [PatternRule?] = []
        for (isKeep, list) in [(false, entries), (true, keep)] {
            for (entry, kind, derived) in list {
                var skeleton = Skeleton.of(entry)
                while skeleton.first == Skeleton.barrier { skeleton.removeFirst() }
                while skeleton.last == Skeleton.barrier { skeleton.removeLast() }
                let letters = skeleton.filter { $0 != Skeleton.barrier }.count
                guard letters > 0 else { continue }
                let short = letters < ProfileDetector.substringMinimum
                let hasSeparator = entry.unicodeScalars.contains { !ScalarClass.isAnyAlnum($0) && !ScalarClass.isIgnorable($0) }
                var rule = PatternRule(kind: kind, wholeWord: short || derived, compact: short && !hasSeparator)
                if short || derived { rule.plain = Skeleton.of(entry, plain: true).filter { $0 != Skeleton.barrier } }
                rule.anywhere = letters >= ProfileDetector.anywhereMinimum
                let id: Int
                if let existing = index[skeleton] {
                    id = existing
                } else {
                    id = patterns.count
                    index[skeleton] = id
                    patterns.append(skeleton)
                    rules.append(nil)
                    keepRules.append(nil)
                }
                if var merged = isKeep ? keepRules[id] : rules[id] {
                    // Same skeleton from two entries: the more permissive match wins,
                    // the first (more specific) kind names it.
                    merged.wholeWord = merged.wholeWord && rule.wholeWord
                    merged.compact = merged.compact && rule.compact
                    merged.anywhere = merged.anywhere || rule.anywhere
                    if rule.plain == nil { merged.plain = nil }
                    if isKeep { keepRules[id] = merged } else { rules[id] = merged }
                } else if isKeep {
                    keepRules[id] = rule
                } else {
                    rules[id] = rule
                }
            }
        }
        matcher = MultiPatternMatcher(patterns: patterns)
        var plains: [[UInt32]] = []
        func compile(_ rule: PatternRule?) -> CompiledRule {
            guard let rule else { return CompiledRule() }
            var c = CompiledRule(present: true, kind: rule.kind, wholeWord: rule.wholeWord, compact: rule.compact,
                                 anywhere: rule.anywhere)
            if let plain = rule.plain { c.plain = Int32(plains.count); plains.append(plain) }
            return c
        }
        self.rules = rules.map(compile)
        self.keepRules = keepRules.map(compile)
        self.plains = plains
    }

    var isEmpty: Bool { matcher.isEmpty }

    func detect(_ text: ScanText, into candidates: inout [Candidate]) {
        var keep: [(Int, Int)] = []
        detect(text, into: &candidates, keep: &keep)
    }

    /// Profile candidates into `candidates`, keep-list spans into `keep`.
    /// - Parameter quickWholeWord: turn away whole-word hits glued to an
    ///   ASCII letter or digit before the full test (off only in tests
    ///   that compare it with the full test alone).
    func detect(_ text: ScanText, into candidates: inout [Candidate], keep: inout [(Int, Int)],
                quickWholeWord: Bool = true) {
        let skeleton = text.skeleton
        let n = text.count
        // Raw buffers: the hit loop runs a few hundred thousand times per
        // ten megabytes, and array accesses there cost bounds checks and
        // reference counting.
        skeleton.origin.withUnsafeBufferPointer { origin in
        text.scalars.withUnsafeBufferPointer { scalars in
        text.protected.withUnsafeBufferPointer { protected in
        rules.withUnsafeBufferPointer { rules in
        keepRules.withUnsafeBufferPointer { keepRules in
            /// Whether scalar `k` is an ASCII letter or digit outside a placeholder.
            @inline(__always) func asciiWordy(_ k: Int) -> Bool {
                let v = scalars[k].value
                return v < 0x80 && ScalarClass.isASCIIAlnum(scalars[k]) && !protected[k]
            }
            matcher.scan(skeleton) { hit in
                // A match must begin and end on whole original scalars ("ß" folds to
                // two symbols; a pattern may not start on the second).
                if hit.start > 0, origin[hit.start - 1] == origin[hit.start] { return }
                if hit.end + 1 < origin.count, origin[hit.end + 1] == origin[hit.end] { return }
                let rule = rules[hit.pattern]
                let keepRule = keepRules[hit.pattern]
                // Many hits are whole-word entries inside longer words
                // (the skeleton drops spaces, so "Kalo" hits "kalomer"): an
                // ASCII letter or digit just before or after the match
                // already fails `candidate`'s whole-word test (ASCII is never
                // ignorable, so the match's end is where that test looks),
                // decided here without the rest.
                var glued = false
                if quickWholeWord, (rule.present && rule.wholeWord) || (keepRule.present && keepRule.wholeWord) {
                    let start = Int(origin[hit.start]), end = Int(origin[hit.end]) + 1
                    glued = (start > 0 && asciiWordy(start - 1)) || (end < n && asciiWordy(end))
                }
                if rule.present, !(glued && rule.wholeWord), let c = candidate(rule, hit, text) {
                    candidates.append(c)
                }
                if keepRule.present, !(glued && keepRule.wholeWord), let c = candidate(keepRule, hit, text) {
                    keep.append((c.start, c.end))
                }
            }
        }
        }
        }
        }
        }
    }

    /// Keep-list spans: same matching, always whole words, no kind needed.
    func spans(_ text: ScanText) -> [(Int, Int)] {
        var out: [Candidate] = []
        var keep: [(Int, Int)] = []
        detect(text, into: &out, keep: &keep)
        return keep
    }

    @inline(__always)
    private func candidate(_ rule: CompiledRule, _ hit: MultiPatternMatcher.Hit, _ text: ScanText) -> Candidate? {
        let skeleton = text.skeleton
        var start = Int(skeleton.origin[hit.start])
        var end = Int(skeleton.origin[hit.end]) + 1
        while end < text.count, ScalarClass.isIgnorable(text.scalars[end]) { end += 1 }
        let core = end - start
        // The cheapest test first: most hits of short entries are inside
        // longer words.
        if rule.wholeWord {
            // A placeholder next to the match counts as a word character, as
            // the text it replaced did; otherwise a second pass would match
            // what the first did not.
            if wordContinues(text, before: start) || wordContinues(text, after: end)
                || touchesPlaceholder(text, before: start) || touchesPlaceholder(text, after: end) { return nil }
        }
        if rule.compact {
            for i in start..<end where !ScalarClass.isAnyAlnum(text.scalars[i]) && !ScalarClass.isIgnorable(text.scalars[i]) {
                return nil
            }
        }
        if rule.plain >= 0, !ProfileDetector.plainMatches(text.scalars, start, end, plains[Int(rule.plain)]) { return nil }
        if !rule.wholeWord {
            if !rule.anywhere, wordContinues(text, before: start), !ProfileDetector.partBoundary(text, start) { return nil }
            while wordContinues(text, before: start) { start -= 1 }
            while wordContinues(text, after: end) { end += 1 }
        }
        end = ProfileDetector.possessiveEnd(text, end)
        return Candidate(kind: rule.kind, start: start, end: end, core: core)
    }

    /// Whether `s[start..<end]` spells `plain` without look-alike folding.
    /// ASCII is compared in place (letters and digits, case-folded; nothing
    /// else is a symbol there); anything else takes the general folding.
    static func plainMatches(_ s: [Unicode.Scalar], _ start: Int, _ end: Int, _ plain: [UInt32]) -> Bool {
        var k = 0
        for i in start..<end {
            let v = s[i].value
            if v >= 0x80 { return Skeleton.plain(s[start..<end]) == plain }
            guard ScalarClass.isASCIIAlnum(s[i]) else { continue }
            let lower = v >= 0x41 && v <= 0x5A ? v + 0x20 : v
            if k >= plain.count || plain[k] != lower { return false }
            k += 1
        }
        return k == plain.count
    }

    private func wordContinues(_ text: ScanText, before i: Int) -> Bool {
        var j = i - 1
        while j >= 0, ScalarClass.isIgnorable(text.scalars[j]) { j -= 1 }
        return j >= 0 && ScalarClass.isAlnum(text.scalars[j]) && !text.protected[j]
    }

    private func touchesPlaceholder(_ text: ScanText, before i: Int) -> Bool {
        var j = i - 1
        while j >= 0, ScalarClass.isIgnorable(text.scalars[j]) { j -= 1 }
        return j >= 0 && text.protected[j]
    }

    private func touchesPlaceholder(_ text: ScanText, after i: Int) -> Bool {
        var j = i
        while j < text.count, ScalarClass.isIgnorable(text.scalars[j]) { j += 1 }
        return j < text.count && text.protected[j]
    }

    private func wordContinues(_ text: ScanText, after i: Int) -> Bool {
        i < text.count && (ScalarClass.isAlnum(text.scalars[i]) || ScalarClass.isIgnorable(text.scalars[i])) && !text.protected[i]
    }

    /// Whether a word part starts at `i`: "My|Acme" (case change), "2|acme"
    /// (letter after digit or the reverse), "x_|acme" (a joiner).
    static func partBoundary(_ text: ScanText, _ i: Int) -> Bool {
        guard i > 0 else { return true }
        let a = text.scalars[i - 1], b = text.scalars[i]
        if ScalarClass.isASCIIDigit(a) != ScalarClass.isASCIIDigit(b) { return true }
        if a.isASCII && b.isASCII { return a.value >= 0x61 && a.value <= 0x7A && b.value >= 0x41 && b.value <= 0x5A }
        return caseChange(a, b)
    }

    @inline(never)
    private static func caseChange(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        a.properties.isLowercase && b.properties.isUppercase
    }

    /// Extends a match over a possessive: "Acme's", "Acme’s", "Jones'".
    static func possessiveEnd(_ text: ScanText, _ end: Int) -> Int {
        guard let apostrophe = text.scalar(at: end), apostrophe == "'" || apostrophe == "\u{2019}" || apostrophe == "\u{02BC}" else {
            return end
        }
        if let s = text.scalar(at: end + 1), s == "s" || s == "S", !text.isWordy(at: end + 2) {
            return end + 2
        }
        if let last = text.scalar(at: end - 1), last == "s" || last == "S", !text.isWordy(at: end + 1) {
            return end + 1
        }
        return end
    }

    /// Every string to look for, with its kind and whether it is a derived
    /// fragment (matched as whole words only). Order matters for duplicates:
    /// the first kind listed for a skeleton names it.
    static func entries(of profile: MemberProfile) -> [(String, Kind, Bool)] {
        var out: [(String, Kind, Bool)] = []
        for name in profile.organisationNames {
            out.append((name, .org, false))
            var words = name.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            if words.first?.lowercased() == "the", words.count > 1 {
                words.removeFirst()
                out.append((words.joined(separator: " "), .org, false))
            }
            while words.count > 1, Vocabulary.legalSuffixes.contains(words.last!.lowercased().filter { $0 != "." }) {
                words.removeLast()
                out.append((words.joined(separator: " "), .org, false))
            }
        }
        for alias in profile.organisationAliases { out.append((alias, .org, false)) }
        // "Northgate" for "Northgate General Hospital": the distinctive part
        // alone, as a whole word (`OrganisationName`).
        for name in profile.organisationNames + profile.organisationAliases {
            for core in OrganisationName.cores(name) { out.append((core, .org, true)) }
        }
        for domain in profile.domains {
            out.append((domain, .domain, false))
            if let name = registrableName(domain) { out.append((name, .org, false)) }
        }
        for person in profile.people { out.append((person, .person, false)) }
        for term in profile.terms {
            out.append((term, .term, false))
            // "Project Nightjar": the code name alone ("the nightjar repo")
            // identifies as much as the whole term.
            let words = term.split(separator: " ").map(String.init)
            if words.count >= 2, Self.codeNamePrefixes.contains(words[0].lowercased()) {
                out.append((words.dropFirst().joined(separator: " "), .term, false))
            }
        }
        for location in profile.locations { out.append((location, .location, false)) }
        // Fragments of people's names: "Doe said", "Jane", "jdoe".
        for person in profile.people {
            let parts = person.split(whereSeparator: { ScalarClass.isSeparator($0.unicodeScalars.first!) || $0 == "," || $0 == "." })
                .map(String.init)
            guard parts.count > 1 else { continue }
            // A particle ("Le" of "Sandrine Le Goff", "van", "da") is no name
            // alone: as a part it would take every "le" of a French text.
            for part in parts where Skeleton.of(part).count >= 2 && !PersonDetector.particles.contains(part)
                && !PersonDetector.particles.contains(part.lowercased()) {
                out.append((part, .person, true))
            }
            if let first = parts.first?.first, let last = parts.last {
                out.append((String(first) + last, .person, true))
            }
        }
        // Transliterated spellings: "Jürgen Schäfer" is also "Juergen Schaefer".
        for (entry, kind, derived) in out where entry.unicodeScalars.contains(where: { Self.transliterations[$0] != nil }) {
            var variant = ""
            for c in entry.unicodeScalars { if let t = Self.transliterations[c] { variant += t } else { variant.unicodeScalars.append(c) } }
            out.append((variant, kind, derived))
        }
        return out
    }

    static let transliterations: [Unicode.Scalar: String] = [
        "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ø": "oe", "Ø": "Oe", "å": "aa",
        "Å": "Aa", "æ": "ae", "Æ": "Ae",
    ]

    /// First words that mark the rest of a term as a code name.
    static let codeNamePrefixes: Set<String> = [
        "project", "projekt", "projet", "projeto", "proyecto", "progetto", "operation", "opération", "operação",
        "operacao", "operación", "programme", "program", "programm", "programa", "initiative", "codename", "code",
    ]

    /// The label that names the owner of a domain: "acmebank" for
    /// acmebank.co.uk, "acme" for corp.acme.local.
    static func registrableName(_ domain: String) -> String? {
        var labels = domain.lowercased().split(separator: ".").map(String.init)
        while let last = labels.last, labels.count > 1,
              Vocabulary.isTLD(last) || Vocabulary.internalSuffixes.contains(last) || Vocabulary.secondLevel.contains(last) {
            labels.removeLast()
        }
        guard let name = labels.last, Skeleton.of(name).count >= 3 else { return nil }
        return name
    }
}
