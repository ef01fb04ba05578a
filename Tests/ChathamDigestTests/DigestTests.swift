import ChathamCrypto
@testable import ChathamDigest
import ChathamModel
import Foundation
import Testing

@Suite struct CSVTests {
    @Test func parsesBackIntoTheRelease() throws {
        let bytes = CSVDigest.render(Fixtures.release)
        let parsed = try CSVDigest.parse(bytes)
        #expect(parsed.period == Fixtures.release.period)
        #expect(parsed.tables.count == Fixtures.release.tables.count)
        for (a, b) in zip(parsed.tables, Fixtures.release.tables) {
            #expect(a.name == b.name)
            #expect(a.dimensions == b.dimensions)
            #expect(a.cells == b.cells)
        }
    }

    @Test func isRFC4180() throws {
        let text = String(decoding: CSVDigest.render(Fixtures.release), as: UTF8.self)
        #expect(text.hasPrefix("period,table,action.category,victim.sector,action.variety,technique,"))
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(text.contains("2026-10,action-by-sector,social,52,,,,,,,,,,,,suppressed\r\n"))
    }

    @Test func quotedFieldsRoundTrip() throws {
        var r = Fixtures.release
        r.tables = [.init(name: "odd", dimensions: ["x"], cells: [.published(["x": "a,\"b\"\nc"], count: 5), .published(["x": "*"], count: 5)])]
        let bytes = CSVDigest.render(r)
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"a,\"\"b\"\"\nc\""))
        #expect(try CSVDigest.parse(bytes).tables[0].cells == r.tables[0].cells)
    }

    @Test func rejectsMalformed() {
        for bad in ["period,table,count,status\r\n2026-10,t,\"x,published\r\n",  // unterminated quote
                    "period,table,x,count,status\r\n2026-10,t,a,,published\r\n",  // published without count
                    "period,table,x,count,status\r\n2026-10,t,a,3,suppressed\r\n",  // suppressed with count
                    "period,table,x,count,status\r\n2026-10,t,a,3\r\n",  // short record
                    "foo,bar\r\n"] {
            #expect(throws: CSVDigest.ParseError.self) { try CSVDigest.parse(Array(bad.utf8)) }
        }
    }
}

@Suite struct FrequencyTests {
    @Test func unknownIsLeftOutOfN() throws {
        let series = Frequencies.series(of: Fixtures.release)
        let discovery = try #require(series.first { $0.dimension == "discovery" })
        #expect(discovery.total == 32)
        #expect(discovery.n == 27)
        #expect(discovery.unknown == .some(5))
        #expect(discovery.rows.map(\.value) == ["internal", "external"])
        #expect(discovery.rows[0].frequency == 18.0 / 27.0)
        #expect(!discovery.nIncludesUnknown)
    }

    @Test func suppressedUnknownIsSaidSo() throws {
        let size = try #require(Frequencies.series(of: Fixtures.release).first { $0.dimension == "victim.size" })
        #expect(size.n == 32)
        #expect(size.nIncludesUnknown)
        // Bands keep the enumeration's order, not the counts'.
        #expect(size.rows.map(\.value) == ["101-1000", "1001-10000", "over-100000"])
        #expect(size.rows[2].x == nil && size.rows[2].frequency == nil)
    }

    @Test func conditionalSeriesUseTheirOwnMargin() throws {
        let series = Frequencies.series(of: Fixtures.release)
        let malware = try #require(series.first { $0.dimension == "action.variety" && $0.condition["action.category"] == "malware" })
        #expect(malware.total == 19)
        #expect(malware.n == nil || malware.nIncludesUnknown)  // its unknown is suppressed
        let m1017 = try #require(series.first { $0.dimension == "mitigation.effective" && $0.condition["mitigation.id"] == "M1017" })
        #expect(m1017.n == 11)
        #expect(m1017.rows.first { $0.value == "yes" }?.x == 5)
        // A dimension is presented once even when two tables carry it.
        #expect(series.filter { $0.dimension == "action.category" && $0.condition.values.allSatisfy { $0 == "*" } }.count == 1)
    }

    @Test func percentages() {
        #expect(Frequencies.percent(0.5) == "50%")
        #expect(Frequencies.percent(0.004) == "<1%")
        #expect(Frequencies.percent(0) == "0%")
        #expect(Frequencies.percent(nil) == "")
    }
}

@Suite struct SignatureTests {
    @Test(arguments: DigestFormat.allCases)
    func everyFormatIsSignedOverItsExactBytes(format: DigestFormat) throws {
        let signed = try DigestWriter.signed(Fixtures.signedRelease, format: format, options: .init(narratives: Fixtures.narratives), key: Fixtures.key)
        #expect(DigestSignature.verify(signed.bytes, sigFile: signed.signature, key: Fixtures.key.publicKey))
        var tampered = signed.bytes
        tampered[tampered.count / 2] ^= 0x01
        #expect(!DigestSignature.verify(tampered, sigFile: signed.signature, key: Fixtures.key.publicKey))
        #expect(!DigestSignature.verify(signed.bytes + [0x0A], sigFile: signed.signature, key: Fixtures.key.publicKey))
        let other = SigningSecretKey.generate()
        #expect(!DigestSignature.verify(signed.bytes, sigFile: signed.signature, key: other.publicKey))
        #expect(!DigestSignature.verify(signed.bytes, sigFile: [], key: Fixtures.key.publicKey))
        #expect(!DigestSignature.verify(signed.bytes, sigFile: Array("not base64\n".utf8), key: Fixtures.key.publicKey))
    }

    @Test func jsonDigestKeepsTheEmbeddedSignature() throws {
        let bytes = try DigestWriter.render(Fixtures.signedRelease, format: .json)
        let back = try ReleaseDocument.decode(json: Array(bytes.dropLast()))
        #expect(back.verifySignature(trusting: Fixtures.key.publicKey))
    }

    @Test func sigFileIsBase64Line() throws {
        let sig = DigestSignature.sign([1, 2, 3], with: Fixtures.key)
        #expect(sig.last == 0x0A)
        #expect(try Encoding.fromBase64(String(decoding: sig.dropLast(), as: UTF8.self)).count == 64)
        #expect(DigestSignature.parse(Array(Fixtures.key.sign([1, 2, 3]))) != nil)  // raw 64 bytes too
    }
}

@Suite struct NarrativeTests {
    let candidates = [
        NarrativeCandidate(actions: [(category: "malware", variety: "ransomware")], text: "ransomware story"),
        NarrativeCandidate(actions: [(category: "malware", variety: "unknown")], text: "suppressed variety falls back to category"),
        NarrativeCandidate(actions: [(category: "social", variety: "pretexting"), (category: "hacking", variety: "exploit-vuln")], text: "second action published"),
        NarrativeCandidate(actions: [(category: "physical", variety: "theft")], text: "no published cell but the total"),
        NarrativeCandidate(actions: [(category: "malware", variety: "ransomware")], text: "   "),
    ]

    @Test func labelsArePublishedCellsOnly() {
        let chosen = NarrativeSelection.select(candidates, release: Fixtures.release, orderKey: Array(repeating: 7, count: 32))
        let byText = Dictionary(uniqueKeysWithValues: chosen.map { ($0.text, $0.label) })
        #expect(chosen.count == 4)
        #expect(byText["ransomware story"] == "Malware: Ransomware")
        #expect(byText["suppressed variety falls back to category"] == "Malware")
        #expect(byText["second action published"] == "Hacking: Exploit vuln")
        #expect(byText["no published cell but the total"] == "All incidents")
    }

    @Test func nothingWhenTheTotalIsSuppressed() {
        var r = Fixtures.release
        r.tables = r.tables.map { t in
            guard t.name == "action-variety" else { return t }
            var t = t
            t.cells = t.cells.map { .suppressed($0.key) }
            return t
        }
        #expect(NarrativeSelection.select(candidates, release: r, orderKey: [1]).isEmpty)
    }

    @Test func orderDoesNotFollowInputOrder() {
        let key = Array(repeating: UInt8(3), count: 32)
        let a = NarrativeSelection.select(candidates, release: Fixtures.release, orderKey: key)
        let b = NarrativeSelection.select(candidates.reversed(), release: Fixtures.release, orderKey: key)
        #expect(a == b)
        // Another key, another order (for these four texts, with these two keys).
        let c = NarrativeSelection.select(candidates, release: Fixtures.release, orderKey: Array(repeating: UInt8(4), count: 32))
        #expect(Set(a.map(\.text)) == Set(c.map(\.text)))
    }
}

@Suite struct GoldenTests {
    static let options = DigestOptions(narratives: Fixtures.narratives)

    func check(_ name: String, _ bytes: [UInt8]) throws {
        let url = Fixtures.goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CHATHAM_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Fixtures.goldenDirectory, withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        let golden = try [UInt8](Data(contentsOf: url))
        #expect(golden == bytes, "\(name) differs from its golden file; if the change is intended, run with CHATHAM_UPDATE_GOLDEN=1 and review the diff")
    }

    @Test func markdown() throws { try check("release-2026-10.md", try DigestWriter.render(Fixtures.signedRelease, format: .md, options: Self.options)) }
    @Test func html() throws { try check("release-2026-10.html", try DigestWriter.render(Fixtures.signedRelease, format: .html, options: Self.options)) }
    @Test func csv() throws { try check("release-2026-10.csv", try DigestWriter.render(Fixtures.signedRelease, format: .csv)) }
    @Test func stix() throws { try check("release-2026-10.stix.json", try DigestWriter.render(Fixtures.signedRelease, format: .stix, options: Self.options)) }
}

@Suite struct HTMLTests {
    let html = String(decoding: HTMLDigest.render(Fixtures.release, options: .init(tlp: .amber, narratives: Fixtures.narratives)), as: UTF8.self)

    @Test func selfContainedAndScriptFree() {
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("src="))
        #expect(!html.contains("<link"))
        #expect(!html.contains("url("))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func hasTheCharts() {
        for id in ["top-actions", "techniques", "mitigations", "sectors", "sizes"] {
            #expect(html.contains("data-chart=\"\(id)\""), "chart \(id)")
        }
        #expect(html.contains("TLP:AMBER"))
        #expect(html.contains("<meta name=\"viewport\""))
        #expect(html.contains("@media print"))
    }

    @Test func suppressedFiguresNeverAppear() {
        // The suppressed technique T1190 is listed as suppressed, never with a number.
        let markdown = String(decoding: MarkdownDigest.render(Fixtures.release), as: UTF8.self)
        #expect(markdown.contains("| T1190 Exploit Public-Facing Application | —"))
    }
}

@Suite struct STIXTests {
    func bundle(_ options: DigestOptions = .init()) throws -> [String: Any] {
        let bytes = STIXDigest.render(Fixtures.release, options: options)
        return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test func shape() throws {
        let b = try bundle()
        #expect(b["type"] as? String == "bundle")
        let objects = try #require(b["objects"] as? [[String: Any]])
        let types = objects.compactMap { $0["type"] as? String }
        for forbidden in ["sighting", "observed-data", "indicator", "incident", "note", "opinion", "observed_data"] {
            #expect(!types.contains(forbidden))
        }
        let identities = objects.filter { $0["type"] as? String == "identity" }
        let organisations = identities.filter { $0["identity_class"] as? String != "class" }
        #expect(organisations.count == 1)
        let aggregator = try #require(organisations.first?["id"] as? String)
        let cohorts = identities.filter { $0["identity_class"] as? String == "class" }
        #expect(cohorts.count == 2)
        #expect(cohorts.contains { ($0["sectors"] as? [String])?.contains("financial-services") == true })
        for o in objects where o["type"] as? String != "marking-definition" {
            #expect(o["created_by_ref"] as? String == nil || o["created_by_ref"] as? String == aggregator)
        }
        for o in objects where !["marking-definition", "extension-definition"].contains(o["type"] as? String ?? "") {
            #expect(o["created_by_ref"] as? String == aggregator)
            let refs = o["object_marking_refs"] as? [String] ?? []
            #expect(refs.contains(TLPLevel.green.markingDefinitionID))
        }
        #expect(types.filter { $0 == "attack-pattern" }.count == 4)  // ransomware, phishing, stolen creds, exploit vuln
        #expect(types.filter { $0 == "course-of-action" }.count == 2)
        let rels = objects.filter { $0["type"] as? String == "relationship" }
        #expect(!rels.isEmpty && rels.allSatisfy { $0["relationship_type"] as? String == "mitigates" })
        let pattern = try #require(objects.first { $0["name"] as? String == "Malware: Ransomware" })
        let refs = try #require(pattern["external_references"] as? [[String: Any]])
        #expect(refs.contains { $0["source_name"] as? String == "veris" && $0["external_id"] as? String == "action.Malware.variety.Ransomware" })
        #expect(refs.contains { $0["source_name"] as? String == "mitre-attack" && $0["external_id"] as? String == "T1486" })
    }

    @Test func markingsAndCounts() throws {
        let b = try bundle(.init(tlp: .amberStrict))
        let objects = try #require(b["objects"] as? [[String: Any]])
        let tlp = try #require(objects.first { $0["id"] as? String == TLPLevel.amberStrict.markingDefinitionID })
        let ext = try #require((tlp["extensions"] as? [String: Any])?[STIXDigest.tlpExtensionID] as? [String: Any])
        #expect(ext["tlp_2_0"] as? String == "amber+strict")
        let iep = try #require(objects.first { ($0["extensions"] as? [String: Any])?[STIXDigest.iepExtensionID] != nil })
        let policy = try #require((iep["extensions"] as? [String: Any])?[STIXDigest.iepExtensionID] as? [String: Any])
        #expect(policy["provider_attribution"] as? String == "must-not")
        #expect(policy["iep_version"] as? String == "2.0")
        #expect(objects.contains { $0["type"] as? String == "extension-definition" && $0["id"] as? String == STIXDigest.countsExtensionID })
        let report = try #require(objects.first { $0["type"] as? String == "report" })
        let counts = try #require((report["extensions"] as? [String: Any])?[STIXDigest.countsExtensionID] as? [String: Any])
        #expect(counts["extension_type"] as? String == "property-extension")
        let tables = try #require(counts["tables"] as? [[String: Any]])
        #expect(tables.count == Fixtures.release.tables.count)
        let cells = try #require(tables.first?["cells"] as? [[String: Any]])
        let social = try #require(cells.first { ($0["values"] as? [String]) == ["social", "52"] })
        #expect(social["count"] == nil && social["status"] as? String == "suppressed")
        let refs = Set(report["object_refs"] as? [String] ?? [])
        for o in objects where !["marking-definition", "extension-definition", "report"].contains(o["type"] as? String ?? "") {
            #expect(refs.contains(o["id"] as? String ?? ""))
        }
    }

    @Test func idsAreValidUUIDs() {
        let id = STIXDigest.stixID("report", "x")
        let uuid = String(id.dropFirst("report--".count))
        #expect(UUID(uuidString: uuid) != nil)
        #expect(uuid[uuid.index(uuid.startIndex, offsetBy: 14)] == "4")
        #expect(STIXDigest.stixID("report", "x") == id && STIXDigest.stixID("report", "y") != id)
    }

    static let validatorAvailable: Bool = Tool.run("/usr/bin/env", ["python3", "-c", "import stix2validator"]).status == 0

    /// OASIS's stix2-validator on the exported bundle (strict: warnings fail too).
    @Test(.enabled(if: validatorAvailable || ProcessInfo.processInfo.environment["CI"] != nil,
                   "stix2-validator is not installed (pip install stix2-validator, or scripts/install-deps.sh); CI installs it"))
    func passesStix2Validator() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("chatham-stix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for tlp in [TLPLevel.green, .clear, .amberStrict] {
            let file = dir.appendingPathComponent("bundle-\(tlp.rawValue).json")
            try Data(STIXDigest.render(Fixtures.release, options: .init(tlp: tlp, narratives: Fixtures.narratives))).write(to: file)
            let result = Tool.run("/usr/bin/env", ["stix2_validator", "--strict", "--version", "2.1", file.path])
            #expect(result.status == 0, "stix2_validator rejected the \(tlp.label) bundle:\n\(result.output)")
        }
    }
}

/// Runs a program and collects its output (stdout and stderr together).
enum Tool {
    static func run(_ path: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (127, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
