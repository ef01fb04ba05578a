/// Removes what identifies the member from free text, on the member's machine,
/// before anything is sealed (DESIGN "Narrative policy").
///
/// The pipeline, each stage replaceable on its own:
/// 1. **Prepare** — the text is decoded once into Unicode scalars; a folded
///    skeleton (case, accents, width, separators, invisible characters) with
///    an offset map back to the original is built for profile matching, and a
///    token table says which tokens hold a digit, "@", ":", "." … (`ScanText`).
/// 2. **Detect** — independent detectors propose candidates: profile entries
///    and keep-list names (one multi-pattern automaton pass), e-mails, URLs,
///    IP addresses and CIDRs, dotted names, host-name globs, identifiers,
///    people, places (addresses, sites) and reference shapes; the scanners that need a trigger character visit only tokens
///    that hold one.
/// 3. **Keep** — spans from the keep list, built-in names, CVE and ATT&CK ids.
/// 4. **Resolve** — overlaps merge; longest, then priority, names the result.
/// 5. **Redact** — each finding's original range becomes its placeholder.
/// 6. **Settle** — the tokens placeholders are glued into are scanned again,
///    and the whole text only if that finds something, until nothing new is
///    found, which is what makes scrubbing idempotent.
///
/// All offsets are Unicode scalar offsets into the original text. Scrubbing
/// is idempotent: placeholders never match anything and the result is a fixed
/// point, so `scrub(scrub(x).text).text == scrub(x).text`.
public struct Scrubber: Sendable {
    private let profileDetector: ProfileDetector
    private let keepDetector = KeepDetector()
    private let ipDetector: IPDetector
    private let hostGlobs: HostGlobDetector
    private let emails = EmailDetector()
    private let urls = URLDetector()
    private let dotted = DottedNameDetector()
    private let identifiers = IdentifierDetector()
    private let people = PersonDetector()
    private let places = PlaceDetector()
    private let references = ReferenceDetector()
    private let speakers = SpeakerDetector()
    private let companies = CompanyDetector()
    private let cues = CueDetector()
    /// The initials of the profile's people (`initials`).
    private let profileInitials: WordSet?

    /// Placeholders carry a number that is the same for the same thing within
    /// one text ("[PERSON-1] … [PERSON-1]"), so the narrative still reads.
    public let numbered: Bool

    /// Compiles the profile once; reuse the scrubber for many texts.
    /// - Parameter numbered: `[PERSON-1]`, `[PERSON-2]` (default) or plain `[PERSON]`.
    public init(profile: MemberProfile, numbered: Bool = true) {
        self.numbered = numbered
        profileDetector = ProfileDetector(profile: profile)
        ipDetector = IPDetector(profile: profile)
        hostGlobs = HostGlobDetector(profile: profile)
        profileInitials = Self.initialsSet(profile.people)
    }

    /// Scrubs `text`; findings are in text order and do not overlap.
    public func scrub(_ text: String) -> ScrubResult {
        scrub(text, settle: .windows)
    }

    /// How the redacted text is re-checked (see `scrub`).
    enum Settle {
        /// Re-scan only the neighbourhoods of placeholders; fall back to the
        /// whole text when something turns up there.
        case windows
        /// Re-scan the whole redacted text every round (the reference the
        /// windowed form is tested against).
        case full
    }

    func scrub(_ text: String, settle: Settle) -> ScrubResult {
        let original = ScanText(text)
        var findings = Self.initials(Self.echo(pass(original), original), original, profile: profileInitials)
        var (output, placeholders) = Self.redactScalars(original.scalars, findings)
        // Re-scan until nothing more is found. Detectors are local, so a
        // placeholder can change what its neighbours look like ("c.co.uk" glued
        // to a URL by an invisible character reads differently once the URL
        // is "[URL]"). Each round only adds findings in text left untouched
        // (nothing may match inside a placeholder), so offsets map back by a
        // shift, coverage only grows, and the result is a fixed point:
        // scrub(scrub(x).text).text == scrub(x).text.
        //
        // Away from placeholders the redacted text is the text the first pass
        // already saw, so it can only yield the same (already redacted)
        // findings. A round therefore first scans just the windows around
        // placeholders (the token each is glued into); only if
        // that finds something does it scan the whole text, which also
        // catches what a new finding carries forward (a person's name parts).
        var rounds = 0
        while !findings.isEmpty, rounds < Self.maxRounds {
            rounds += 1
            if settle == .windows {
                let windows = Self.windows(output, placeholders)
                if windows.isEmpty || pass(ScanText(scalars: windows)).isEmpty { break }
            }
            let extra = pass(ScanText(scalars: output))
            if extra.isEmpty { break }
            findings = Self.merge(findings, extra)
            (output, placeholders) = Self.redactScalars(original.scalars, findings)
        }
        if numbered, !findings.isEmpty {
            findings = Self.number(findings, original.scalars, existing: original.hasBracket)
            // Straight to UTF-8: no redacted scalar array in between.
            return ScrubResult(text: Self.encode(text, original, findings), findings: findings)
        }
        return ScrubResult(text: Self.string(output), findings: findings)
    }

    /// Other occurrences of what was found: a user name, identifier or host
    /// found once by its context ("user hmartinez") is removed wherever else
    /// it stands as a whole token ("user=hmartinez" in a pasted log line,
    /// where no rule sees it). Five scalars or more, outside every finding
    /// and placeholder; same replacement, so the same number. One pass over
    /// the text, looking only where a found string's first scalar starts a
    /// token.
    static func echo(_ findings: [Finding], _ text: ScanText) -> [Finding] {
        let s = text.scalars
        var patterns: [(scalars: ArraySlice<Unicode.Scalar>, finding: Finding)] = []
        var firsts: (UInt64, UInt64) = (0, 0) // ASCII first scalars, as a bit set
        for f in findings where f.end - f.start >= 5 && isEchoKind(f.kind) {
            let p = s[f.start..<f.end]
            let v = p.first!.value
            guard v < 0x80, !patterns.contains(where: { $0.scalars == p }) else { continue }
            patterns.append((p, f))
            if v < 64 { firsts.0 |= 1 << UInt64(v) } else { firsts.1 |= 1 << UInt64(v - 64) }
        }
        if patterns.isEmpty { return findings }
        var extra: [Finding] = []
        var next = 0 // first finding not wholly before i
        var i = 0
        let n = s.count
        let (low, high) = firsts
        // Up to four distinct first scalars (most texts have one or two) are
        // also looked for eight scalars at a time, each in a vector of its
        // own (the last repeated to fill four).
        var distinct: [UInt32] = []
        for (p, _) in patterns where !distinct.contains(p.first!.value) { distinct.append(p.first!.value) }
        let blocks = distinct.count <= 4
        let probe = (0..<4).map { SIMD8<UInt32>(repeating: distinct[min($0, distinct.count - 1)]) }
        let (p0, p1, p2, p3) = (probe[0], probe[1], probe[2], probe[3])
        while i < n {
            // On to the next scalar that some pattern starts with, in a loop
            // of its own: it passes over nearly all of the text, and with
            // nothing else live the bit set stays in registers.
            i = s.withUnsafeBufferPointer { s in
                var k = i
                if blocks, let base = s.baseAddress {
                    // Past every block of eight without a first scalar (a
                    // `Unicode.Scalar` is its 32-bit value); the loop below
                    // then finds the one in the block, or goes on past the end.
                    let raw = UnsafeRawPointer(base)
                    while k + 8 <= n {
                        let block = raw.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<UInt32>.self)
                        if any((block .== p0) .| (block .== p1) .| (block .== p2) .| (block .== p3)) { break }
                        k += 8
                    }
                }
                while k < n {
                    let v = s[k].value
                    if v < 64 ? (low >> UInt64(v)) & 1 != 0 : v < 0x80 && (high >> UInt64(v - 64)) & 1 != 0 { break }
                    k += 1
                }
                return k
            }
            guard i < n else { break }
            guard !(i > 0 && ScalarClass.isAlnum(s[i - 1])), !text.protected[i] else { i += 1; continue }
            while next < findings.count, findings[next].end <= i { next += 1 }
            if next < findings.count, findings[next].start <= i { i = findings[next].end; continue }
            for (p, f) in patterns where p.first == s[i] {
                let e = i + p.count
                guard e <= s.count, !(e < s.count && ScalarClass.isAlnum(s[e])), s[i..<e] == p,
                      next >= findings.count || findings[next].start >= e, !text.touchesPlaceholder(i, e) else { continue }
                extra.append(Finding(kind: f.kind, start: i, end: e, replacement: f.replacement))
                i = e - 1
                break
            }
            i += 1
        }
        if extra.isEmpty { return findings }
        return (findings + extra).sorted { $0.start < $1.start }
    }

    static let echoKinds: Set<String> = [Kind.user.rawValue, Kind.id.rawValue, Kind.host.rawValue]

    /// `echoKinds.contains(kind)` by three string compares: a finding's
    /// kind is a `Kind`'s raw value, equal small strings compare by their
    /// bits, and hashing every finding's kind for the set cost more.
    @inline(__always)
    static func isEchoKind(_ kind: String) -> Bool {
        kind == Kind.user.rawValue || kind == Kind.id.rawValue || kind == Kind.host.rawValue
    }

    /// The neighbourhoods of `placeholders` (ranges in `s`): each grown to
    /// the whitespace-separated token it is glued into, joined by NUL, which
    /// every detector treats as a hard boundary. A placeholder standing alone
    /// or with only punctuation glued to it ("[ORG],") is left out: no
    /// detector finds anything without a letter or digit outside a
    /// placeholder, so for most texts there is nothing to re-scan at all.
    static func windows(_ s: [Unicode.Scalar], _ placeholders: [Range<Int>]) -> [Unicode.Scalar] {
        @inline(__always) func space(_ c: Unicode.Scalar) -> Bool {
            c == " " || c == "\n" || c == "\t" || c == "\r" || (!c.isASCII && c.properties.isWhitespace)
        }
        @inline(__always) func wordy(_ c: Unicode.Scalar) -> Bool { !c.isASCII || ScalarClass.isASCIIAlnum(c) }
        let cap = 256
        var out: [Unicode.Scalar] = []
        var pending: Range<Int>? = nil
        func flush() {
            guard let p = pending else { return }
            if !out.isEmpty { out.append("\u{0}") }
            out.append(contentsOf: s[p])
        }
        for (n, p) in placeholders.enumerated() {
            var a = p.lowerBound
            var glued = false
            while a > 0, p.lowerBound - a < cap, !space(s[a - 1]) {
                a -= 1
                // Text of an earlier placeholder is no letter of the token.
                if wordy(s[a]), !(n > 0 && placeholders[n - 1].contains(a)) { glued = true }
            }
            var b = p.upperBound
            while b < s.count, b - p.upperBound < cap, !space(s[b]) {
                if wordy(s[b]), !(n + 1 < placeholders.count && placeholders[n + 1].contains(b)) { glued = true }
                b += 1
            }
            guard glued else { continue }
            if let q = pending, a <= q.upperBound {
                pending = q.lowerBound..<max(q.upperBound, b)
            } else {
                flush()
                pending = a..<b
            }
        }
        flush()
        return out
    }

    /// Gives each finding a numbered placeholder: the same text (folded) gets
    /// the same number; a person matches an earlier person sharing a name
    /// part ("Jane Doe", "Jane", "Ms Doe"). Numbering starts after any
    /// numbered placeholder already in the text, so a second pass never
    /// reuses a number for something else.
    /// - Parameter existing: whether to look for numbered placeholders
    ///   already in the text (false only when it holds no "[" at all).
    static func number(_ findings: [Finding], _ scalars: [Unicode.Scalar], existing: Bool = true) -> [Finding] {
        if findings.isEmpty { return findings }
        // Placeholder names by slot: the built-in ones first (`Numbering`),
        // any other a finding carries after them, so no String is hashed
        // or built per finding and "[NAME-n]" texts come from a table.
        var extraNames: [String] = []
        func slot(_ name: String) -> Int {
            if let k = Numbering.slotByName[name] { return k }
            if let k = extraNames.firstIndex(of: name) { return Numbering.names.count + k }
            extraNames.append(name)
            return Numbering.names.count + extraNames.count - 1
        }
        var next = [Int](repeating: 1, count: Numbering.names.count)
        // Existing "[NAME-n]" in the text.
        if existing { scalars.withUnsafeBufferPointer { scalars in
            var i = 0
            while i < scalars.count {
                if scalars[i] == "[" {
                    var j = i + 1
                    var name = ""
                    while j < scalars.count, j - i <= 9, scalars[j].value >= 0x41, scalars[j].value <= 0x5A { name.unicodeScalars.append(scalars[j]); j += 1 }
                    if j < scalars.count, scalars[j] == "-" {
                        var n = 0
                        j += 1
                        while j < scalars.count, ScalarClass.isASCIIDigit(scalars[j]), n < 1_000_000 { n = n * 10 + Int(scalars[j].value - 0x30); j += 1 }
                        if j < scalars.count, scalars[j] == "]" {
                            let k = slot(name)
                            while next.count <= k { next.append(1) }
                            next[k] = max(next[k], n + 1)
                        }
                    }
                }
                i += 1
            }
        } }
        // Each finding is keyed by its kind and its letters and digits,
        // lower-cased, as a 64-bit FNV-1a hash (a collision could only give
        // two things one number); a person also by its name parts (words of
        // two or more characters that are not titles). The keys live in a
        // small open-addressing table probed by their own low bits.
        var size = 16
        while size < findings.count * 2 { size <<= 1 }
        var keys = [UInt64](repeating: 0, count: size)
        var numbers = [Int](repeating: 0, count: size)
        let mask = size - 1
        var personGroups: [(words: [UInt64], number: Int)] = []
        var out = findings
        var parts: [UInt64] = []
        let titles = PersonDetector.titles
        // The tables in locals: a static costs a once-check per access.
        let byLength = Numbering.slotsByLength, replacements = Numbering.replacements, keyBases = Numbering.keyBases
        let builtIn = Numbering.names.count, cached = Numbering.cached, texts = Numbering.texts
        let personSlot = Numbering.personSlot
        scalars.withUnsafeBufferPointer { scalars in
            for k in findings.indices {
                let f = findings[k]
                let nameSlot: Int
                var key: UInt64
                if let known = Numbering.slot(ofReplacement: f.replacement, byLength, replacements) {
                    nameSlot = known
                    key = keyBases[known]
                } else {
                    // "[NAME]" → "NAME", on the UTF-8 (no grapheme walk).
                    let utf8 = Array(f.replacement.utf8)
                    let name = String(decoding: utf8.count >= 2 ? utf8[1..<(utf8.count - 1)] : [], as: UTF8.self)
                    key = Numbering.keyBase(name)
                    nameSlot = slot(name)
                }
                let isPerson = nameSlot == personSlot
                parts.removeAll(keepingCapacity: true)
                key = Numbering.key(scalars, f.start, f.end, base: key, person: isPerson, titles: titles, parts: &parts)
                while next.count <= nameSlot { next.append(1) }
                // The key's slot: 0 marks an empty one, so a key of 0 is stored as 1
                // (as good as any other 64-bit hash for telling things apart).
                let stored = key == 0 ? 1 : key
                var h = Int(truncatingIfNeeded: stored ^ (stored >> 29)) & mask
                while keys[h] != 0, keys[h] != stored { h = (h + 1) & mask }
                let number: Int
                if keys[h] == stored {
                    number = numbers[h]
                } else if isPerson {
                    if let group = personGroups.first(where: { g in parts.contains(where: { g.words.contains($0) }) }) {
                        number = group.number
                    } else {
                        number = next[nameSlot]
                        next[nameSlot] = number + 1
                        personGroups.append((parts, number))
                    }
                } else {
                    number = next[nameSlot]
                    next[nameSlot] = number + 1
                }
                keys[h] = stored
                numbers[h] = number
                if nameSlot < builtIn, number < cached {
                    out[k].replacement = texts[nameSlot &* cached &+ number]
                } else {
                    let name = nameSlot < Numbering.names.count ? Numbering.names[nameSlot] : extraNames[nameSlot - Numbering.names.count]
                    out[k].replacement = "[" + name + "-" + String(number) + "]"
                }
            }
        }
        return out
    }

    /// Tables for `number`: the built-in placeholder names, the start of
    /// each one's key and its first numbered texts.
    enum Numbering {
        static let names: [String] = Placeholder.names.sorted()
        static let slotByName: [String: Int] = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        /// "[NAME]" of each slot.
        static let replacements: [String] = names.map { "[" + $0 + "]" }
        /// Slots by the UTF-8 length of their "[NAME]" (at most two share
        /// one), for `slot(ofReplacement:)`.
        static let slotsByLength: [[Int]] = {
            var table = [[Int]](repeating: [], count: (replacements.map(\.utf8.count).max() ?? 0) + 1)
            for (k, r) in replacements.enumerated() { table[r.utf8.count].append(k) }
            return table
        }()

        /// The slot whose "[NAME]" is `replacement`, or nil: one or two
        /// string compares (a detector's placeholder literal and the slot's
        /// text are equal small strings, compared by their bits) instead of
        /// hashing every finding's replacement for a dictionary. The tables
        /// are passed in, so a loop holds them.
        @inline(__always)
        static func slot(ofReplacement replacement: String, _ byLength: [[Int]], _ replacements: [String]) -> Int? {
            let n = replacement.utf8.count
            guard n < byLength.count else { return nil }
            for k in byLength[n] where replacements[k] == replacement { return k }
            return nil
        }
        static let personSlot = slotByName["PERSON"]!
        static let keyBases: [UInt64] = names.map(keyBase)
        static let cached = 64
        static let texts: [String] = names.flatMap { name in (0..<cached).map { "[" + name + "-" + String($0) + "]" } }

        /// The key of the finding `scalars[start..<end]`: `base` (its
        /// placeholder name's) extended by its letters and digits,
        /// lower-cased; for a person, its name parts (words of two or more
        /// characters that are not `titles`) are appended to `parts`. On
        /// its own so that its running state is plain locals.
        static func key(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int, _ end: Int, base: UInt64,
                        person isPerson: Bool, titles: WordSet, parts: inout [UInt64]) -> UInt64 {
            let prime: UInt64 = 0x100_0000_01B3
            let basis: UInt64 = 0xCBF2_9CE4_8422_2325
            var key = base
            var wordText: String? = nil
            var i = start
            while i < end {
                // A word: a run of letters and digits, hashed into the key
                // and on its own; its Characters are counted (as `wordText`)
                // only once a non-ASCII one turns up.
                let wordStart = i
                var word: UInt64 = basis
                var wordLength = 0
                while i < end {
                    let c = scalars[i]
                    let v = c.value
                    if v < 0x80 {
                        guard ScalarClass.isASCIIAlnum(c) else { break }
                        let l = v >= 0x41 && v <= 0x5A ? v + 0x20 : v
                        key = (key ^ UInt64(l)) &* prime
                        word = (word ^ UInt64(l)) &* prime
                        wordLength += 1
                        if wordText != nil { wordText!.unicodeScalars.append(Unicode.Scalar(UInt8(l))) }
                    } else {
                        guard ScalarClass.isAnyAlnum(c) else { break }
                        if wordText == nil {
                            // The word so far (all ASCII) as text, to count Characters.
                            var text = ""
                            for a in scalars[wordStart..<i] {
                                text.unicodeScalars.append(a.value >= 0x41 && a.value <= 0x5A ? Unicode.Scalar(UInt8(a.value + 0x20)) : a)
                            }
                            wordText = text
                        }
                        let lower = String(Character(c)).lowercased()
                        for l in lower.unicodeScalars {
                            key = (key ^ UInt64(l.value)) &* prime
                            word = (word ^ UInt64(l.value)) &* prime
                        }
                        wordLength += lower.unicodeScalars.count
                        wordText! += lower
                    }
                    i += 1
                }
                if wordLength > 0 {
                    let length = wordText.map { $0.count } ?? wordLength
                    if isPerson, length >= 2, !titles.contains(hash: word) { parts.append(word) }
                }
                if wordText != nil { wordText = nil }
                i += 1 // past what ended the word
            }
            return key
        }

        static func keyBase(_ name: String) -> UInt64 {
            var key: UInt64 = 0xCBF2_9CE4_8422_2325
            for b in name.utf8 { key = (key ^ UInt64(b)) &* 0x100_0000_01B3 }
            return (key ^ 0x3A) &* 0x100_0000_01B3
        }
    }

    /// Bound on re-scans; each round must add a finding, so real text settles
    /// in one or two.
    static let maxRounds = 8

    /// One detection pass over prepared text.
    private func pass(_ scan: ScanText) -> [Finding] {
        // Room for a narrative's worth up front: the detectors append into
        // these one by one, and growing from empty cost a copy per doubling.
        var candidates: [Candidate] = []
        candidates.reserveCapacity(64)
        var keep: [(Int, Int)] = []
        keep.reserveCapacity(32)
        profileDetector.detect(scan, into: &candidates, keep: &keep)
        keepDetector.spans(scan, into: &keep)

        // Dotted names that are not public domains are removed only when they
        // overlap what the profile matched (the candidates so far; asked
        // rarely, so a look through them beats a per-scalar mask).
        let profile = candidates
        dotted.detect(scan, tainted: { start, end in Self.overlaps(profile[...], start, end) }, into: &candidates)

        emails.detect(scan, into: &candidates)
        urls.detect(scan, into: &candidates)
        ipDetector.detect(scan, into: &candidates)
        hostGlobs.detect(scan, into: &candidates)
        identifiers.detect(scan, into: &candidates)
        people.detect(scan, into: &candidates)
        places.detect(scan, into: &candidates)
        references.detect(scan, into: &candidates)
        speakers.detect(scan, into: &candidates)
        companies.detect(scan, into: &candidates)
        cues.detect(scan, into: &candidates)

        return Resolver.resolve(candidates, keep: keep, text: scan)
    }

    /// Whether some candidate covers a scalar of `start..<end`.
    static func overlaps(_ candidates: ArraySlice<Candidate>, _ start: Int, _ end: Int) -> Bool {
        candidates.contains { $0.start < $0.end && $0.start < end && $0.end > start && start < end }
    }

    /// Adds findings made on the redacted text (`extra`, offsets in that text)
    /// to `findings` (offsets in the original). `extra` never overlaps a
    /// placeholder, so each maps back by the length change of the findings
    /// before it.
    static func merge(_ findings: [Finding], _ extra: [Finding]) -> [Finding] {
        var merged: [Finding] = []
        merged.reserveCapacity(findings.count + extra.count)
        var i = 0
        var shift = 0 // original offset - redacted offset, before position
        for e in extra {
            while i < findings.count {
                let f = findings[i]
                let placeholderStart = f.start - shift
                if placeholderStart >= e.end { break }
                merged.append(f)
                shift += (f.end - f.start) - f.replacement.unicodeScalars.count
                i += 1
            }
            merged.append(Finding(kind: e.kind, start: e.start + shift, end: e.end + shift, replacement: e.replacement))
        }
        merged.append(contentsOf: findings[i...])
        return merged
    }

    static func redact(_ scalars: [Unicode.Scalar], _ findings: [Finding]) -> String {
        string(redactScalars(scalars, findings).text)
    }

    /// The redacted text as scalars, and where its placeholders are.
    static func redactScalars(_ scalars: [Unicode.Scalar], _ findings: [Finding]) -> (text: [Unicode.Scalar], placeholders: [Range<Int>]) {
        /// Calls `body` with `replacement`'s scalars: straight from its
        /// UTF-8 when that is ASCII (a placeholder always is), else through
        /// its scalar view.
        @inline(__always) func forEachScalar(_ replacement: String, _ body: (Unicode.Scalar) -> Void) {
            var replacement = replacement
            let ascii = replacement.withUTF8 { bytes in
                guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
                for b in bytes { body(Unicode.Scalar(b)) }
                return true
            }
            if !ascii { for u in replacement.unicodeScalars { body(u) } }
        }
        // The exact length first, then every scalar written once (the
        // findings in order, apart and inside the text, as the copies assume).
        var length = scalars.count
        var last = 0
        for f in findings {
            precondition(last <= f.start && f.start <= f.end && f.end <= scalars.count, "findings out of order or range")
            last = f.end
            length -= f.end - f.start
            forEachScalar(f.replacement) { _ in length += 1 }
        }
        var placeholders: [Range<Int>] = []
        placeholders.reserveCapacity(findings.count)
        let out = scalars.withUnsafeBufferPointer { source in
            [Unicode.Scalar](unsafeUninitializedCapacity: length) { out, count in
                var n = 0
                var cursor = 0
                @inline(__always) func copy(_ from: Int, _ to: Int) {
                    guard to > from else { return }
                    (out.baseAddress! + n).initialize(from: source.baseAddress! + from, count: to - from)
                    n += to - from
                }
                for f in findings {
                    copy(cursor, f.start)
                    let start = n
                    forEachScalar(f.replacement) { u in (out.baseAddress! + n).initialize(to: u); n += 1 }
                    placeholders.append(start..<n)
                    cursor = f.end
                }
                copy(cursor, source.count)
                count = n
            }
        }
        return (out, placeholders)
    }

    /// The redacted text of `text` (prepared as `scan`) as a String. An
    /// all-ASCII text's scalar offsets are byte offsets, so the kept runs
    /// are copied from its UTF-8 whole; any other is encoded from the scalars.
    static func encode(_ text: String, _ scan: ScanText, _ findings: [Finding]) -> String {
        guard scan.isASCII else { return redactedString(scan.scalars, findings) }
        var text = text
        return text.withUTF8 { source in redactedASCII(source, findings) }
    }

    /// Writes `string`'s UTF-8 into `out` at `n` and moves `n` past it, in
    /// one copy (a String's UTF-8 view is walked byte by byte through its
    /// generic index otherwise). `out` has room: the callers size it by
    /// `utf8.count`.
    @inline(__always)
    static func copyUTF8(_ string: String, into out: UnsafeMutableBufferPointer<UInt8>, at n: inout Int) {
        var string = string
        string.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            UnsafeMutableRawPointer(out.baseAddress! + n).copyMemory(from: base, byteCount: bytes.count)
            n &+= bytes.count
        }
    }

    /// `redactedString` of an all-ASCII text given as its bytes.
    static func redactedASCII(_ source: UnsafeBufferPointer<UInt8>, _ findings: [Finding]) -> String {
        var length = source.count
        for f in findings { length += f.replacement.utf8.count - (f.end - f.start) }
        let bytes = [UInt8](unsafeUninitializedCapacity: length) { out, count in
            var n = 0
            var cursor = 0
            @inline(__always) func copy(_ from: Int, _ to: Int) {
                guard to > from else { return }
                UnsafeMutableRawPointer(out.baseAddress! + n).copyMemory(from: source.baseAddress! + from, byteCount: to - from)
                n += to - from
            }
            for f in findings {
                copy(cursor, f.start)
                copyUTF8(f.replacement, into: out, at: &n)
                cursor = f.end
            }
            copy(cursor, source.count)
            count = n
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `string(redactScalars(scalars, findings).text)`, written as UTF-8
    /// without the redacted scalar array in between.
    static func redactedString(_ scalars: [Unicode.Scalar], _ findings: [Finding]) -> String {
        @inline(__always) func width(_ v: UInt32) -> Int { v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4 }
        return scalars.withUnsafeBufferPointer { scalars in
            var length = 0
            var cursor = 0
            for f in findings {
                for k in cursor..<f.start { length += width(scalars[k].value) }
                length += f.replacement.utf8.count
                cursor = f.end
            }
            for k in cursor..<scalars.count { length += width(scalars[k].value) }
            // Bytes first, then one String: its UTF-8 check is quicker from
            // an array than in `String(unsafeUninitializedCapacity:)`.
            let bytes = [UInt8](unsafeUninitializedCapacity: length) { out, count in
                var n = 0
                @inline(__always) func put(_ v: UInt32) {
                    if v < 0x80 {
                        out[n] = UInt8(v); n &+= 1
                    } else if v < 0x800 {
                        out[n] = UInt8(0xC0 | (v >> 6)); out[n &+ 1] = UInt8(0x80 | (v & 0x3F)); n &+= 2
                    } else if v < 0x10000 {
                        out[n] = UInt8(0xE0 | (v >> 12)); out[n &+ 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                        out[n &+ 2] = UInt8(0x80 | (v & 0x3F)); n &+= 3
                    } else {
                        out[n] = UInt8(0xF0 | (v >> 18)); out[n &+ 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                        out[n &+ 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); out[n &+ 3] = UInt8(0x80 | (v & 0x3F)); n &+= 4
                    }
                }
                var cursor = 0
                for f in findings {
                    for k in cursor..<f.start { put(scalars[k].value) }
                    copyUTF8(f.replacement, into: out, at: &n)
                    cursor = f.end
                }
                for k in cursor..<scalars.count { put(scalars[k].value) }
                count = n
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Encodes scalars as a String in one go: appending to a String's scalar
    /// view piecemeal re-copies the string and turns quadratic on long texts.
    static func string(_ scalars: [Unicode.Scalar]) -> String {
        redactedString(scalars, [])
    }
}

extension Scrubber {
    /// Time spent per stage on `text`, for the benchmark's `--stages` report;
    /// `clock` returns nanoseconds (injected: the module reads no clock).
    /// `repeats` runs each stage that many times (the earlier runs' results
    /// are dropped), so a stage's share stands out of the noise on a busy
    /// machine.
    package func stageTimes(_ text: String, repeats: Int = 1, clock: () -> UInt64) -> [(String, UInt64)] {
        var out: [(String, UInt64)] = []
        var t = clock()
        /// Runs `body` `repeats` times, keeps the last result and records the time.
        func stage<T>(_ name: String, _ body: () -> T) -> T {
            for _ in 1..<max(repeats, 1) { _ = body() }
            let result = body()
            let now = clock()
            out.append((name, now - t))
            t = now
            return result
        }
        /// A detector's stage: its candidates, appended to `candidates`.
        func detector(_ name: String, into candidates: inout [Candidate], _ detect: (inout [Candidate]) -> Void) {
            candidates += stage(name) { var found: [Candidate] = []; detect(&found); return found }
        }
        let scan = stage("prepare") { ScanText(text) }
        var (candidates, keep) = stage("profile+keep automaton") {
            var candidates: [Candidate] = [], keep: [(Int, Int)] = []
            profileDetector.detect(scan, into: &candidates, keep: &keep)
            return (candidates, keep)
        }
        keep += stage("keep ids") { var k: [(Int, Int)] = []; keepDetector.spans(scan, into: &k); return k }
        let profileCandidates = candidates
        detector("dotted names", into: &candidates) { found in
            dotted.detect(scan, tainted: { start, end in Self.overlaps(profileCandidates[...], start, end) }, into: &found)
        }
        detector("email", into: &candidates) { emails.detect(scan, into: &$0) }
        detector("url", into: &candidates) { urls.detect(scan, into: &$0) }
        detector("ip", into: &candidates) { ipDetector.detect(scan, into: &$0) }
        detector("host globs", into: &candidates) { hostGlobs.detect(scan, into: &$0) }
        detector("identifiers", into: &candidates) { identifiers.detect(scan, into: &$0) }
        detector("people", into: &candidates) { people.detect(scan, into: &$0) }
        detector("places, refs, speakers", into: &candidates) {
            places.detect(scan, into: &$0)
            references.detect(scan, into: &$0)
            speakers.detect(scan, into: &$0)
        }
        detector("companies", into: &candidates) { companies.detect(scan, into: &$0) }
        detector("cues", into: &candidates) { cues.detect(scan, into: &$0) }
        let findings = stage("resolve") { Resolver.resolve(candidates, keep: keep, text: scan) }
        let (output, placeholders) = stage("redact") { Self.redactScalars(scan.scalars, findings) }
        _ = stage("settle (windows)") { pass(ScanText(scalars: Self.windows(output, placeholders))) }
        let numberedFindings = stage("number") { Self.number(findings, scan.scalars, existing: scan.hasBracket) }
        // As `scrub` encodes: numbered placeholders straight to UTF-8.
        _ = stage("encode") {
            numbered && !findings.isEmpty ? Self.encode(text, scan, numberedFindings) : Self.string(output)
        }
        return out
    }
}
