import Foundation
import ChathamModel

/// Markdown (CommonMark with GFM tables): the frequencies and every table, suppressed cells
/// marked `—`, narratives, and a legend.
public enum MarkdownDigest {
    public static func render(_ release: ReleaseDocument, options: DigestOptions = .init()) -> [UInt8] {
        var s = "**\(options.tlp.label)**\n\n# Incident statistics — \(release.period)\n\n"
        s += "Published by \(text(options.aggregatorName)) from reports its members submitted under the Chatham House Rule. "
        s += "Counts are incidents. A figure is shown only when at least \(release.policy.minContributors) members stand behind it "
        s += "and its \(release.policy.dominance.n) largest contributors hold at most \(HTMLDigest.percent(release.policy.dominance.k)) of it; "
        s += "others are marked —.\n\n"

        s += "## Frequencies\n\nFor each value: x incidents out of n with a known value (Unknown is left out of n), and x/n.\n"
        for series in Frequencies.series(of: release) {
            s += "\n### \(text(series.title))\n\n| \(cell(Labels.dimension(series.dimension))) | x | n | x/n |\n|---|---:|---:|---:|\n"
            let n = series.n.map(String.init) ?? "—"
            for row in series.rows {
                s += "| \(cell(row.label)) | \(row.x.map(String.init) ?? "—") | \(n) | \(Frequencies.percent(row.frequency)) |\n"
            }
            if case .some(let u) = series.unknown {
                s += "| Unknown (not in n) | \(u.map(String.init) ?? "—") | | |\n"
            }
            var notes: [String] = []
            if series.nIncludesUnknown { notes.append("Unknown is suppressed, so n includes it.") }
            if series.multiValued { notes.append("One incident may count under several values, so the x add up to more than n.") }
            if !notes.isEmpty { s += "\n" + notes.joined(separator: " ") + "\n" }
        }

        s += "\n## Tables\n"
        for table in release.tables {
            s += "\n### \(text(table.name))\n\n| " + table.dimensions.map { cell(Labels.dimension($0)) }.joined(separator: " | ") + " | count |\n"
            s += "|" + String(repeating: "---|", count: table.dimensions.count) + "---:|\n"
            for c in table.cells {
                let values = table.dimensions.map { cell(Labels.value($0, c.key[$0] ?? "", key: c.key)) }
                let count = c.status == .published ? (c.count.map(String.init) ?? "—") : "—"
                s += "| " + values.joined(separator: " | ") + " | \(count) |\n"
            }
        }

        if !options.narratives.isEmpty {
            s += "\n## Narratives\n\nMembers chose to share these, scrubbed on their own machines; each appears under a label that rests on at least \(release.policy.minContributors) members, in no particular order.\n"
            for label in HTMLDigest.uniqueLabels(options.narratives) {
                s += "\n### \(text(label))\n"
                for n in options.narratives where n.label == label {
                    s += "\n" + n.text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + text(String($0)) }.joined(separator: "\n") + "\n"
                }
            }
        }

        s += "\n## Legend\n\n"
        s += "- **—** suppressed: too few contributors, dominated by one or two, or hidden to protect another figure (the reason is not shown).\n"
        s += "- **All** total over every value of that dimension (a margin).\n"
        s += "- **x/n** x incidents with the value out of n incidents whose value is known; Unknown is not in n.\n"
        s += "- This file is signed with the aggregator's Ed25519 key: check it with `chatham verify` and the `.sig` file beside it.\n"
        s += "\nTaxonomy: VERIS 1.4.1 and MITRE ATT&CK. \(options.tlp.label): see https://www.first.org/tlp/.\n"
        return Array(s.utf8)
    }

    /// Text that cannot start Markdown syntax: HTML and Markdown punctuation escaped.
    static func text(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "!": out.append("\\"); out.append(c)
            case "&": out += "&amp;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A table cell's text (no line breaks).
    static func cell(_ s: String) -> String {
        text(s.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " "))
    }
}
