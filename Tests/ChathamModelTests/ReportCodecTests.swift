import Foundation
import Testing
@testable import ChathamModel

@Suite struct ReportCodecTests {
    @Test func decodesDesignExampleExactlyAsWritten() throws {
        let r = try ReportCodec.decode(yamlOrJSON: designExampleYAML)
        #expect(r == designExample)
        #expect(ReportValidator.validate(r).isEmpty)
    }

    @Test func examplesFileIsDesignExampleAndValid() throws {
        let text = try String(contentsOf: repoRoot.appendingPathComponent("examples/report.yaml"), encoding: .utf8)
        let r = try ReportCodec.decode(yamlOrJSON: text)
        #expect(r == designExample)
        #expect(ReportValidator.validate(r) == [])
    }

    @Test func periodAndSectorAreStringsEvenUnquoted() throws {
        let yaml = designExampleYAML.replacingOccurrences(of: "sector: \"52\"", with: "sector: 52")
        #expect(yaml != designExampleYAML)
        let r = try ReportCodec.decode(yamlOrJSON: yaml)
        #expect(r.victim.sector == "52")
        #expect(r.period == "2026-10")
        // and in JSON a bare number for the sector is accepted too
        var json = String(decoding: ReportCodec.encodeJSON(designExample), as: UTF8.self)
        json = json.replacingOccurrences(of: "\"sector\":\"52\"", with: "\"sector\":52")
        #expect(try ReportCodec.decode(json: Array(json.utf8)).victim.sector == "52")
    }

    @Test func yesStaysTheStringYes() throws {
        let r = try ReportCodec.decode(yamlOrJSON: designExampleYAML)
        #expect(r.mitigations[0].effective == "yes")
    }

    @Test func jsonRoundTripIsCanonicalAndLossless() throws {
        let bytes = ReportCodec.encodeJSON(designExample)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("{\"actions\":[{\"category\":\"malware\",\"variety\":\"ransomware\",\"vector\":\"email-attachment\"}],\"actor\":"))
        #expect(!text.contains(" "+"\"") && !text.contains("\n"))
        #expect(text.contains("\"share_narrative\":false"))
        let back = try ReportCodec.decode(json: bytes)
        #expect(back == designExample)
        #expect(ReportCodec.encodeJSON(back) == bytes)
        // The same report through the YAML-or-JSON entry point.
        #expect(try ReportCodec.decode(yamlOrJSON: "  \n" + text) == designExample)
    }

    @Test func optionalMembersAreLeftOutAndListsDefaultToEmpty() throws {
        let minimal = """
        {"schema":"chatham.report/1","period":"2026-01","victim":{"sector":"unknown","size":"unknown","region":"unknown"},
         "actor":{"kind":"unknown"},"actions":[{"category":"unknown"}]}
        """
        let r = try ReportCodec.decode(yamlOrJSON: minimal)
        #expect(r.techniques == [] && r.assets == [] && r.mitigations == [] && r.id == nil && r.timeline == nil)
        #expect(ReportValidator.validate(r) == [])
        let text = String(decoding: ReportCodec.encodeJSON(r), as: UTF8.self)
        #expect(!text.contains("narrative") && !text.contains("\"id\"") && text.contains("\"techniques\":[]"))
    }

    @Test func yamlRoundTrip() throws {
        let yaml = ReportCodec.encodeYAML(designExample)
        #expect(yaml.contains("sector: \"52\""))
        #expect(yaml.contains("period: \"2026-10\""))
        #expect(yaml.contains("effective: \"yes\""))
        #expect(try ReportCodec.decode(yamlOrJSON: yaml) == designExample)
    }

    @Test func yamlRoundTripOfAwkwardText() throws {
        let narratives = [
            "line one\nline two\n\n  indented: yes # not a comment\n",
            "no trailing newline\nsecond",
            " leading space\nx",
            "trailing space \nx",
            "tabs\tand \"quotes\" and \\ backslash",
            "unicode: é ü 中文 😀 \u{2028} \u{85} \u{FEFF} end",
            "ends with two newlines\n\n",
            "- looks like a list",
            "yes",
            "",
            "#hash",
            "{not: a mapping}",
        ]
        for n in narratives {
            var r = designExample
            r.narrative = n
            r.victim.sector = "unknown"
            r.actor.motive = nil
            r.timeline = Timeline(dwell: "na")
            let yaml = ReportCodec.encodeYAML(r)
            let back = try ReportCodec.decode(yamlOrJSON: yaml)
            #expect(back == r, "narrative \(n.debugDescription) did not survive:\n\(yaml)")
        }
    }

    typealias Timeline = Report.Timeline

    @Test func unknownKeysAreRejectedWithTheirPath() {
        let cases: [(String, String, String)] = [
            ("share_narrative: false", "share_narative: false", "share_narative"),
            ("  region: europe", "  region: europe\n  country: GB", "victim.country"),
            ("{kind: external, motive: financial}", "{kind: external, motive: financial, name: X}", "actor.name"),
            ("vector: email-attachment}", "vector: email-attachment, varietty: x}", "actions[0].varietty"),
            ("containment: hours}", "containment: hours, start: 2026-10-01}", "timeline.start"),
            ("downtime: days}", "downtime: days, amount: 5}", "impact.amount"),
            ("effective: yes}", "effective: yes, note: x}", "mitigations[0].note"),
        ]
        for (from, to, path) in cases {
            let yaml = designExampleYAML.replacingOccurrences(of: from, with: to)
            #expect(yaml != designExampleYAML, "\(from) not found")
            let e = decodeError(yaml)
            #expect(e?.path == path, "expected \(path), got \(String(describing: e))")
            #expect(e?.message.hasPrefix(path + ": unknown field") == true)
        }
        // Same in JSON, for an array element past the first.
        var r = designExample
        r.actions.append(.init(category: "social", variety: "phishing"))
        let json = String(decoding: ReportCodec.encodeJSON(r), as: UTF8.self)
            .replacingOccurrences(of: "\"variety\":\"phishing\"", with: "\"variety\":\"phishing\",\"typo\":1")
        #expect(decodeError(json)?.path == "actions[1].typo")
    }

    @Test func missingAndMistypedMembersNameTheirPath() {
        let missing = designExampleYAML.replacingOccurrences(of: "  region: europe ", with: "  ")
        #expect(decodeError(missing)?.path == "victim.region")
        #expect(decodeError(missing)?.message.contains("required") == true)
        let mistyped = designExampleYAML.replacingOccurrences(of: "share_narrative: false", with: "share_narrative: [1]")
        #expect(decodeError(mistyped)?.path == "share_narrative")
        let notList = designExampleYAML.replacingOccurrences(of: "techniques: [T1566.001, T1486]", with: "techniques: {a: b}")
        #expect(decodeError(notList)?.path == "techniques")
        let jsonType = #"{"schema":"chatham.report/1","period":"2026-01","victim":{"sector":"52","size":"1-10","region":"asia"},"actor":{"kind":7},"actions":[]}"#
        #expect(decodeError(jsonType)?.path == "actor.kind")
    }

    @Test func malformedInputIsAValidationErrorNotACrash() {
        for bad in ["{", "{\"schema\": \"a\", \"schema\": \"b\"}", "[1,2]", "", "::: not yaml: [", "just a string",
                    "{\"a\":\"\\ud800\"}", "{\"narrative\": \"\u{1}\"}", "schema: a\nschema: b\n"] {
            let e = decodeError(bad)
            #expect(e != nil, "accepted \(bad.debugDescription)")
        }
        #expect(decodeError("{\"a\":1,\"a\":2}")?.message.contains("duplicate") == true)
        #expect(decodeError(String(repeating: "x", count: ReportCodec.maxSize + 1))?.message.contains("larger") == true)
    }
}

@Suite struct ReportCodecMessageTests {
    @Test func yamlSyntaxErrorsSayWhere() {
        let e = decodeError("schema: chatham.report/1\nvictim: [unclosed\n")
        #expect(e?.path == "")
        #expect(e?.message.hasPrefix("not valid YAML: ") == true, "\(String(describing: e))")
        let dup = decodeError(designExampleYAML + "period: 2026-11\n")
        #expect(dup?.message.contains("period") == true, "\(String(describing: dup))")
    }
}

extension ReportCodecMessageTests {
    @Test func yamlFlowMappingIsNotMistakenForJSON() throws {
        let flow = "{schema: chatham.report/1, period: 2026-10, victim: {sector: 52, size: 1-10, region: asia}, actor: {kind: internal}, actions: [{category: error, variety: misdelivery}]}"
        let r = try ReportCodec.decode(yamlOrJSON: flow)
        #expect(r.victim.sector == "52" && r.actions == [.init(category: "error", variety: "misdelivery")])
        #expect(ReportValidator.validate(r) == [])
        // Broken JSON still gets the JSON error.
        #expect(decodeError("{\"schema\": ")?.message.hasPrefix("not valid JSON") == true)
    }
}
