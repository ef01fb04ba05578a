import Testing
@testable import ChathamScrub

@Suite struct ProfileParseTests {
    @Test func parsesDesignExample() throws {
        let p = try MemberProfile.parse(yaml: designProfileYAML)
        #expect(p.organisationNames == ["Acme Bank plc", "Acme Financial Group"])
        #expect(p.organisationAliases == ["ACME", "AFG"])
        #expect(p.domains == ["acmebank.co.uk", "corp.acme.local"])
        #expect(p.networks == ["203.0.113.0/24", "2001:db8:ac::/48"])
        #expect(p.people == ["Jane Doe", "Rajesh Kumar"])
        #expect(p.hostnames == ["ACME-*", "*.corp.acme.local"])
        #expect(p.locations == ["Leeds"])
        #expect(p.terms == ["Project Nightjar", "AcmePay"])
        #expect(p.keep == ["LockBit", "Cobalt Strike"])
    }

    @Test func emptyAndPartialProfiles() throws {
        #expect(try MemberProfile.parse(yaml: "") == .empty)
        #expect(try MemberProfile.parse(yaml: "# nothing yet\n") == .empty)
        let p = try MemberProfile.parse(yaml: "people:\nterms: [Nightjar]\norganisation:\n  aliases: [ACME]\n")
        #expect(p.people.isEmpty)
        #expect(p.terms == ["Nightjar"])
        #expect(p.organisationAliases == ["ACME"])
        #expect(p.organisationNames.isEmpty)
    }

    @Test func blockListsAndQuotedValues() throws {
        let p = try MemberProfile.parse(yaml: """
            people:
              - "Jane Doe"
              - 'O''Brien'
            networks:
              - 10.1.2.3
            """)
        #expect(p.people == ["Jane Doe", "O'Brien"])
        #expect(p.networks == ["10.1.2.3"])
    }

    private func parseError(_ yaml: String) -> ScrubError? {
        do {
            _ = try MemberProfile.parse(yaml: yaml)
            return nil
        } catch let error as ScrubError {
            return error
        } catch {
            return nil
        }
    }

    @Test func rejectsUnknownTopLevelKeyWithHint() throws {
        let error = try #require(parseError("peple: [Jane Doe]\n"))
        #expect(error.code == .unknownKey)
        #expect(error.message.contains("'peple'"))
        #expect(error.message.contains("did you mean 'people'"))
    }

    @Test func rejectsAmericanSpellingWithHint() throws {
        let error = try #require(parseError("organization:\n  names: [Acme]\n"))
        #expect(error.code == .unknownKey)
        #expect(error.message.contains("did you mean 'organisation'"))
    }

    @Test func rejectsUnknownOrganisationKey() throws {
        let error = try #require(parseError("organisation:\n  name: [Acme]\n"))
        #expect(error.code == .unknownKey)
        #expect(error.message.contains("organisation.name"))
        #expect(error.message.contains("organisation.names"))
    }

    @Test func rejectsWrongShapes() throws {
        #expect(parseError("people: Jane Doe\n")?.code == .invalidValue)
        #expect(parseError("organisation: [Acme]\n")?.code == .invalidValue)
        #expect(parseError("people: [[Jane]]\n")?.code == .invalidValue)
        #expect(parseError("people: ['']\n")?.code == .invalidValue)
        #expect(parseError("- a\n- b\n")?.code == .invalidYAML)
        #expect(parseError("people: [unclosed\n")?.code == .invalidYAML)
    }

    @Test func rejectsBadNetworksDomainsAndGlobs() throws {
        let net = try #require(parseError("networks: [203.0.113.0/24, 300.1.1.1]\n"))
        #expect(net.code == .invalidValue)
        #expect(net.message.contains("networks[1]"))
        #expect(parseError("networks: [10.0.0.0/33]\n")?.code == .invalidValue)
        #expect(parseError("networks: [\"2001:db8::/129\"]\n")?.code == .invalidValue)
        #expect(parseError("domains: [https://acme.com/]\n")?.message.contains("domains[0]") == true)
        #expect(parseError("domains: [acme]\n")?.code == .invalidValue)
        #expect(parseError("hostnames: [\"*\"]\n")?.message.contains("hostnames[0]") == true)
        #expect(parseError("hostnames: [\"ACME DC*\"]\n")?.code == .invalidValue)
    }

    @Test func rejectsDuplicateKeys() throws {
        #expect(parseError("people: [A B]\npeople: [C D]\n") != nil)
    }

    @Test func networksParse() {
        #expect(IPNetwork("203.0.113.0/24") == IPNetwork("203.0.113.0/24"))
        #expect(IPNetwork("2001:db8:ac::/48")?.prefix == 48)
        #expect(IPNetwork("::1")?.bytes == [UInt8](repeating: 0, count: 15) + [1])
        #expect(IPNetwork("::ffff:192.0.2.1")?.bytes.suffix(4) == [192, 0, 2, 1])
        #expect(IPNetwork("1.2.3") == nil)
        #expect(IPNetwork("1:2:3:4:5:6:7:8:9") == nil)
        #expect(IPNetwork("1::2::3") == nil)
    }

    @Test func codableRoundTrip() throws {
        let data = try JSONEncoder().encode(designProfile)
        #expect(try JSONDecoder().decode(MemberProfile.self, from: data) == designProfile)
    }
}

import Foundation
