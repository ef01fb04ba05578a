import ChathamCrypto
import Foundation
import Testing
@testable import ChathamModel

/// DESIGN's release example, without its placeholder signature.
let designRelease = ReleaseDocument(
    period: "2026-10",
    policy: .init(minContributors: 5, dominance: .init(n: 2, k: 0.85)),
    tables: [
        .init(name: "action-by-sector",
              dimensions: ["action.category", "victim.sector"],
              multiValued: ["action.category"],
              cells: [
                .published(["action.category": "malware", "victim.sector": "52"], count: 12),
                .suppressed(["action.category": "social", "victim.sector": "52"]),
                .published(["action.category": "*", "victim.sector": "52"], count: 31),
              ]),
    ])

@Suite struct ReleaseDocumentTests {
    @Test func canonicalFormHasExplicitNullsAndNoSignature() throws {
        let text = String(decoding: try designRelease.signingBytes(), as: UTF8.self)
        #expect(text == #"{"period":"2026-10","policy":{"dominance":{"k":0.85,"n":2},"min_contributors":5},"schema":"chatham.release/1","tables":[{"cells":[{"count":12,"key":{"action.category":"malware","victim.sector":"52"},"status":"published"},{"count":null,"key":{"action.category":"social","victim.sector":"52"},"status":"suppressed"},{"count":31,"key":{"action.category":"*","victim.sector":"52"},"status":"published"}],"dimensions":["action.category","victim.sector"],"multi_valued":["action.category"],"name":"action-by-sector"}]}"#)
    }

    @Test func signAndVerify() throws {
        let key = SigningSecretKey.generate()
        var doc = designRelease
        #expect(!doc.verifySignature(trusting: nil))  // unsigned
        doc.sign(with: key)
        #expect(doc.signature?.alg == "ed25519")
        #expect(doc.signature?.key == ChathamCrypto.Encoding.base64(key.publicKey.bytes))
        #expect(try ChathamCrypto.Encoding.fromBase64(doc.signature!.value).count == 64)
        #expect(doc.verifySignature(trusting: nil))
        #expect(doc.verifySignature(trusting: key.publicKey))
        #expect(!doc.verifySignature(trusting: SigningSecretKey.generate().publicKey))
        // The signature covers the document without the signature: signing bytes are unchanged.
        #expect(try doc.signingBytes() == designRelease.signingBytes())
    }

    @Test func survivesTransportAndDetectsTampering() throws {
        let key = try SigningSecretKey(bytes: [UInt8](repeating: 7, count: 32))
        var doc = designRelease
        doc.sign(with: key)
        let wire = try doc.canonicalJSON()
        let back = try ReleaseDocument.decode(json: wire)
        #expect(back == doc)
        #expect(back.verifySignature(trusting: key.publicKey))
        // Pretty-printed, reordered JSON of the same document still verifies.
        let pretty = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: Data(wire)), options: [.prettyPrinted])
        #expect(try ReleaseDocument.decode(json: pretty).verifySignature(trusting: key.publicKey))

        func tampered(_ change: (inout ReleaseDocument) -> Void) -> Bool {
            var d = back
            change(&d)
            return d.verifySignature(trusting: nil)
        }
        #expect(!tampered { $0.tables[0].cells[0].count = 13 })
        #expect(!tampered { $0.tables[0].cells[1] = .published($0.tables[0].cells[1].key, count: 3) })
        #expect(!tampered { $0.policy.minContributors = 2 })
        #expect(!tampered { $0.policy.dominance.k = 0.86 })
        #expect(!tampered { $0.period = "2026-11" })
        #expect(!tampered { $0.tables[0].cells.removeLast() })
        #expect(!tampered { $0.tables[0].cells[0].key["victim.sector"] = "51" })
        #expect(!tampered { $0.signature?.alg = "rsa" })
        #expect(!tampered { $0.signature?.value = "AAAA" })
        #expect(!tampered { $0.signature?.key = ChathamCrypto.Encoding.base64(SigningSecretKey.generate().publicKey.bytes) })
        #expect(!tampered { $0.signature?.key = "not base64!" })
        #expect(!tampered { d in
            var sig = try! ChathamCrypto.Encoding.fromBase64(d.signature!.value)
            sig[10] ^= 1
            d.signature?.value = ChathamCrypto.Encoding.base64(sig)
        })
        // A forger re-signing with its own key passes integrity but not the pinned key.
        var forged = back
        forged.tables[0].cells[0].count = 99
        forged.sign(with: SigningSecretKey.generate())
        #expect(forged.verifySignature(trusting: nil))
        #expect(!forged.verifySignature(trusting: key.publicKey))
    }

    @Test func decodesDesignExampleAndRejectsUnknownMembers() throws {
        let json = #"""
        {
          "schema": "chatham.release/1",
          "period": "2026-10",
          "policy": {"min_contributors": 5, "dominance": {"n": 2, "k": 0.85}},
          "tables": [
            {"name": "action-by-sector",
             "dimensions": ["action.category", "victim.sector"],
             "multi_valued": ["action.category"],
             "cells": [
               {"key": {"action.category": "malware", "victim.sector": "52"}, "count": 12, "status": "published"},
               {"key": {"action.category": "social",  "victim.sector": "52"}, "count": null, "status": "suppressed"},
               {"key": {"action.category": "*",       "victim.sector": "52"}, "count": 31, "status": "published"}
             ]}
          ],
          "signature": {"alg": "ed25519", "key": "<base64>", "value": "<base64>"}
        }
        """#
        let doc = try ReleaseDocument.decode(json: Array(json.utf8))
        var unsigned = doc
        unsigned.signature = nil
        #expect(unsigned == designRelease)
        #expect(!doc.verifySignature(trusting: nil))

        func failure(_ from: String, _ to: String) -> ValidationError? {
            let changed = json.replacingOccurrences(of: from, with: to)
            #expect(changed != json)
            do { _ = try ReleaseDocument.decode(json: Array(changed.utf8)); return nil } catch { return error as? ValidationError }
        }
        #expect(failure("\"count\": 12,", "\"count\": 12, \"extra\": 1,")?.path == "tables[0].cells[0].extra")
        #expect(failure("\"n\": 2,", "\"n\": 2, \"m\": 1,")?.path == "policy.dominance.m")
        #expect(failure("\"count\": null, ", "")?.path == "tables[0].cells[1].count")
        #expect(failure("\"status\": \"suppressed\"", "\"status\": \"hidden\"")?.path == "tables[0].cells[1].status")
        #expect(failure("\"period\": \"2026-10\",", "\"period\": \"2026-10\", \"period\": \"2026-11\",")?.message.contains("duplicate") == true)
    }
}
