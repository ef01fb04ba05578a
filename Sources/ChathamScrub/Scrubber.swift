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
///
/// All offsets are Unicode scalar offsets into the original text. Scrubbing
/// is idempotent: placeholders never match anything, so
/// `scrub(scrub(x).text).text == scrub(x).text`.
public struct Scrubber: Sendable {
    private let profileDetector: ProfileDetector
    private let keepDetector: KeepDetector
    private let ipDetector: IPDetector
    private let hostGlobs: HostGlobDetector
    private let emails = EmailDetector()
    private let urls = URLDetector()
    private let dotted = DottedNameDetector()

    /// Compiles the profile once; reuse the scrubber for many texts.
    public init(profile: MemberProfile) {
        profileDetector = ProfileDetector(profile: profile)
        keepDetector = KeepDetector(profile: profile)
        ipDetector = IPDetector(profile: profile)
        hostGlobs = HostGlobDetector(profile: profile)
    }

    /// Scrubs `text`; findings are in text order and do not overlap.
    public func scrub(_ text: String) -> ScrubResult {
        let scan = ScanText(text)
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

        let findings = Resolver.resolve(candidates, keep: keepDetector.spans(scan), text: scan)
        return ScrubResult(text: Self.redact(scan.scalars, findings), findings: findings)
    }

    static func redact(_ scalars: [Unicode.Scalar], _ findings: [Finding]) -> String {
        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count)
        var cursor = 0
        for f in findings {
            out.append(contentsOf: scalars[cursor..<f.start])
            out.append(contentsOf: f.replacement.unicodeScalars)
            cursor = f.end
        }
        out.append(contentsOf: scalars[cursor...])
        return String(out)
    }
}
