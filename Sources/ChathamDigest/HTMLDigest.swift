import ChathamModel

/// One self-contained HTML file: inline CSS and inline SVG, no scripts, no external assets;
/// readable on a phone and printable. The web page at `GET /` is the same body.
public enum HTMLDigest {
    /// The page's style sheet (inline, so the page needs nothing else).
    public static let style = """
        :root{color-scheme:light}body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:52rem;margin:0 auto;padding:1rem;color:#1a1a1a;line-height:1.45}
        h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1rem;margin:1.2rem 0 .3rem}
        .tlp{display:inline-block;font-weight:bold;padding:.1rem .5rem;font-family:monospace}
        figure{margin:1rem 0 1.5rem}figcaption{font-size:.85rem;color:#555}svg.chart{width:100%;height:auto;max-width:40rem;display:block}
        svg .lbl{font-size:12px;fill:#1a1a1a}svg .val{font-size:11px;fill:#333}svg .sup{font-size:11px;fill:#888;font-style:italic}
        svg .bar{fill:#3a6ea5}svg .bar.yes{fill:#2e7d32}svg .bar.partial{fill:#f9a825}svg .bar.no{fill:#c62828}svg .bar.rest{fill:#bbb}
        .tw{overflow-x:auto}table{border-collapse:collapse;margin:.3rem 0 1rem;min-width:60%}td,th{padding:.15rem .5rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
        td.n{text-align:right;font-variant-numeric:tabular-nums}.s{color:#888}.m td{font-weight:600}
        blockquote{margin:.5rem 0;padding:.3rem .8rem;border-left:3px solid #3a6ea5;background:#f5f7fa;white-space:pre-wrap}
        dl.legend dt{font-weight:bold;float:left;width:3rem}dl.legend dd{margin:0 0 .3rem 3rem}
        @media (max-width:30rem){body{padding:.5rem}td,th{padding:.1rem .3rem;font-size:.9rem}}
        @media print{body{max-width:none}h2{break-after:avoid}figure,table,blockquote{break-inside:avoid}a{color:inherit;text-decoration:none}nav,form{display:none}}
        """

    /// The whole file.
    public static func render(_ release: ReleaseDocument, options: DigestOptions = .init()) -> [UInt8] {
        Array(page(release, options: options, extra: "").utf8)
    }

    /// The whole page with `extraHTML` (trusted, already escaped) at the end of the body: the
    /// web page adds its links to earlier releases there.
    public static func page(_ release: ReleaseDocument, options: DigestOptions, extra: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width,initial-scale=1">
        <title>Incident statistics \(HTMLText.escape(release.period)) — \(HTMLText.escape(options.tlp.label))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        \(body(release, options: options))\(extra)
        </body>
        </html>

        """
    }

    /// The body content: header, charts, frequencies, tables, narratives, legend.
    public static func body(_ release: ReleaseDocument, options: DigestOptions) -> String {
        let e = HTMLText.escape
        let (fg, bg) = options.tlp.colours
        var s = "<header>\n<p><span class=\"tlp\" style=\"color:\(fg);background:\(bg)\">\(e(options.tlp.label))</span></p>\n"
        s += "<h1>Incident statistics — \(e(release.period))</h1>\n"
        s += "<p>Published by \(e(options.aggregatorName)) from reports its members submitted under the Chatham House Rule. "
        s += "Counts are incidents. A figure is shown only when at least \(release.policy.minContributors) members stand behind it "
        s += "and its \(release.policy.dominance.n) largest contributors hold at most \(percent(release.policy.dominance.k)) of it; "
        s += "others are marked <span class=\"s\">—</span>.</p>\n</header>\n"

        s += "<h2 id=\"charts\">Charts</h2>\n"
        for chart in Chart.all(for: release) {
            s += "<figure id=\"chart-\(chart.id)\">\n<h3>\(e(chart.title))</h3>\n\(SVGChart.render(chart))\n<figcaption>\(e(chart.caption))</figcaption>\n</figure>\n"
        }

        s += "<h2 id=\"frequencies\">Frequencies</h2>\n<p>For each value: x incidents out of n with a known value (Unknown is left out of n), and x/n.</p>\n"
        for series in Frequencies.series(of: release) {
            s += "<h3>\(e(series.title))</h3>\n<div class=\"tw\"><table><thead><tr><th>\(e(Labels.dimension(series.dimension)))</th><th>x</th><th>n</th><th>x/n</th></tr></thead><tbody>\n"
            let n = series.n.map(String.init) ?? "—"
            for row in series.rows {
                s += "<tr><td>\(e(row.label))</td>" + (row.x.map { "<td class=\"n\">\($0)</td>" } ?? "<td class=\"n s\">—</td>")
                s += "<td class=\"n\">\(n)</td><td class=\"n\">\(Frequencies.percent(row.frequency))</td></tr>\n"
            }
            if case .some(let u) = series.unknown {
                s += "<tr><td>Unknown (not in n)</td>" + (u.map { "<td class=\"n\">\($0)</td>" } ?? "<td class=\"n s\">—</td>") + "<td></td><td></td></tr>\n"
            }
            s += "</tbody></table></div>\n"
            var notes: [String] = []
            if series.nIncludesUnknown { notes.append("Unknown is suppressed, so n includes it.") }
            if series.multiValued { notes.append("One incident may count under several values, so the x add up to more than n.") }
            if !notes.isEmpty { s += "<p class=\"s\">\(e(notes.joined(separator: " ")))</p>\n" }
        }

        s += "<h2 id=\"tables\">Tables</h2>\n"
        for table in release.tables {
            s += "<h3 id=\"t-\(e(table.name))\">\(e(table.name))</h3>\n<div class=\"tw\"><table><thead><tr>"
            s += table.dimensions.map { "<th>\(e(Labels.dimension($0)))</th>" }.joined() + "<th>count</th></tr></thead><tbody>\n"
            for cell in table.cells {
                let margin = cell.key.values.contains(Labels.margin)
                s += margin ? "<tr class=\"m\">" : "<tr>"
                s += table.dimensions.map { "<td>\(e(Labels.value($0, cell.key[$0] ?? "", key: cell.key)))</td>" }.joined()
                s += (cell.status == .published ? cell.count.map { "<td class=\"n\">\($0)</td>" } : nil) ?? "<td class=\"n s\">—</td>"
                s += "</tr>\n"
            }
            s += "</tbody></table></div>\n"
        }

        if !options.narratives.isEmpty {
            s += "<h2 id=\"narratives\">Narratives</h2>\n<p>Members chose to share these, scrubbed on their own machines; each appears under a label that rests on at least \(release.policy.minContributors) members, in no particular order.</p>\n"
            for label in uniqueLabels(options.narratives) {
                s += "<h3>\(e(label))</h3>\n"
                for n in options.narratives where n.label == label { s += "<blockquote>\(e(n.text))</blockquote>\n" }
            }
        }

        s += "<h2 id=\"legend\">Legend</h2>\n<dl class=\"legend\">\n"
        s += "<dt>—</dt><dd>suppressed: too few contributors, dominated by one or two, or hidden to protect another figure (the reason is not shown).</dd>\n"
        s += "<dt>All</dt><dd>total over every value of that dimension (a margin).</dd>\n"
        s += "<dt>x/n</dt><dd>x incidents with the value out of n incidents whose value is known; Unknown is not in n.</dd>\n"
        s += "<dt>sig</dt><dd>this file is signed with the aggregator's Ed25519 key: check it with <code>chatham verify</code> and the <code>.sig</code> file beside it.</dd>\n"
        s += "</dl>\n<p class=\"s\">Taxonomy: VERIS 1.4.1 and MITRE ATT&amp;CK. \(e(options.tlp.label)) — see https://www.first.org/tlp/.</p>\n"
        return s
    }

    static func uniqueLabels(_ narratives: [DigestNarrative]) -> [String] {
        var seen = Set<String>()
        return narratives.map(\.label).filter { seen.insert($0).inserted }
    }

    static func percent(_ k: Double) -> String {
        let p = (k * 1000).rounded() / 10
        return p == p.rounded() ? "\(Int(p))%" : "\(p)%"
    }
}
