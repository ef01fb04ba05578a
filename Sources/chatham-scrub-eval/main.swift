import ChathamScrub
import Foundation

// Scores the scrubber on the labelled corpus (Tests/Fixtures/scrub):
// leak rate = identifying strings that survive (verbatim or folded) / all;
// over-redaction = facts lost / all. Exits 1 if a target is missed: the
// cases (written with the detectors) against issue 3's corpus targets (leak
// <= 1 %, over-redaction <= 3 %), the blind narratives (written before the
// scrubber ran on them: the held-out estimate) against the held-out targets
// (<= 2 %, <= 5 %).
// Usage: chatham-scrub-eval [DIR] [--verbose] [--set NAME] [--leak-max PCT] [--over-max PCT]
//        [--blind-leak-max PCT] [--blind-over-max PCT] [--dump FILE]
// --set NAME: score only that file set (cases, narratives, narratives2 …);
// without it, every set, with a line per set.
// --dump FILE: also write every scrubbed case with its findings to FILE, to
// compare two builds' output byte for byte.

var args = Array(CommandLine.arguments.dropFirst())
var verbose = false
var dump: String? = nil
var leakMax = 1.0, overMax = 3.0
var blindLeakMax = 2.0, blindOverMax = 5.0
var dir = "Tests/Fixtures/scrub"
var onlySet: String? = nil
while let a = args.first {
    args.removeFirst()
    switch a {
    case "-v", "--verbose": verbose = true
    case "--leak-max": leakMax = Double(args.removeFirst()) ?? leakMax
    case "--over-max": overMax = Double(args.removeFirst()) ?? overMax
    case "--blind-leak-max": blindLeakMax = Double(args.removeFirst()) ?? blindLeakMax
    case "--blind-over-max": blindOverMax = Double(args.removeFirst()) ?? blindOverMax
    case "--dump": dump = args.removeFirst()
    case "--set": onlySet = args.removeFirst()
    default: dir = a
    }
}

let corpus: ScrubCorpus
do {
    corpus = try ScrubCorpus.load(directory: URL(fileURLWithPath: dir))
} catch {
    FileHandle.standardError.write(Data("chatham-scrub-eval: \(error)\n".utf8))
    exit(2)
}
var scrubbers: [String: Scrubber] = [:]
for (name, profile) in corpus.profiles { scrubbers[name] = Scrubber(profile: profile) }

struct Tally { var ids = 0, leaked = 0, facts = 0, lost = 0, cases = 0 }
var total = Tally()
var byCategory: [String: Tally] = [:]
var byLanguage: [String: Tally] = [:]
var bySet: [String: Tally] = [:]
// Identifying strings by what they are (a rough reading of the label's
// shape), since a narrative mixes categories: (strings, leaked).
var byKind: [String: (Int, Int)] = [:]
var dumped = ""
for c in corpus.cases where onlySet == nil || c.set == onlySet {
    let result = scrubbers[c.profile]!.scrub(c.text)
    let out = result.text
    if dump != nil {
        dumped += "\(c.file):\(c.line)\n\(out)\n"
        for f in result.findings { dumped += "\(f.kind) \(f.start) \(f.end) \(f.replacement)\n" }
    }
    let o = ScrubCorpus.score(c, scrubbed: out)
    for id in c.identifying {
        let k = kindOfLabel(id, profile: corpus.profiles[c.profile]!)
        byKind[k, default: (0, 0)].0 += 1
        if o.leaked.contains(id) { byKind[k, default: (0, 0)].1 += 1 }
    }
    for key in [0, 1, 2, 3] {
        func add(_ t: inout Tally) {
            t.cases += 1; t.ids += c.identifying.count; t.leaked += o.leaked.count
            t.facts += c.keep.count; t.lost += o.lost.count
        }
        switch key {
        case 0: add(&total)
        case 1: add(&byCategory[c.category, default: Tally()])
        case 2: add(&bySet[c.set, default: Tally()])
        default: add(&byLanguage[c.language, default: Tally()])
        }
    }
    if verbose, !o.leaked.isEmpty || !o.lost.isEmpty {
        print("\(c.file):\(c.line) [\(c.category)]")
        print("  in:  \(c.text.replacingOccurrences(of: "\n", with: "\\n"))")
        print("  out: \(out.replacingOccurrences(of: "\n", with: "\\n"))")
        if !o.leaked.isEmpty { print("  LEAKED: \(o.leaked)") }
        if !o.lost.isEmpty { print("  LOST:   \(o.lost)") }
    }
}

if let dump { _ = FileManager.default.createFile(atPath: dump, contents: Data(dumped.utf8)) }

func pct(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : 100 * Double(a) / Double(b) }
func row(_ name: String, _ t: Tally) -> String {
    let n = name.padding(toLength: 28, withPad: " ", startingAt: 0)
    return n + String(format: "%4d cases  leak %3d/%-4d %6.2f%%  over-redaction %3d/%-4d %6.2f%%",
                      t.cases, t.leaked, t.ids, pct(t.leaked, t.ids), t.lost, t.facts, pct(t.lost, t.facts))
}
print("by category:")
for (k, t) in byCategory.sorted(by: { $0.key < $1.key }) { print("  " + row(k, t)) }
print("by kind of identifying string (leaked/all):")
for (k, v) in byKind.sorted(by: { $0.key < $1.key }) {
    print("  " + k.padding(toLength: 28, withPad: " ", startingAt: 0) + String(format: "%3d/%-4d %6.2f%%", v.1, v.0, pct(v.1, v.0)))
}
print("by set:")
for (k, t) in bySet.sorted(by: { $0.key < $1.key }) { print("  " + row(k, t)) }
print("by language:")
for (k, t) in byLanguage.sorted(by: { $0.key < $1.key }) { print("  " + row(k, t)) }
print(row("TOTAL", total))
// The two parts against their own targets.
var blind = Tally()
for (k, t) in bySet where k != "cases" {
    blind.cases += t.cases; blind.ids += t.ids; blind.leaked += t.leaked; blind.facts += t.facts; blind.lost += t.lost
}
var met = true
for (name, t, maxLeak, maxOver) in [("cases (written with the detectors)", bySet["cases"], leakMax, overMax),
                                    ("blind narratives (held-out estimate)", blind.cases > 0 ? blind : nil, blindLeakMax, blindOverMax)] {
    guard let t else { continue }
    let leak = pct(t.leaked, t.ids), over = pct(t.lost, t.facts)
    print(name + String(format: ": leak rate %.2f%% (target <= %.1f%%), over-redaction %.2f%% (target <= %.1f%%)",
                        leak, maxLeak, over, maxOver))
    if leak > maxLeak || over > maxOver { met = false }
}
exit(met ? 0 : 1)

/// What an identifying label is, read from its shape (for the by-kind table
/// only; the scoring does not depend on it).
func kindOfLabel(_ id: String, profile: MemberProfile) -> String {
    let folded = ScrubCorpus.fold(id)
    let entries = profile.organisationNames + profile.organisationAliases + profile.people
        + profile.locations + profile.terms + profile.domains.map { String($0.split(separator: ".").first ?? "") }
    let lower = id.lowercased()
    if lower.contains("@") || lower.contains("(at)") || lower.contains("[@]") { return "email" }
    if lower.hasPrefix("hxxp") || lower.contains("://") { return "url" }
    if id.contains("\\") { return "account (DOMAIN\\user)" }
    let digits = id.filter(\.isNumber).count
    let letters = id.filter(\.isLetter).count
    if id.hasPrefix("+") || (digits >= 8 && letters == 0 && (id.contains(" ") || id.contains("(") || id.hasPrefix("0")) && !id.contains(":")) { return "phone or account" }
    if id.contains(":") && letters <= 12 && digits > 0 { return id.contains(".") || id.filter({ $0 == ":" }).count >= 2 ? "ip / mac" : "ip / mac" }
    if digits > 0 && letters == 0 && (id.contains(".") || id.contains("[.]") || id.contains("/")) { return "ip" }
    if letters >= 2, id.prefix(2).allSatisfy(\.isLetter), id.prefix(2).allSatisfy(\.isUppercase), digits >= 10 { return "iban" }
    if id.count == 36 && id.filter({ $0 == "-" }).count == 4 { return "cloud id" }
    if digits > 0 && letters == 0 { return "number (account, badge, cloud)" }
    if id.contains(".") && !id.contains(" ") { return "domain / host" }
    if digits > 0 || (id.contains("-") && !id.contains(" ") && id == id.uppercased()) || id.hasPrefix("@") { return "host / ticket / handle" }
    if entries.contains(where: { !$0.isEmpty && folded.contains(ScrubCorpus.fold($0)) || ScrubCorpus.fold($0).contains(folded) }) {
        return "profile entry"
    }
    return "person (not in profile)"
}
