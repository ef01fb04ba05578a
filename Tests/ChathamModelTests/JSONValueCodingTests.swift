import Foundation
import Testing
@testable import ChathamModel

/// `JSONValueDecoder`/`JSONValueEncoder` must read and write exactly what Foundation's
/// JSONDecoder/JSONEncoder do for our types: the ingest path relies on it.
@Suite struct JSONValueCodingTests {
    enum Outcome: Equatable {
        case success(Report)
        case failure(String)
    }

    private func foundationReport(_ json: String) -> Outcome {
        do { return .success(try JSONDecoder().decode(Report.self, from: Data(json.utf8))) } catch let e as ValidationError {
            return .failure(e.description)
        } catch let e as DecodingError { return .failure(e.validationError.description) } catch { return .failure("\(error)") }
    }

    private func valueReport(_ json: String) -> Outcome {
        do {
            return .success(try JSONValueDecoder().decode(Report.self, from: JSONValue(bytes: Array(json.utf8))))
        } catch let e as ValidationError { return .failure(e.description) } catch let e as DecodingError {
            return .failure(e.validationError.description)
        } catch { return .failure("\(error)") }
    }

    @Test func decodesTheDesignExampleLikeJSONDecoder() throws {
        let json = String(decoding: ReportCodec.encodeJSON(designExample), as: UTF8.self)
        #expect(valueReport(json) == .success(designExample))
        #expect(valueReport(json) == foundationReport(json))
    }

    /// Each mutation breaks the document in one place; both decoders must give the same verdict
    /// with the same path and words.
    static let mutations: [(String, String)] = [
        ("\"period\":\"2026-10\"", "\"period\":true"),                        // boolean for a string
        ("\"period\":\"2026-10\"", "\"period\":null"),                        // null for a required string
        ("\"period\":\"2026-10\"", "\"perod\":\"2026-10\""),                // unknown + missing
        ("\"share_narrative\":true", "\"share_narrative\":\"yes\""),          // string for a bool
        ("\"techniques\":[", "\"techniques\":[1,"),                             // wrong element type
        ("\"discovery\":\"internal\"", "\"discovery\":[\"internal\"]"),      // list for a string
        ("\"victim\":{", "\"victim\":{\"extra\":1,"),                         // unknown nested field
        ("\"actions\":[{", "\"actions\":[{\"vector\":\"email\"},{"),        // missing field in element 0
        ("\"share_narrative\":true", "\"share_narrative\":true,\"shared\":1"), // unknown top-level field
    ]

    @Test(arguments: 0..<mutations.count)
    func refusesLikeJSONDecoder(mutation: Int) throws {
        let (original, replacement) = Self.mutations[mutation]
        var example = designExample
        example.shareNarrative = true
        let json = String(decoding: ReportCodec.encodeJSON(example), as: UTF8.self)
        #expect(json.contains(original))
        let broken = json.replacingOccurrences(of: original, with: replacement)
        let value = valueReport(broken)
        guard case .failure = value else {
            Issue.record("accepted: \(broken)")
            return
        }
        #expect(value == foundationReport(broken))
    }

    @Test func encodesLikeJSONEncoder() throws {
        var example = designExample
        example.narrative = "line\none \"quoted\" ünïcode"
        let viaValue = try JSONValueEncoder().encode(example)
        let viaText = try JSONValue(data: JSONEncoder().encode(example))
        #expect(viaValue == viaText)
        #expect(try ReportCodec.decode(json: CanonicalJSON.encode(viaValue)) == example)
    }

    @Test func nonFiniteNumbersAreRefused() {
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode([1.0, .nan]) }
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(["x": Double.infinity]) }
    }

    @Test func integersMustBeIntegralAndInRange() throws {
        #expect(try JSONValueDecoder().decode([Int].self, from: .array([.number(1), .number(-7)])) == [1, -7])
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Int.self, from: .number(1.5)) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(UInt8.self, from: .number(256)) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Int.self, from: .string("1")) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Bool.self, from: .number(1)) }
    }

    @Test func optionalsAndNestedCollectionsRoundTrip() throws {
        struct Sample: Codable, Equatable {
            var a: Int?
            var b: [String: [Double]]
            var c: [[String]]
            var d: String?
        }
        let sample = Sample(a: nil, b: ["x": [1.5, -2]], c: [["p"], []], d: "q")
        let value = try JSONValueEncoder().encode(sample)
        #expect(value == (try JSONValue(data: JSONEncoder().encode(sample))))
        #expect(try JSONValueDecoder().decode(Sample.self, from: value) == sample)
        // An explicit null reads as nil, as JSONDecoder has it.
        guard case .object(var members) = value else { Issue.record("not an object"); return }
        members["a"] = .null
        #expect(try JSONValueDecoder().decode(Sample.self, from: .object(members)).a == nil)
    }
}
