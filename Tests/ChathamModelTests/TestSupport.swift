import Foundation
@testable import ChathamModel

/// The example report exactly as DESIGN.md writes it (and examples/report.yaml holds it).
let designExampleYAML = """
schema: chatham.report/1
id: 3f9c2a7e5b1d4c8e9a0b1c2d3e4f5a6b     # 32 hex, random, made by the CLI if absent
period: 2026-10                           # YYYY-MM the incident was discovered
victim:
  sector: "52"                            # NAICS 2-digit sector (VERIS victim.industry2)
  size: 1001-10000                        # VERIS employee_count bands, below
  region: europe                          # africa | americas-north | americas-latin | asia | europe | oceania | unknown
actor: {kind: external, motive: financial} # kind: external|internal|partner|unknown; motive: VERIS motives
actions:                                   # one or more
  - {category: malware, variety: ransomware, vector: email-attachment}
techniques: [T1566.001, T1486]             # MITRE ATT&CK technique ids
assets: [server, user-device]
attributes: [availability, confidentiality]
discovery: internal                        # internal | external | partner | unknown
timeline: {dwell: days, containment: hours}        # VERIS timeline units
impact: {loss: 100k-1m, downtime: days}            # loss: none|under-10k|10k-100k|100k-1m|1m-10m|over-10m|unknown
mitigations:
  - {id: M1032, stage: after, effective: yes}      # ATT&CK mitigation id; stage: before|during|after; effective: yes|partial|no|unknown
narrative: "free text; scrubbed on the member's machine"
share_narrative: false

"""

/// The report DESIGN's example means.
let designExample = Report(
    id: "3f9c2a7e5b1d4c8e9a0b1c2d3e4f5a6b",
    period: "2026-10",
    victim: .init(sector: "52", size: "1001-10000", region: "europe"),
    actor: .init(kind: "external", motive: "financial"),
    actions: [.init(category: "malware", variety: "ransomware", vector: "email-attachment")],
    techniques: ["T1566.001", "T1486"],
    assets: ["server", "user-device"],
    attributes: ["availability", "confidentiality"],
    discovery: "internal",
    timeline: .init(dwell: "days", containment: "hours"),
    impact: .init(loss: "100k-1m", downtime: "days"),
    mitigations: [.init(id: "M1032", stage: "after", effective: "yes")],
    narrative: "free text; scrubbed on the member's machine",
    shareNarrative: false)

/// The repository root, found from this file's path (Tests/ChathamModelTests/…).
let repoRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Runs a program to completion; returns its exit status and combined output.
func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    process.currentDirectoryURL = repoRoot
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("chatham-model-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Decodes expecting a `ValidationError`, returning it (nil if decoding succeeded or threw something else).
func decodeError(_ text: String) -> ValidationError? {
    do {
        _ = try ReportCodec.decode(yamlOrJSON: text)
        return nil
    } catch let e as ValidationError {
        return e
    } catch {
        return nil
    }
}
