import ChathamCrypto
import Foundation
import Testing
@testable import ChathamModel

/// Runs tools/check-schema.py (python3 + jsonschema) over documents this module writes, so
/// the published JSON Schemas and the Swift types cannot drift apart.
@Suite struct SchemaCheckTests {
    func write(_ bytes: [UInt8], _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func reportsAndReleasesMatchTheirSchemas() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }

        var full = designExample
        full.actions.append(.init(category: "hacking", variety: "use-of-stolen-creds", vector: "3rd-party-desktop"))
        full.narrative = "two\nlines\twith a tab, ünïcode"
        let minimal = Report(period: "2026-01", victim: .init(sector: "unknown", size: "unknown", region: "unknown"),
                             actor: .init(kind: "unknown"), actions: [.init(category: "unknown")])
        let reports = try [
            write(ReportCodec.encodeJSON(designExample), "design.json", in: dir),
            write(ReportCodec.encodeJSON(full), "full.json", in: dir),
            write(ReportCodec.encodeJSON(minimal), "minimal.json", in: dir),
        ]
        let (status, output) = try run("python3", ["tools/check-schema.py", "schema/report.schema.json"] + reports)
        #expect(status == 0, "\(output)")

        var release = designRelease
        release.sign(with: SigningSecretKey.generate())
        let signed = try write(release.canonicalJSON(), "release.json", in: dir)
        let r = try run("python3", ["tools/check-schema.py", "schema/release.schema.json", signed])
        #expect(r.status == 0, "\(r.output)")
    }

    @Test func brokenDocumentsFail() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }

        // Each is invalid for one reason the validator also catches.
        var wrongVariety = designExample
        wrongVariety.actions[0].variety = "phishing"  // a social variety under malware
        var badPeriod = designExample
        badPeriod.period = "2026-13"
        var noActions = designExample
        noActions.actions = []
        var dupTechniques = designExample
        dupTechniques.techniques.append("T1486")
        var controlChar = designExample
        controlChar.narrative = "bell\u{7}"
        for (n, report) in [wrongVariety, badPeriod, noActions, dupTechniques, controlChar].enumerated() {
            #expect(!ReportValidator.validate(report).isEmpty)
            let path = try write(ReportCodec.encodeJSON(report), "bad\(n).json", in: dir)
            let (status, output) = try run("python3", ["tools/check-schema.py", "report", path])
            #expect(status == 1, "report \(n) passed the schema: \(output)")
        }
        // An unknown member.
        var text = String(decoding: ReportCodec.encodeJSON(designExample), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"period\":", with: "\"country\":\"GB\",\"period\":")
        let unknown = try write(Array(text.utf8), "unknown.json", in: dir)
        let u = try run("python3", ["tools/check-schema.py", "report", unknown])
        #expect(u.status == 1 && u.output.contains("country"), "\(u.output)")

        // A release with a suppressed cell that shows its count, and one without a signature.
        var leaky = designRelease
        leaky.tables[0].cells[1].count = 3
        leaky.sign(with: SigningSecretKey.generate())
        let unsigned = designRelease
        for (n, doc) in [leaky, unsigned].enumerated() {
            let path = try write(doc.canonicalJSON(), "release\(n).json", in: dir)
            let (status, output) = try run("python3", ["tools/check-schema.py", "release", path])
            #expect(status == 1, "release \(n) passed the schema: \(output)")
        }
    }

    /// An independent implementation (Python's json + PyNaCl) verifies the Swift signature.
    @Test(.enabled(if: (try? run("python3", ["-c", "import nacl.signing"]).status) == 0))
    func signatureVerifiesOutsideSwift() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var release = designRelease
        release.sign(with: SigningSecretKey.generate())
        let path = try write(release.canonicalJSON(), "release.json", in: dir)
        // For ASCII member names and these numbers, sorted compact json.dumps is JCS.
        let script = """
        import base64, json, sys, nacl.signing
        doc = json.load(open(sys.argv[1]))
        sig = doc.pop("signature")
        msg = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
        nacl.signing.VerifyKey(base64.b64decode(sig["key"])).verify(msg, base64.b64decode(sig["value"]))
        doc["tables"][0]["cells"][0]["count"] += 1
        msg = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
        try:
            nacl.signing.VerifyKey(base64.b64decode(sig["key"])).verify(msg, base64.b64decode(sig["value"]))
            sys.exit(3)
        except nacl.exceptions.BadSignatureError:
            print("ok")
        """
        let (status, output) = try run("python3", ["-c", script, path])
        #expect(status == 0 && output.contains("ok"), "\(output)")
    }
}
