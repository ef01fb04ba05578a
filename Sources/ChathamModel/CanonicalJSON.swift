import Foundation

/// RFC 8785 JSON Canonicalization Scheme (JCS): the one byte sequence a JSON value has, so
/// that a signature made here verifies in any other JCS implementation.
///
/// - no whitespace;
/// - object members sorted by the UTF-16 code units of their names, recursively;
/// - strings with only `"`, `\` and U+0000–U+001F escaped (`\b \t \n \f \r`, else `\u00xx`);
/// - numbers as ECMAScript's `Number.prototype.toString` writes them (`1`, not `1.0`; `1e+21`).
public enum CanonicalJSON {
    /// The canonical UTF-8 bytes of `value`.
    public static func encode(_ value: JSONValue) -> [UInt8] {
        var out = [UInt8]()
        write(value, into: &out)
        return out
    }

    /// The canonical UTF-8 bytes of an `Encodable` value, via its JSON form.
    ///
    /// Throws if the value cannot be JSON (a NaN or infinite number, for one).
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        encode(try JSONValueEncoder().encode(value))
    }

    /// ECMAScript's string form of a finite double (RFC 8785 §3.2.2.3).
    public static func numberString(_ d: Double) -> String {
        precondition(d.isFinite, "JSON has no NaN or Infinity")
        if d == 0 { return "0" }  // also -0
        // Swift's description is the shortest digit string that round-trips, the same digits
        // ECMAScript picks; only the layout differs, so take the digits and re-lay them out.
        let text = abs(d).description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...])!
        }
        let intPart: Substring
        let fracPart: Substring
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = mantissa[..<dot]
            fracPart = mantissa[mantissa.index(after: dot)...]
        } else {
            intPart = mantissa
            fracPart = ""
        }
        var digits = Array(intPart + fracPart)
        // value = 0.d1d2…dk × 10^n
        var n = intPart.count + exponent
        while let first = digits.first, first == "0" { digits.removeFirst(); n -= 1 }
        while let last = digits.last, last == "0" { digits.removeLast() }
        let k = digits.count
        let ds = String(digits)
        var s: String
        if k <= n && n <= 21 {
            s = ds + String(repeating: "0", count: n - k)
        } else if 0 < n && n <= 21 {
            s = String(digits[..<n]) + "." + String(digits[n...])
        } else if -6 < n && n <= 0 {
            s = "0." + String(repeating: "0", count: -n) + ds
        } else {
            let e = n - 1
            let sign = e < 0 ? "-" : "+"
            s = String(digits[0]) + (k > 1 ? "." + String(digits[1...]) : "") + "e" + sign + String(abs(e))
        }
        if d < 0 { s = "-" + s }
        return s
    }

    private static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: Array("null".utf8))
        case .bool(let b): out.append(contentsOf: Array((b ? "true" : "false").utf8))
        case .number(let d): out.append(contentsOf: Array(numberString(d).utf8))
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let keys = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            for (n, key) in keys.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(members[key]!, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ s: String, into out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x00...0x1F:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default:
                out.append(byte)  // UTF-8 bytes of everything else, verbatim
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
