import Foundation

/// A labelled evaluation corpus for the scrubber (Tests/Fixtures/scrub, format
/// in its README): sentences with identifying strings that must not survive and
/// facts that must. Public so that the `chatham-scrub-eval` tool and the tests
/// score exactly the same way.
public struct ScrubCorpus: Sendable {
    /// One labelled sentence.
    public struct Case: Sendable {
        public var file: String
        public var line: Int
        public var language: String
        public var category: String
        public var profile: String
        public var text: String
        /// Must not survive scrubbing, verbatim or folded.
        public var identifying: [String]
        /// Must survive verbatim.
        public var keep: [String]
        /// The file set: "cases" or "narratives" (the file name's prefix).
        public var set: String { String(file.prefix { $0 != "-" }) }
    }

    public var cases: [Case]
    public var profiles: [String: MemberProfile]

    /// The file sets a corpus directory may hold: `cases-*.txt` (short
    /// sentences written alongside the detectors), `narratives-*.txt`
    /// (multi-sentence narratives written blind, before the scrubber was run
    /// on them: the held-out estimate), `narratives2-*.txt`,
    /// `narratives3-*.txt` … `narratives40-*.txt` (later blind rounds, each
    /// written after an earlier round's fixes).
    public static let sets = ["cases", "narratives", "narratives2", "narratives3", "narratives4", "narratives5", "narratives6", "narratives7", "narratives8", "narratives9", "narratives10", "narratives11", "narratives12", "narratives13", "narratives14", "narratives15", "narratives16", "narratives17", "narratives18", "narratives19", "narratives20", "narratives21", "narratives22", "narratives23", "narratives24", "narratives25", "narratives26", "narratives27", "narratives28", "narratives29", "narratives30", "narratives31", "narratives32", "narratives33", "narratives34", "narratives35", "narratives36", "narratives37", "narratives38", "narratives39", "narratives40"]

    /// Reads `profiles/*.yaml` and the `sets`' files under `directory`.
    public static func load(directory: URL) throws -> ScrubCorpus {
        let fm = FileManager.default
        var profiles: [String: MemberProfile] = [:]
        let profileDir = directory.appendingPathComponent("profiles")
        for name in try fm.contentsOfDirectory(atPath: profileDir.path).sorted() where name.hasSuffix(".yaml") {
            let yaml = try String(contentsOf: profileDir.appendingPathComponent(name), encoding: .utf8)
            profiles[String(name.dropLast(5))] = try MemberProfile.parse(yaml: yaml)
        }
        var cases: [Case] = []
        for name in try fm.contentsOfDirectory(atPath: directory.path).sorted()
        where sets.contains(where: { name.hasPrefix($0 + "-") }) && name.hasSuffix(".txt") {
            let body = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            var profile = "", language = "", category = ""
            for (n, raw) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty { continue }
                if line.hasPrefix("@profile ") { profile = String(line.dropFirst(9)); continue }
                if line.hasPrefix("@lang ") { language = String(line.dropFirst(6)); continue }
                if line.hasPrefix("## ") { category = String(line.dropFirst(3)); continue }
                if line.hasPrefix("#") { continue }
                guard profiles[profile] != nil else {
                    throw ScrubError(.invalidValue, "\(name):\(n + 1): unknown profile '\(profile)'")
                }
                let (text, ids, keep) = parse(line.replacingOccurrences(of: "\\n", with: "\n"))
                cases.append(Case(file: name, line: n + 1, language: language, category: category,
                                  profile: profile, text: text, identifying: ids, keep: keep))
            }
        }
        return ScrubCorpus(cases: cases, profiles: profiles)
    }

    /// Strips the `{{…}}` and `<<…>>` marks, returning the text and the labels.
    static func parse(_ line: String) -> (String, [String], [String]) {
        var text = "", ids: [String] = [], keep: [String] = []
        var rest = Substring(line)
        while !rest.isEmpty {
            let open = [rest.range(of: "{{"), rest.range(of: "<<")].compactMap { $0 }.min { $0.lowerBound < $1.lowerBound }
            guard let open else { text += rest; break }
            text += rest[..<open.lowerBound]
            let isID = rest[open] == "{{"
            let closeMark = isID ? "}}" : ">>"
            guard let close = rest[open.upperBound...].range(of: closeMark) else { text += rest[open.lowerBound...]; break }
            let label = String(rest[open.upperBound..<close.lowerBound])
            text += label
            if isID { ids.append(label) } else { keep.append(label) }
            rest = rest[close.upperBound...]
        }
        return (text, ids, keep)
    }

    /// The result of scoring one case.
    public struct Outcome: Sendable {
        public var scrubbed: String
        public var leaked: [String]
        public var lost: [String]
    }

    /// Scores `scrubbed` against a case's labels.
    public static func score(_ c: Case, scrubbed: String) -> Outcome {
        // Facts to keep are taken out first: "Cobalt" (the member) must not
        // count as leaked because "Cobalt Strike" (the tool) stayed.
        var rest = scrubbed
        for k in c.keep.sorted(by: { $0.count > $1.count }) { rest = rest.replacingOccurrences(of: k, with: " ") }
        let foldedOut = " " + fold(rest) + " "
        var leaked: [String] = []
        for id in c.identifying {
            let f = fold(id)
            let spaced = f.unicodeScalars.contains { $0.value > 0x2FFF } ? f : " " + f + " "
            if rest.contains(id) || (!f.isEmpty && foldedOut.contains(spaced)) { leaked.append(id) }
        }
        var lost: [String] = []
        var needed: [String: Int] = [:]
        for k in c.keep { needed[k, default: 0] += 1 }
        for (k, n) in needed.sorted(by: { $0.key < $1.key }) {
            let have = scrubbed.components(separatedBy: k).count - 1
            if have < n { lost.append(contentsOf: Array(repeating: k, count: n - have)) }
        }
        return Outcome(scrubbed: scrubbed, leaked: leaked, lost: lost)
    }

    /// Case, accent and width folded; every run of other characters one space.
    public static func fold(_ s: String) -> String {
        let f = s.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = String.UnicodeScalarView()
        var space = false
        for c in f.unicodeScalars {
            if c.properties.isAlphabetic || c.properties.numericType != nil {
                if space, !out.isEmpty { out.append(" ") }
                space = false
                out.append(c)
            } else {
                space = true
            }
        }
        return String(out)
    }
}
