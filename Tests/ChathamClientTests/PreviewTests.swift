import ChathamModel
import ChathamScrub
import Foundation
import Testing
@testable import ChathamClient

/// `chatham check`'s summary and marked preview, against a golden file
/// (Tests/Fixtures/scrub/preview.golden) so a change in what members are shown
/// is a visible diff.
@Suite struct PreviewTests {
    @Test func previewMatchesGoldenFile() throws {
        let narrative = "Jane Doe at Acme Bank got mail from evil@bad.example about LockBit; Jane called +44 20 7946 0958."
        let text = designExample
            .replacingOccurrences(of: "free text; scrubbed on the member's machine", with: narrative)
            .replacingOccurrences(of: "share_narrative: false", with: "share_narrative: true")
        let profile = try MemberProfile.parse(yaml: "organisation: {names: [Acme Bank]}\npeople: [Jane Doe]\n")
        let checked = try ReportChecker.check(text: text, profile: profile)
        var lines = checked.summary()
        lines.append("preview (redactions marked):")
        lines.append("  " + (checked.preview(ansi: false) ?? ""))
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/scrub/preview.golden").standardizedFileURL
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(lines.joined(separator: "\n") + "\n" == expected)
        // The terminal form marks the same placeholders with reverse video.
        #expect(checked.preview(ansi: true)?.contains("\u{1B}[7m[ORG-1]\u{1B}[0m") == true)
    }
}
