/// Draws a `Chart` as inline SVG: one row per bar, the label above the bar so it stays legible
/// on a phone; scales to the width of its container (viewBox, no fixed size).
public enum SVGChart {
    static let width = 400
    static let rowHeight = 34
    static let labelWidthChars = 58

    public static func render(_ chart: Chart) -> String {
        let height = max(1, chart.bars.count) * rowHeight + 6
        let maxValue = max(1, chart.bars.compactMap(\.value).max() ?? 1)
        let barSpace = Double(width - 70)
        var s = "<svg class=\"chart\" data-chart=\"\(chart.id)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"\(chart.id)-title\" xmlns=\"http://www.w3.org/2000/svg\">"
        s += "<title id=\"\(chart.id)-title\">\(HTMLText.escape(chart.title))</title>"
        if chart.bars.isEmpty {
            s += "<text x=\"0\" y=\"20\" class=\"lbl\">No published figures.</text>"
        }
        for (i, bar) in chart.bars.enumerated() {
            let y = i * rowHeight
            var label = bar.label
            if label.count > labelWidthChars { label = String(label.prefix(labelWidthChars - 1)) + "…" }
            s += "<text x=\"0\" y=\"\(y + 12)\" class=\"lbl\">\(HTMLText.escape(label))</text>"
            guard let value = bar.value else {
                s += "<text x=\"0\" y=\"\(y + 27)\" class=\"sup\">suppressed</text>"
                continue
            }
            let length = max(1.0, barSpace * Double(value) / Double(maxValue))
            var x = 0.0
            if bar.parts.isEmpty {
                s += "<rect class=\"bar\" x=\"0\" y=\"\(y + 16)\" width=\"\(fmt(length))\" height=\"12\" data-value=\"\(value)\"><title>\(HTMLText.escape(bar.label)): \(value)</title></rect>"
            } else {
                for part in bar.parts {
                    let w = length * Double(part.value) / Double(max(value, 1))
                    s += "<rect class=\"bar \(part.style)\" x=\"\(fmt(x))\" y=\"\(y + 16)\" width=\"\(fmt(w))\" height=\"12\" data-value=\"\(part.value)\"><title>\(HTMLText.escape(part.name)): \(part.value)</title></rect>"
                    x += w
                }
            }
            var text = "\(value)"
            if let f = bar.frequency { text += " (\(Frequencies.percent(f)))" }
            s += "<text x=\"\(fmt(length + 4))\" y=\"\(y + 27)\" class=\"val\">\(text)</text>"
        }
        return s + "</svg>"
    }

    static func fmt(_ d: Double) -> String {
        let r = (d * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}

/// HTML escaping of text and attribute values.
public enum HTMLText {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
