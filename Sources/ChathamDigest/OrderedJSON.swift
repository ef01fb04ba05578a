import ChathamModel

/// JSON with members in the order they were written, printed indented: STIX bundles read
/// better with `type` and `id` first than with sorted keys.
indirect enum OrderedJSON: Sendable {
    case object([(String, OrderedJSON)])
    case array([OrderedJSON])
    case string(String)
    case int(Int)
    case number(Double)
    case bool(Bool)

    func pretty() -> String {
        var out = ""
        write(into: &out, indent: 0)
        return out + "\n"
    }

    private func write(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        switch self {
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (k, v)) in members.enumerated() {
                out += pad + Self.quote(k) + ": "
                v.write(into: &out, indent: indent + 1)
                out += i == members.count - 1 ? "\n" : ",\n"
            }
            out += close + "}"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, v) in items.enumerated() {
                out += pad
                v.write(into: &out, indent: indent + 1)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += close + "]"
        case .string(let s): out += Self.quote(s)
        case .int(let i): out += String(i)
        case .number(let d): out += CanonicalJSON.numberString(d)
        case .bool(let b): out += b ? "true" : "false"
        }
    }

    /// A JSON string literal, as RFC 8785 escapes it.
    static func quote(_ s: String) -> String {
        String(decoding: CanonicalJSON.encode(.string(s)), as: UTF8.self)
    }
}
