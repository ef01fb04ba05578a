/// Removes what identifies the member from free text, on the member's machine,
/// before anything is sealed (DESIGN "Narrative policy").
///
/// The pipeline, each stage replaceable on its own:
/// 1. **Normalise** — the text is read as Unicode scalars; a folded skeleton
///    (case, accents, width, separators, invisible characters) with an offset
///    map back to the original is built for profile matching (`ScanText`).
/// 2. **Detect** — independent detectors propose candidates: profile entries
///    (one multi-pattern automaton pass), e-mails, URLs, IP addresses and
///    CIDRs, dotted names (domains, internal hosts), host-name globs.
/// 3. **Keep** — spans from the keep list, built-in names, CVE and ATT&CK ids.
/// 4. **Resolve** — overlaps merge; longest, then priority, names the result.
/// 5. **Redact** — each finding's original range becomes its placeholder.
/// 6. **Settle** — the redacted text is scanned again until nothing new is
///    found (usually one extra pass), which is what makes scrubbing idempotent.
///
/// All offsets are Unicode scalar offsets into the original text. Scrubbing
/// is idempotent: placeholders never match anything and the result is a fixed
/// point, so `scrub(scrub(x).text).text == scrub(x).text`.
public struct Scrubber: Sendable {
    private let profileDetector: ProfileDetector
    private let keepDetector: KeepDetector
    private let ipDetector: IPDetector
    private let hostGlobs: HostGlobDetector
    private let emails = EmailDetector()
    private let urls = URLDetector()
    private let dotted = DottedNameDetector()
    private let identifiers = IdentifierDetector()
    private let people = PersonDetector()

    /// Placeholders carry a number that is the same for the same thing within
    /// one text ("[PERSON-1] … [PERSON-1]"), so the narrative still reads.
    public let numbered: Bool

    /// Compiles the profile once; reuse the scrubber for many texts.
    /// - Parameter numbered: `[PERSON-1]`, `[PERSON-2]` (default) or plain `[PERSON]`.
    public init(profile: MemberProfile, numbered: Bool = true) {
        self.numbered = numbered
        profileDetector = ProfileDetector(profile: profile)
        keepDetector = KeepDetector(profile: profile)
        ipDetector = IPDetector(profile: profile)
        hostGlobs = HostGlobDetector(profile: profile)
    }

    /// Scrubs `text`; findings are in text order and do not overlap.
    public func scrub(_ text: String) -> ScrubResult {
        let original = ScanText(text)
        var findings = pass(original)
        var output = Self.redact(original.scalars, findings)
        // Re-scan until nothing more is found. Detectors are local, so a
        // placeholder can change what its neighbours look like ("c.co.uk" glued
        // to a URL by an invisible character reads differently once the URL
        // is "[URL]"). Each round only adds findings in text left untouched
        // (nothing may match inside a placeholder), so offsets map back by a
        // shift, coverage only grows, and the result is a fixed point:
        // scrub(scrub(x).text).text == scrub(x).text.
        var rounds = 0
        while !findings.isEmpty, rounds < Self.maxRounds {
            rounds += 1
            let extra = pass(ScanText(output))
            if extra.isEmpty { break }
            findings = Self.merge(findings, extra)
            output = Self.redact(original.scalars, findings)
        }
        if numbered, !findings.isEmpty {
            findings = Self.number(findings, original.scalars)
            output = Self.redact(original.scalars, findings)
        }
        return ScrubResult(text: output, findings: findings)
    }

    /// Gives each finding a numbered placeholder: the same text (folded) gets
    /// the same number; a person matches an earlier person sharing a name
    /// part ("Jane Doe", "Jane", "Ms Doe"). Numbering starts after any
    /// numbered placeholder already in the text, so a second pass never
    /// reuses a number for something else.
    static func number(_ findings: [Finding], _ scalars: [Unicode.Scalar]) -> [Finding] {
        var next: [String: Int] = [:]
        // Existing "[NAME-n]" in the text.
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
                    if j < scalars.count, scalars[j] == "]" { next[name] = max(next[name] ?? 1, n + 1) }
                }
            }
            i += 1
        }
        var byKey: [String: Int] = [:]
        var personGroups: [(words: Set<String>, number: Int)] = []
        var out = findings
        for (k, f) in findings.enumerated() {
            let name = String(f.replacement.dropFirst().dropLast())
            var words: [String] = []
            var cur = ""
            for c in scalars[f.start..<f.end] {
                if ScalarClass.isAnyAlnum(c) {
                    cur += String(Character(c)).lowercased()
                } else if !cur.isEmpty {
                    words.append(cur); cur = ""
                }
            }
            if !cur.isEmpty { words.append(cur) }
            let key = name + ":" + words.joined()
            let number: Int
            if let known = byKey[key] {
                number = known
            } else if name == "PERSON", let group = personGroups.first(where: { !$0.words.isDisjoint(with: words.filter { $0.count >= 2 && !Names.titles.contains($0) }) }) {
                number = group.number
            } else {
                number = next[name] ?? 1
                next[name] = number + 1
                if name == "PERSON" { personGroups.append((Set(words.filter { $0.count >= 2 && !Names.titles.contains($0) }), number)) }
            }
            byKey[key] = number
            out[k].replacement = "[\(name)-\(number)]"
        }
        return out
    }

    /// Bound on re-scans; each round must add a finding, so real text settles
    /// in one or two.
    static let maxRounds = 8

    /// One detection pass over prepared text.
    private func pass(_ scan: ScanText) -> [Finding] {
        var candidates: [Candidate] = []
        profileDetector.detect(scan, into: &candidates)

        // Dotted names that are not public domains are removed only when they
        // contain a profile entry, so mark what the profile matched.
        var profileMask = [Bool](repeating: false, count: scan.count)
        for c in candidates { for k in c.start..<c.end { profileMask[k] = true } }
        dotted.detect(scan, tainted: { start, end in
            profileMask[start..<end].contains(true)
        }, into: &candidates)

        emails.detect(scan, into: &candidates)
        urls.detect(scan, into: &candidates)
        ipDetector.detect(scan, into: &candidates)
        hostGlobs.detect(scan, into: &candidates)
        identifiers.detect(scan, into: &candidates)
        people.detect(scan, into: &candidates)

        return Resolver.resolve(candidates, keep: keepDetector.spans(scan), text: scan)
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
        // Build UTF-8 bytes and decode once: appending to a String's scalar
        // view piecemeal re-copies the string and turns quadratic on long texts.
        var out: [UInt8] = []
        out.reserveCapacity(scalars.count + scalars.count / 4)
        func append(_ slice: ArraySlice<Unicode.Scalar>) {
            for scalar in slice {
                if scalar.isASCII {
                    out.append(UInt8(scalar.value))
                } else {
                    out.append(contentsOf: UTF8.encode(scalar)!)
                }
            }
        }
        var cursor = 0
        for f in findings {
            append(scalars[cursor..<f.start])
            out.append(contentsOf: f.replacement.utf8)
            cursor = f.end
        }
        append(scalars[cursor...])
        return String(decoding: out, as: UTF8.self)
    }
}
