import ChathamCrypto
import ChathamModel
import Foundation
@testable import ChathamClient

/// A fresh, empty config home under the temporary directory.
func temporaryHome() throws -> ChathamHome {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("chatham-client-tests-\(Encoding.hex(randomBytes(count: 8)))", isDirectory: true)
    return ChathamHome(url: url)
}

func mode(_ url: URL) -> Int {
    Int(SecureFile.permissions(url.path) ?? 0)
}

/// DESIGN.md's example report, verbatim but for the comments.
let designExample = """
schema: chatham.report/1
id: 3f9c2a7e5b1d4c8e9a0b1c2d3e4f5a6b
period: 2026-10
victim:
  sector: "52"
  size: 1001-10000
  region: europe
actor: {kind: external, motive: financial}
actions:
  - {category: malware, variety: ransomware, vector: email-attachment}
techniques: [T1566.001, T1486]
assets: [server, user-device]
attributes: [availability, confidentiality]
discovery: internal
timeline: {dwell: days, containment: hours}
impact: {loss: 100k-1m, downtime: days}
mitigations:
  - {id: M1032, stage: after, effective: yes}
narrative: "free text; scrubbed on the member's machine"
share_narrative: false
"""

/// A config pinned to freshly generated server keys.
func makeConfig(box: BoxKeyPair, signing: SigningSecretKey) -> MemberConfig {
    MemberConfig(server: "http://127.0.0.1:1", token: "chm_member_test", keyID: box.publicKey.keyID,
                 signingKey: Encoding.base64(signing.publicKey.bytes), sealingKey: Encoding.base64(box.publicKey.bytes))
}
