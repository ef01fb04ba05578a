import Testing
@testable import ChathamScrub

/// The example profile from DESIGN.md ("Member profile").
let designProfileYAML = """
organisation:
  names: [Acme Bank plc, Acme Financial Group]
  aliases: [ACME, AFG]
domains: [acmebank.co.uk, corp.acme.local]
networks: [203.0.113.0/24, "2001:db8:ac::/48"]
people: [Jane Doe, Rajesh Kumar]
hostnames: ["ACME-*", "*.corp.acme.local"]
locations: [Leeds]
terms: [Project Nightjar, AcmePay]
keep: [LockBit, Cobalt Strike]
"""

let designProfile = try! MemberProfile.parse(yaml: designProfileYAML)
/// Plain placeholders ("[ORG]") keep the older expectations readable;
/// `numberedScrubber` checks the default, numbered form.
let designScrubber = Scrubber(profile: designProfile, numbered: false)
let emptyScrubber = Scrubber(profile: .empty, numbered: false)
let numberedScrubber = Scrubber(profile: designProfile)

/// The original text each finding covers, by scalar offsets.
func covered(_ original: String, _ result: ScrubResult) -> [String] {
    let scalars = Array(original.unicodeScalars)
    return result.findings.map { f in
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[f.start..<f.end])
        return String(view)
    }
}

func kinds(_ result: ScrubResult) -> [String] { result.findings.map(\.kind) }

/// Lower-cased with every non-alphanumeric character removed.
func squashed(_ s: String) -> String {
    String(s.lowercased().unicodeScalars.filter { ScalarClass.isAlnum($0) }.map(Character.init))
}

/// Scrubs `text` with the empty profile and expects exactly `expected`:
/// (kind, removed text) in text order. The detector suites' one check.
func check(_ text: String, _ expected: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) {
    let result = emptyScrubber.scrub(text)
    let got = zip(covered(text, result), kinds(result)).map { "\($1):\($0)" }
    #expect(got == expected.map { "\($0.0):\($0.1)" }, "in: \(text)", sourceLocation: sourceLocation)
}
