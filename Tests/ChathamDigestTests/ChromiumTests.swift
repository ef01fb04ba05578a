import ChathamDigest
import Foundation
import Testing

/// Renders the web page (the HTML that `GET /` serves: `HTMLDigest.page`) in Debian's headless
/// Chromium, checks that the charts are in the DOM Chromium built, and writes screenshots at
/// phone and desktop widths to `.build/test-artifacts/`.
@Suite(.serialized) struct ChromiumTests {
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static let artifacts = Fixtures.packageRoot.appendingPathComponent(".build/test-artifacts", isDirectory: true)

    func page() throws -> URL {
        let html = HTMLDigest.page(Fixtures.signedRelease, options: .init(narratives: Fixtures.narratives),
                                   extra: "<nav><p class=\"s\">Earlier releases: 2026-09</p></nav>\n")
        try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
        let url = Self.artifacts.appendingPathComponent("web-page.html")
        try Data(html.utf8).write(to: url)
        return url
    }

    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chatham-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
        return Tool.run(Self.chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                         "--user-data-dir=\(profile.path)", "--hide-scrollbars"] + arguments)
    }

    @Test(.enabled(if: chromium != nil || ProcessInfo.processInfo.environment["CI"] != nil,
                   "Chromium is not installed (apt-get install chromium, or scripts/install-deps.sh); CI installs it"))
    func chartsAreInTheDOM() throws {
        let url = try page()
        let result = try run(["--dump-dom", url.absoluteString])
        try #require(result.status == 0, "chromium failed: \(result.output.suffix(2000))")
        let dom = result.output
        for id in ["top-actions", "techniques", "mitigations", "sectors", "sizes"] {
            #expect(dom.contains("data-chart=\"\(id)\""), "chart \(id) is not in the DOM")
        }
        #expect(dom.components(separatedBy: "<rect class=\"bar").count - 1 >= 15, "too few bars in the DOM")
        #expect(dom.contains("<title id=\"top-actions-title\">Top action varieties</title>"))
        #expect(!dom.contains("<script"))
    }

    @Test(.enabled(if: chromium != nil || ProcessInfo.processInfo.environment["CI"] != nil,
                   "Chromium is not installed (apt-get install chromium, or scripts/install-deps.sh); CI installs it"))
    func writesScreenshots() throws {
        let url = try page()
        for (name, size) in [("web-page-phone.png", "390,2600"), ("web-page-desktop.png", "1280,2000")] {
            let shot = Self.artifacts.appendingPathComponent(name)
            try? FileManager.default.removeItem(at: shot)
            let result = try run(["--screenshot=\(shot.path)", "--window-size=\(size)", url.absoluteString])
            try #require(result.status == 0, "chromium failed: \(result.output.suffix(2000))")
            let png = try Data(contentsOf: shot)
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name) is not a PNG")
            #expect(png.count > 10_000, "\(name) is suspiciously small")
        }
    }
}
