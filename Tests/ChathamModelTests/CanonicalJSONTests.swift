import Foundation
import Testing
@testable import ChathamModel

@Suite struct CanonicalJSONTests {
    func canonical(_ json: String) throws -> String {
        String(decoding: CanonicalJSON.encode(try JSONValue(data: Data(json.utf8))), as: UTF8.self)
    }

    /// RFC 8785 §3.2.2, the sample input and its canonical form.
    @Test func rfc8785Sample() throws {
        let input = #"""
        {
          "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
          "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
          "literals": [null, true, false]
        }
        """#
        let expected = #"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        #expect(try canonical(input) == expected)
    }

    /// RFC 8785 §3.2.3: member names sorted by UTF-16 code units.
    @Test func rfc8785Sorting() throws {
        let input = #"""
        {
          "\u20ac": "Euro Sign",
          "\r": "Carriage Return",
          "\ufb33": "Hebrew Letter Dalet With Dagesh",
          "1": "One",
          "\ud83d\ude00": "Emoji: Grinning Face",
          "\u0080": "Control",
          "\u00f6": "Latin Small Letter O With Diaeresis"
        }
        """#
        let expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u{80}\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\",\"\u{FB33}\":\"Hebrew Letter Dalet With Dagesh\"}"
        #expect(try canonical(input) == expected)
    }

    /// RFC 8785 Appendix B: IEEE 754 bit patterns and their ECMAScript text.
    @Test(arguments: [
        (0x0000000000000000, "0"),
        (0x8000000000000000, "0"),
        (0x0000000000000001, "5e-324"),
        (0x8000000000000001, "-5e-324"),
        (0x7fefffffffffffff, "1.7976931348623157e+308"),
        (0xffefffffffffffff, "-1.7976931348623157e+308"),
        (0x4340000000000000, "9007199254740992"),
        (0xc340000000000000, "-9007199254740992"),
        (0x4430000000000000, "295147905179352830000"),
        (0x44b52d02c7e14af5, "9.999999999999997e+22"),
        (0x44b52d02c7e14af6, "1e+23"),
        (0x44b52d02c7e14af7, "1.0000000000000001e+23"),
        (0x444b1ae4d6e2ef4e, "999999999999999700000"),
        (0x444b1ae4d6e2ef4f, "999999999999999900000"),
        (0x444b1ae4d6e2ef50, "1e+21"),
        (0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"),
        (0x3eb0c6f7a0b5ed8d, "0.000001"),
        (0x41b3de4355555553, "333333333.3333332"),
        (0x41b3de4355555554, "333333333.33333325"),
        (0x41b3de4355555555, "333333333.3333333"),
        (0x41b3de4355555556, "333333333.3333334"),
        (0x41b3de4355555557, "333333333.33333343"),
        (0xbecbf647612f3696, "-0.0000033333333333333333"),
        (0x43143ff3c1cb0959, "1424953923781206.2"),
    ] as [(UInt64, String)])
    func rfc8785Numbers(bits: UInt64, expected: String) throws {
        let d = Double(bitPattern: bits)
        #expect(CanonicalJSON.numberString(d) == expected)
        // and the text reads back to the same double
        if expected != "0" { #expect(Double(expected)?.bitPattern == bits) }
    }

    @Test func integersHaveNoFraction() throws {
        #expect(try canonical("[1.0, 12, -3.000, 1e2, 0.5, 100000000000000000000, 1e21, 0.000001, 1e-7]")
            == "[1,12,-3,100,0.5,100000000000000000000,1e+21,0.000001,1e-7]")
    }

    @Test func escapes() throws {
        #expect(try canonical(#"["\b\f\n\r\t\u0000\u001f\u007f\u2028/\\\""]"#)
            == "[\"\\b\\f\\n\\r\\t\\u0000\\u001f\u{7f}\u{2028}/\\\\\\\"\"]")
    }

    @Test func encodableValuesGoThroughTheSameRules() throws {
        struct S: Encodable { let b: Double; let a: Int; let c: String?; let z: [Int] }
        let text = String(decoding: try CanonicalJSON.encode(S(b: 0.85, a: 12, c: nil, z: [])), as: UTF8.self)
        #expect(text == #"{"a":12,"b":0.85,"z":[]}"#)
        #expect(throws: (any Error).self) { try CanonicalJSON.encode([Double.nan]) }
    }

    @Test func parserIsStrict() {
        let bad = ["", " ", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "-", "1e", "+1", "NaN", "1e400", "[1] x",
                   "{\"a\":1,\"a\":1}", "\"\\ud800\"", "\"\\udc00\"", "\"\\x41\"", "\"tab\there\"", "'single'",
                   "\u{FEFF}{}", "{a:1}", "[" + String(repeating: "[", count: 100) + String(repeating: "]", count: 101)]
        for text in bad {
            #expect(throws: JSONParseError.self, "accepted \(text.debugDescription)") { try JSONValue(data: Data(text.utf8)) }
        }
        #expect(throws: JSONParseError.self) { try JSONValue(bytes: [0x22, 0xFF, 0x22]) }  // invalid UTF-8
        #expect((try? JSONValue(data: Data("{\"a\":[1,true,null,\"x\",{\"b\":-0.5e1}]}".utf8))) ==
            .object(["a": .array([.number(1), .bool(true), .null, .string("x"), .object(["b": .number(-5)])])]))
    }

    @Test func jsonValueCodable() throws {
        let v: JSONValue = .object(["a": .array([.number(1.5), .bool(false), .null, .string("é")])])
        let data = try JSONEncoder().encode(v)
        #expect(try JSONDecoder().decode(JSONValue.self, from: data) == v)
        #expect(v["a"] == .array([.number(1.5), .bool(false), .null, .string("é")]))
    }
}
