import Testing
@testable import ChathamScrub
import ChathamTestKit

@Suite struct PropertyTests {
    /// Entries that must never survive, as written in the profile.
    static let secrets: [String] = designProfile.organisationNames + designProfile.organisationAliases
        + designProfile.domains + designProfile.people + designProfile.locations + designProfile.terms

    static let fillers = [
        "the", "attackers", "used", "phishing", "to", "reach", "our", "team", "in", "and", "then", "after",
        "three", "days", "encrypted", "servers", "with", "LockBit", "Cobalt Strike", "via", "T1566.001",
        "CVE-2024-3400", "we", "restored", "from", "backups", "on", "Monday", "November", "(", ")", ",", ".",
        "invoice.pdf", "version 1.2.3",
    ]

    static func variant(_ entry: String, _ rng: inout SplitMix64) -> String {
        let words = entry.split(separator: " ").map(String.init)
        let joiners = [" ", "-", "_", "", "  ", "\u{200B}", " - ", "\n", "\u{00A0}", "\u{2010}"]
        let joiner = joiners.randomElement(using: &rng)!
        var text = words.joined(separator: joiner)
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: text = text.lowercased()
        case 1: text = text.uppercased()
        case 2: text = String(text.map { Bool.random(using: &rng) ? Character($0.uppercased()) : Character($0.lowercased()) })
        default: break
        }
        let suffix = ["", "", "'s", "’s"].randomElement(using: &rng)!
        let domainish = squashed(entry)
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: return "soc.\(domainish)@example.com"
        case 1: return "https://\(domainish).example.org/a?b=\(domainish)"
        case 2: return "\(domainish).example.net"
        case 3: return "mail@\(domainish).co.uk"
        case 4: return "(\(text)\(suffix))"
        default: return text + suffix
        }
    }

    static func sentence(_ rng: inout SplitMix64) -> (text: String, secrets: Bool) {
        var parts: [String] = []
        var hasSecret = false
        for _ in 0..<Int.random(in: 4...14, using: &rng) {
            let roll = Int.random(in: 0..<10, using: &rng)
            if roll < 3 {
                parts.append(variant(secrets.randomElement(using: &rng)!, &rng))
                hasSecret = true
            } else if roll == 3 {
                parts.append("203.0.113.\(Int.random(in: 0...255, using: &rng))")
            } else {
                parts.append(fillers.randomElement(using: &rng)!)
            }
        }
        return (parts.joined(separator: " "), hasSecret)
    }

    @Test func generatorFillersContainNoSecrets() {
        // The property below squashes whole texts; make sure fillers alone
        // never spell a secret across word boundaries.
        let all = squashed(Self.fillers.joined()) + squashed(Self.fillers.reversed().joined())
        for secret in Self.secrets { #expect(!all.contains(squashed(secret)), "\(secret)") }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func scrubbedSentencesContainNoProfileEntry(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<250 {
            let (text, _) = Self.sentence(&rng)
            let result = designScrubber.scrub(text)
            let lower = result.text.lowercased()
            let flat = squashed(result.text)
            for secret in Self.secrets {
                #expect(!lower.contains(secret.lowercased()), "\(secret) survives in: \(result.text)\nfrom: \(text)")
                #expect(!flat.contains(squashed(secret)), "\(secret) survives squashed in: \(result.text)\nfrom: \(text)")
            }
            #expect(!result.text.contains("203.0.113"), "network survives in: \(result.text)")
            #expect(result.text.contains("LockBit") == text.contains("LockBit"), "from: \(text)\nto: \(result.text)")
            #expect(result.text.contains("CVE-2024-3400") == text.contains("CVE-2024-3400"), "from: \(text)\nto: \(result.text)")
            #expect(result.text.contains("invoice.pdf") == text.contains("invoice.pdf"), "from: \(text)\nto: \(result.text)")
            checkInvariants(text, result, designScrubber)
        }
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func hostileRandomTextKeepsInvariants(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let alphabet: [String] = ["a", "c", "m", "e", "A", "F", "G", "1", "0", "2", ".", ":", "/", "@", "-", "_", " ",
                                  "[", "]", "ORG", "'", "s", "x", "*", "\u{200B}", "\u{301}", "é", "ß", "Ａ", "🏦",
                                  "acme", "bank", "com", "uk", "::", "203", "113", "http", "Doe", "\n", "%", "\\",
                                  "Jane", "Leeds", "https://", "www.", ".co.uk", "LockBit", "T1566", ".001", "CVE-2024-",
                                  "3400", "’s", "(", ")", "local", "corp", "ACME-", "DC01", "pdf", "exe", "255", "fe80",
                                  "[IP]", "x.", "/24"]
        for _ in 0..<1500 {
            let text = (0..<Int.random(in: 0...30, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
            checkInvariants(text, designScrubber.scrub(text), designScrubber)
            checkInvariants(text, emptyScrubber.scrub(text), emptyScrubber)
        }
    }

    @Test func idempotentOnExamples() {
        let texts = [
            "Jane Doe (jane.doe@acmebank.co.uk) saw 203.0.113.4 beacon to https://evil.example.com/x.",
            "ACME-DC01.corp.acme.local and AcmePay at Leeds; Doe's notes in report.docx",
            "[ORG] [ORG]s [PERSON]'s [IP]/24 [EMAIL].com [DOMAIN]-bank",
            "",
        ]
        for text in texts {
            let once = designScrubber.scrub(text).text
            #expect(designScrubber.scrub(once).text == once, "\(text)")
        }
    }

    func checkInvariants(_ text: String, _ result: ScrubResult, _ scrubber: Scrubber,
                         sourceLocation: SourceLocation = #_sourceLocation) {
        let count = text.unicodeScalars.count
        var cursor = 0
        for f in result.findings {
            #expect(f.start >= cursor && f.end > f.start && f.end <= count, "bad range \(f) in \(text.debugDescription)",
                    sourceLocation: sourceLocation)
            cursor = f.end
        }
        #expect(Scrubber.redact(Array(text.unicodeScalars), result.findings) == result.text, sourceLocation: sourceLocation)
        let again = scrubber.scrub(result.text)
        #expect(again.text == result.text, "not idempotent: \(text.debugDescription) → \(result.text.debugDescription) → \(again.text.debugDescription)",
                sourceLocation: sourceLocation)
    }
}
