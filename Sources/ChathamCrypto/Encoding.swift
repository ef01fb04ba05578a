import Foundation

/// Lowercase hex and standard base64 (with padding), the two encodings of the protocol.
public enum Encoding {
    /// Lowercase hex.
    public static func hex<B: Sequence>(_ bytes: B) -> String where B.Element == UInt8 {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses hex (either case); throws on odd length or a non-hex character.
    public static func fromHex(_ text: String) throws -> [UInt8] {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { throw CryptoError(.encodingFailed, "hex has an odd number of digits") }
        var out = [UInt8]()
        out.reserveCapacity(chars.count / 2)
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        var i = 0
        while i < chars.count {
            guard let hi = nibble(chars[i]), let lo = nibble(chars[i + 1]) else {
                throw CryptoError(.encodingFailed, "not a hex string")
            }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    /// Standard base64 with padding.
    public static func base64(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
    }

    /// Strict standard base64 with padding: no whitespace, no URL alphabet, canonical padding.
    public static func fromBase64(_ text: String) throws -> [UInt8] {
        guard let data = Data(base64Encoded: text), Data(data).base64EncodedString() == text else {
            throw CryptoError(.encodingFailed, "not standard base64 with padding")
        }
        return [UInt8](data)
    }

    /// base64url without padding, used for member tokens.
    public static func base64URL(_ bytes: [UInt8]) -> String {
        base64(bytes).replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
