import ChathamModel

/// Canonical JSON laid out for people: the same members in the same (RFC 8785) order and the
/// same string escapes as the bytes that are sealed, with line breaks and two-space indents.
/// Parsing this text gives exactly the value that is sent.
public enum PrettyJSON {
    /// The value's pretty text, without a trailing newline.
    public static func render(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        return out
    }

    /// Pretty text of canonical (or any) JSON bytes.
    public static func render(json bytes: [UInt8]) throws -> String {
        render(try JSONValue(bytes: bytes, maxDepth: 512))
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch value {
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                write(item, indent: indent + 1, into: &out)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += closePad + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            let keys = members.keys.sorted { Array($0.utf16).lexicographicallyPrecedes(Array($1.utf16)) }
            for (i, key) in keys.enumerated() {
                out += pad + scalar(.string(key)) + ": "
                write(members[key]!, indent: indent + 1, into: &out)
                out += i == keys.count - 1 ? "\n" : ",\n"
            }
            out += closePad + "}"
        default:
            out += scalar(value)
        }
    }

    private static func scalar(_ value: JSONValue) -> String {
        String(decoding: CanonicalJSON.encode(value), as: UTF8.self)
    }
}
