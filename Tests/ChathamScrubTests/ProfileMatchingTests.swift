import Testing
@testable import ChathamScrub

/// Profile entries in every spelling DESIGN asks for, the keep list, and
/// entries inside e-mails, URLs, domains and host names.
@Suite struct ProfileMatchingTests {
    private func scrubbed(_ text: String) -> String { designScrubber.scrub(text).text }

    @Test func organisationVariants() {
        #expect(scrubbed("Acme Bank plc was hit") == "[ORG] was hit")
        #expect(scrubbed("ACME BANK was hit") == "[ORG] was hit")
        #expect(scrubbed("acme  bank was hit") == "[ORG] was hit")
        #expect(scrubbed("acme-bank was hit") == "[ORG] was hit")
        #expect(scrubbed("Acme_Bank was hit") == "[ORG] was hit")
        #expect(scrubbed("acmebank was hit") == "[ORG] was hit")
        #expect(scrubbed("AcmeBank's SOC") == "[ORG] SOC")
        #expect(scrubbed("Acme Bank’s SOC") == "[ORG] SOC")
        #expect(scrubbed("Acme\nBank") == "[ORG]")
        #expect(scrubbed("Acme Financial Group and AFG's staff") == "[ORG] and [ORG] staff")
        #expect(scrubbed("the ACMEs") == "the [ORG]")
    }

    @Test func hostileUnicode() {
        #expect(scrubbed("Ac\u{200B}me Bank") == "[ORG]")
        #expect(scrubbed("ＡＣＭＥ Bank") == "[ORG]")
        #expect(scrubbed("Acmé Bank") == "[ORG]")
        #expect(scrubbed("Ac\u{00AD}me") == "[ORG]")
        #expect(scrubbed("Acme\u{00A0}Bank") == "[ORG]")
        #expect(scrubbed("Leeds\u{2011}based") == "[LOCATION]\u{2011}based")
    }

    @Test func nonLatinAndPunctuatedEntries() {
        let scrubber = Scrubber(profile: MemberProfile(organisationNames: ["Акме Банк", "AT&T"], people: ["Zoë Müller"],
                                                       locations: ["Köln"]), numbered: false)
        #expect(scrubber.scrub("в АКМЕ-БАНК и акмебанк").text == "в [ORG] и [ORG]")
        #expect(scrubber.scrub("AT&T and at & t, not at t").text == "[ORG] and [ORG], not at t")
        #expect(scrubber.scrub("zoe muller from KOLN").text == "[PERSON] from [LOCATION]")
        #expect(scrubber.scrub("Müller's desk").text == "[PERSON] desk")
    }

    @Test func legalSuffixVariants() {
        let scrubber = Scrubber(profile: MemberProfile(organisationNames: ["The Widget Holdings Ltd"]), numbered: false)
        #expect(scrubber.scrub("Widget Holdings Ltd, Widget Holdings and Widget were hit").text
                == "[ORG], [ORG] and [ORG] were hit")
    }

    @Test func sectorSecondLevelDomainsNameNoMember() {
        // "nhs" of northgate-health.nhs.uk is every NHS body's, not the member's name.
        let scrubber = Scrubber(profile: MemberProfile(domains: ["northgate-health.nhs.uk"]), numbered: false)
        #expect(scrubber.scrub("NHS numbers went to northgate-health.nhs.uk and Northgate-Health staff").text
                == "NHS numbers went to [DOMAIN] and [ORG] staff")
    }

    @Test func shortAliasesOnlyAsWords() {
        #expect(scrubbed("AFG staff") == "[ORG] staff")
        #expect(scrubbed("afg-led") == "[ORG]-led")
        #expect(scrubbed("Afghanistan") == "Afghanistan")
        #expect(scrubbed("a fg b") == "a fg b")
    }

    @Test func people() {
        #expect(scrubbed("Jane Doe called") == "[PERSON] called")
        #expect(scrubbed("JANE-DOE called") == "[PERSON] called")
        #expect(scrubbed("janedoe called") == "[PERSON] called")
        #expect(scrubbed("Doe said") == "[PERSON] said")
        #expect(scrubbed("ask Rajesh.") == "ask [PERSON].")
        #expect(scrubbed("Kumar's laptop") == "[PERSON] laptop")
        #expect(scrubbed("user jdoe logged in") == "user [PERSON] logged in")
        #expect(scrubbed("Doe, Jane") == "[PERSON], [PERSON]")
        // Name fragments match whole words only.
        #expect(scrubbed("Rio de Janeiro and doesn't") == "Rio de Janeiro and doesn't")
    }

    @Test func locationsAndTerms() {
        #expect(scrubbed("our Leeds office") == "our [LOCATION] office")
        #expect(scrubbed("Project Nightjar and project-nightjar and projectnightjar")
                == "[TERM] and [TERM] and [TERM]")
        #expect(scrubbed("the AcmePay app and Acme Pay") == "the [TERM] app and [TERM]")
        #expect(scrubbed("AcmePayments") == "[TERM]")
    }

    @Test func insideEmailsURLsDomainsAndHosts() {
        #expect(scrubbed("jane.doe@acmebank.co.uk wrote") == "[EMAIL] wrote")
        #expect(scrubbed("soc@acme.local") == "[EMAIL]")
        #expect(scrubbed("https://portal.acmebank.co.uk/login") == "[URL]")
        #expect(scrubbed("vpn.acmebank.co.uk") == "[DOMAIN]")
        #expect(scrubbed("acmebank.co.uk.") == "[DOMAIN].")
        #expect(scrubbed("files on fs1.acme.example") == "files on [DOMAIN]")
        #expect(scrubbed("dc01.corp.acme.local") == "[HOST]")
        #expect(scrubbed("corp.acme.local") == "[HOST]")
        #expect(scrubbed("ACME-DC01 and acme-web-02 went down") == "[HOST] and [HOST] went down")
        #expect(scrubbed("\\\\ACME-FS01\\share") == "\\\\[HOST]\\share")
        #expect(scrubbed("acmebank.local/path") == "[URL]")
    }

    @Test func profileNetworks() {
        #expect(scrubbed("our 203.0.113 range") == "our [IP] range")
        #expect(scrubbed("our 198.51.100 range") == "our 198.51.100 range")
        #expect(scrubbed("203.0.113.5 and 2001:db8:ac::5") == "[IP] and [IP]")
    }

    @Test func keepList() {
        let profile = MemberProfile(organisationAliases: ["Cobalt", "Lock"], terms: ["Strike Team", "Mimikatz"],
                                    keep: ["Nightjar"])
        let scrubber = Scrubber(profile: profile, numbered: false)
        #expect(scrubber.scrub("Cobalt Strike and cobalt-strike beacons").text == "Cobalt Strike and cobalt-strike beacons")
        #expect(scrubber.scrub("Cobalt alone").text == "[ORG] alone")
        #expect(scrubber.scrub("Mimikatz dumped").text == "Mimikatz dumped")
        #expect(scrubber.scrub("LockBit's note").text == "LockBit's note")
        // Partial overlap with a keep span: privacy wins.
        #expect(scrubber.scrub("Strike Team").text == "[TERM]")
    }

    @Test func profileKeepOverridesProfileTerms() {
        let scrubber = Scrubber(profile: MemberProfile(terms: ["Nightjar"], keep: ["Nightjar"]), numbered: false)
        #expect(scrubber.scrub("Nightjar").text == "Nightjar")
    }

    @Test func builtInIdentifiersKept() {
        let scrubber = Scrubber(profile: MemberProfile(organisationAliases: ["T1566", "M1032", "CVE"],
                                                       hostnames: ["T15*", "TA*"]), numbered: false)
        let text = "CVE-2024-3400 via T1566.001 and T1566, TA0001, M1032, S0002"
        #expect(scrubber.scrub(text).text == text)
        #expect(scrubber.scrub("CVE-24-1 and T15-x").text == "[ORG]-24-1 and [HOST]")
    }

    @Test func builtInNamesKeptFromDetectors() {
        #expect(emptyScrubber.scrub("built with ASP.NET and Node.js").text == "built with ASP.NET and Node.js")
        #expect(emptyScrubber.scrub("Volt Typhoon, QakBot, Emotet").text == "Volt Typhoon, QakBot, Emotet")
    }

    @Test func findingOffsetsPointAtOriginal() {
        let text = "Zoë at Acme Bank’s 🏦 Leeds site mailed jane@acmebank.co.uk from 203.0.113.9 👍 via ACME-VPN1."
        let result = designScrubber.scrub(text)
        #expect(covered(text, result) == ["Acme Bank’s", "Leeds", "jane@acmebank.co.uk", "203.0.113.9", "ACME-VPN1"])
        #expect(kinds(result) == ["org", "location", "email", "ip", "host"])
        #expect(result.text == "Zoë at [ORG] 🏦 [LOCATION] site mailed [EMAIL] from [IP] 👍 via [HOST].")
        #expect(result.findings.map(\.replacement) == ["[ORG]", "[LOCATION]", "[EMAIL]", "[IP]", "[HOST]"])
        // Scalar offsets, not Characters or UTF-8: "Zoë at " is 7 scalars.
        #expect(result.findings[0].start == 7)
    }

    @Test func combiningCharactersCountAsScalars() {
        let text = "Zoe\u{301} and Leeds"
        let result = designScrubber.scrub(text)
        #expect(result.findings.first?.start == 9)
        #expect(covered(text, result) == ["Leeds"])
    }

    @Test func overlapsMergeLongestWins() {
        let result = designScrubber.scrub("Jane Doe@example.com")
        #expect(result.text == "[EMAIL]")
        #expect(kinds(result) == ["email"])
    }

    @Test func findingJSONShape() throws {
        let data = try JSONEncoder().encode(Finding(kind: "org", start: 1, end: 5, replacement: "[ORG]"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(Set(object?.keys ?? [:].keys) == ["kind", "start", "end", "replacement"])
    }
}

import Foundation

extension ProfileMatchingTests {
    /// A particle of a listed person's name ("Le" of "Sandrine Le Goff") is
    /// not a name part on its own: French articles stay.
    @Test func particlesOfListedNamesAreNotNameParts() {
        let scrubber = Scrubber(profile: MemberProfile(people: ["Sandrine Le Goff", "Pieter van der Berg"]), numbered: false)
        #expect(scrubber.scrub("Le prestataire a relancé le serveur").text == "Le prestataire a relancé le serveur")
        #expect(scrubber.scrub("the van was parked, der Server lief").text == "the van was parked, der Server lief")
        #expect(scrubber.scrub("Sandrine Le Goff a vu le serveur; Goff a appelé").text == "[PERSON] a vu le serveur; [PERSON] a appelé")
        #expect(scrubber.scrub("Pieter called, then Berg").text == "[PERSON] called, then [PERSON]")
    }
}
