/// How a report's lists are kept in its row: JSON arrays, so one row (one B-tree entry) holds the
/// whole report and SQLite's own `json_each` can still read them.
///
/// - a flat list of values: `["T1486","T1490"]`;
/// - a list of tuples with optional members: `[["malware","ransomware",null]]`.
///
/// Writing escapes as RFC 8259 requires; reading walks the bytes straight from SQLite's buffer and
/// hands over each string's bytes without making a `String` (escaped strings are decoded into a
/// scratch buffer first). Anything that is not such an array is refused.
public enum StoredList {
    // MARK: Writing

    public static func encode(_ values: [String]) -> String {
        var out = "["
        for (i, v) in values.enumerated() {
            if i > 0 { out += "," }
            append(v, to: &out)
        }
        return out + "]"
    }

    public static func encode(tuples: [[String?]]) -> String {
        var out = "["
        for (i, tuple) in tuples.enumerated() {
            out += i == 0 ? "[" : ",["
            for (j, v) in tuple.enumerated() {
                if j > 0 { out += "," }
                if let v { append(v, to: &out) } else { out += "null" }
            }
            out += "]"
        }
        return out + "]"
    }

    private static func append(_ s: String, to out: inout String) {
        out += "\""
        // Taxonomy ids never need escaping; keep the common case one append.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += s
        } else {
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    // MARK: Reading

    /// Calls `scalar(position, bytes, length)` for each member of a stored list, `position` being the
    /// member's index within its tuple (always 0 in a flat list) and `bytes` nil for `null`.
    /// `tupleEnd` is called after each tuple of a tuple list. Throws on malformed text.
    static func walk(_ p: UnsafePointer<UInt8>, _ n: Int, scratch: inout [UInt8],
                     scalar: (Int, UnsafePointer<UInt8>?, Int) throws -> Void, tupleEnd: () throws -> Void = {}) throws {
        var i = 0
        func skipSpace() { while i < n, p[i] == 0x20 || p[i] == 0x0A || p[i] == 0x0D || p[i] == 0x09 { i += 1 } }
        func expect(_ byte: UInt8) throws {
            skipSpace()
            guard i < n, p[i] == byte else { throw malformed }
            i += 1
        }
        /// Reads one string or null at `i` and hands it to `scalar`.
        func member(_ position: Int) throws {
            skipSpace()
            guard i < n else { throw malformed }
            if p[i] == UInt8(ascii: "n") {
                guard i + 4 <= n, p[i + 1] == UInt8(ascii: "u"), p[i + 2] == UInt8(ascii: "l"), p[i + 3] == UInt8(ascii: "l") else { throw malformed }
                i += 4
                try scalar(position, nil, 0)
                return
            }
            guard p[i] == UInt8(ascii: "\"") else { throw malformed }
            i += 1
            let start = i
            var escaped = false
            while i < n, p[i] != UInt8(ascii: "\"") {
                if p[i] == UInt8(ascii: "\\") { escaped = true; i += 1 }
                i += 1
            }
            guard i < n else { throw malformed }
            let end = i
            i += 1
            if !escaped {
                try scalar(position, p + start, end - start)
            } else {
                try unescape(p + start, end - start, into: &scratch)
                try scratch.withUnsafeBufferPointer { try scalar(position, $0.baseAddress!, $0.count) }
            }
        }
        try expect(UInt8(ascii: "["))
        skipSpace()
        if i < n, p[i] == UInt8(ascii: "]") { i += 1; skipSpace(); guard i == n else { throw malformed }; return }
        while true {
            skipSpace()
            guard i < n else { throw malformed }
            if p[i] == UInt8(ascii: "[") {
                i += 1
                skipSpace()
                if i < n, p[i] == UInt8(ascii: "]") {
                    i += 1
                } else {
                    var position = 0
                    while true {
                        try member(position)
                        position += 1
                        skipSpace()
                        guard i < n else { throw malformed }
                        if p[i] == UInt8(ascii: ",") { i += 1; continue }
                        guard p[i] == UInt8(ascii: "]") else { throw malformed }
                        i += 1
                        break
                    }
                }
                try tupleEnd()
            } else {
                try member(0)
            }
            skipSpace()
            guard i < n else { throw malformed }
            if p[i] == UInt8(ascii: ",") { i += 1; continue }
            guard p[i] == UInt8(ascii: "]") else { throw malformed }
            i += 1
            skipSpace()
            guard i == n else { throw malformed }
            return
        }
    }

    /// The values of a flat stored list.
    static func decode(_ text: String) throws -> [String] {
        var out: [String] = []
        try strings(text) { _, s in out.append(s ?? "") }
        return out
    }

    /// The tuples of a stored tuple list, each padded with nil to `width`.
    static func decode(tuples text: String, width: Int) throws -> [[String?]] {
        var out: [[String?]] = []
        var current: [String?] = []
        try strings(text, tupleEnd: {
            while current.count < width { current.append(nil) }
            out.append(current)
            current = []
        }) { _, s in current.append(s) }
        return out
    }

    private static func strings(_ text: String, tupleEnd: () throws -> Void = {}, _ body: (Int, String?) throws -> Void) throws {
        var text = text
        var scratch: [UInt8] = []
        try text.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { throw malformed }
            try walk(base, buffer.count, scratch: &scratch, scalar: { position, p, n in
                try body(position, p.map { String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self) })
            }, tupleEnd: tupleEnd)
        }
    }

    private static func unescape(_ p: UnsafePointer<UInt8>, _ n: Int, into out: inout [UInt8]) throws {
        out.removeAll(keepingCapacity: true)
        var i = 0
        func hex4() throws -> UInt32 {
            guard i + 4 <= n else { throw malformed }
            var v: UInt32 = 0
            for k in 0..<4 {
                let c = p[i + k]
                let d: UInt8
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - UInt8(ascii: "A") + 10
                default: throw malformed
                }
                v = v << 4 | UInt32(d)
            }
            i += 4
            return v
        }
        while i < n {
            let c = p[i]
            i += 1
            guard c == UInt8(ascii: "\\") else { out.append(c); continue }
            guard i < n else { throw malformed }
            let e = p[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var v = try hex4()
                if (0xD800..<0xDC00).contains(v) {
                    guard i + 2 <= n, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u") else { throw malformed }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw malformed }
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(v) else { throw malformed }
                out.append(contentsOf: String(Character(scalar)).utf8)
            default: throw malformed
            }
        }
    }

    static let malformed = StoreError(.unavailable, "a report's stored list is not a JSON array of strings")
}
