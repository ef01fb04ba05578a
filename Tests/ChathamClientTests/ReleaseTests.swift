import ChathamCrypto
import ChathamModel
import Foundation
import Testing
@testable import ChathamClient

/// DESIGN's example release, signed with a fresh key.
func exampleRelease(signedBy key: SigningSecretKey) -> ReleaseDocument {
    var doc = ReleaseDocument(
        period: "2026-10",
        policy: .init(minContributors: 5, dominance: .init(n: 2, k: 0.85)),
        tables: [
            .init(name: "action-by-sector", dimensions: ["action.category", "victim.sector"], multiValued: ["action.category"],
                  cells: [
                    .published(["action.category": "malware", "victim.sector": "52"], count: 12),
                    .suppressed(["action.category": "social", "victim.sector": "52"]),
                    .published(["action.category": "*", "victim.sector": "52"], count: 31),
                  ]),
            .init(name: "region", dimensions: ["victim.region"], cells: [
                .published(["victim.region": "europe"], count: 140),
                .published(["victim.region": "*"], count: 153),
            ]),
        ])
    doc.sign(with: key)
    return doc
}

@Suite struct ReleaseTests {
    @Test func statsRenderingGolden() {
        let text = StatsRenderer.render(exampleRelease(signedBy: .generate()))
        let golden = """
            Release 2026-10
            A figure is published only if at least 5 members contributed to it and its 2 largest contributors hold at most 85% of it.

            action-by-sector  (action.category × victim.sector)
              one report may count under several values of action.category, so totals over it are not sums
              action.category  victim.sector  count
              malware          52                12
              social           52                 –
              *                52                31

            region  (victim.region)
              victim.region  count
              europe           140
              *                153

            –  suppressed: too few contributors, dominated by one or two, or hidden to protect another figure
            *  total over every value of that dimension

            """
        #expect(text == golden)
    }

    @Test func statsForOneTableAndAsJSON() throws {
        let doc = exampleRelease(signedBy: .generate())
        let text = StatsRenderer.render(doc, tables: ["region"])
        #expect(!text.contains("action-by-sector"))
        #expect(!text.contains("suppressed"))
        let json = String(decoding: try StatsRenderer.json(doc, tables: ["action-by-sector"]), as: UTF8.self)
        #expect(json.contains(#"{"count":null,"key":{"action.category":"social","victim.sector":"52"},"status":"suppressed"}"#))
        #expect(json.hasPrefix(#"{"period":"2026-10","policy":{"dominance":{"k":0.85,"n":2},"min_contributors":5},"tables":[{"cells""#))
        #expect(!json.contains("region\""))
    }

    @Test func verifyAcceptsASignedRelease() throws {
        let key = SigningSecretKey.generate()
        let bytes = try exampleRelease(signedBy: key).canonicalJSON()
        #expect(try ReleaseVerifier.verify(json: bytes, trusting: key.publicKey) == Encoding.base64(key.publicKey.bytes))
        #expect(try ReleaseVerifier.verify(json: bytes, trusting: nil) == Encoding.base64(key.publicKey.bytes))
        // Any JSON layout of the same document verifies: the signature is over its JCS form.
        let pretty = Array(try PrettyJSON.render(json: bytes).utf8)
        #expect(try ReleaseVerifier.verify(json: pretty, trusting: key.publicKey) == Encoding.base64(key.publicKey.bytes))
    }

    @Test func verifyRejectsATamperedRelease() throws {
        let key = SigningSecretKey.generate()
        var doc = exampleRelease(signedBy: key)
        doc.tables[0].cells[0].count = 13
        let bytes = try doc.canonicalJSON()
        for trusted in [key.publicKey, nil] {
            do {
                _ = try ReleaseVerifier.verify(json: bytes, trusting: trusted)
                Issue.record("tampered release verified")
            } catch let error as ClientError {
                #expect(error.message == "signature does not verify")
            }
        }
    }

    @Test func verifyRejectsAnotherKeyAndUnsignedDocuments() throws {
        let bytes = try exampleRelease(signedBy: .generate()).canonicalJSON()
        #expect(throws: ClientError.self) { try ReleaseVerifier.verify(json: bytes, trusting: SigningSecretKey.generate().publicKey) }
        var unsigned = exampleRelease(signedBy: .generate())
        unsigned.signature = nil
        #expect(throws: ClientError.self) { try ReleaseVerifier.verify(json: try unsigned.canonicalJSON(), trusting: nil) }
        #expect(throws: ClientError.self) { try ReleaseVerifier.verify(json: Array("not json".utf8), trusting: nil) }
    }

    @Test func servedReleaseMustBeForThePeriodAskedFor() throws {
        let key = SigningSecretKey.generate()
        let config = makeConfig(box: .generate(), signing: key)
        let bytes = try exampleRelease(signedBy: key).canonicalJSON()
        #expect(try ReleaseReader.verify(bytes, expecting: "2026-10", trusting: config).document.period == "2026-10")
        #expect(throws: ClientError.self) { try ReleaseReader.verify(bytes, expecting: "2026-09", trusting: config) }
        let other = makeConfig(box: .generate(), signing: .generate())
        #expect(throws: ClientError.self) { try ReleaseReader.verify(bytes, expecting: "2026-10", trusting: other) }
    }
}
