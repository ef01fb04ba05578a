@testable import ChathamModel
import ChathamTestKit
import Testing

/// The ingest path's reader (`FastReportReader`) against the one definition (`Report.init(from:)`):
/// whatever it reads must be what `Codable` reads, and whatever `Codable` refuses it must leave
/// to `Codable` (so the error message is always the definition's).
@Suite struct FastReportReaderTests {
    static func base() throws -> JSONValue {
        var example = designExample
        example.mitigations.append(.init(id: "M1049"))
        example.actions.append(.init(category: "social", variety: nil, vector: "email"))
        return try JSONValue(bytes: ReportCodec.encodeJSON(example))
    }

    /// Every way to replace one member's value, at every level of the document.
    static let replacements: [JSONValue?] = [
        nil, .null, .bool(true), .number(52), .number(1.5), .string(""), .string("x"), .array([]),
        .array([.string("a")]), .array([.null]), .array([.number(1)]), .object([:]), .object(["zz": .string("x")]),
        .array([.object(["category": .string("hacking")])]), .array([.object(["id": .string("M1")])]),
    ]

    /// `value` with the member at `path` replaced (nil removes it).
    static func replacing(_ value: JSONValue, at path: ArraySlice<String>, with new: JSONValue?) -> JSONValue {
        guard let key = path.first else { return new ?? .null }
        switch value {
        case .object(var members):
            if path.count == 1 { members[key] = new } else if let child = members[key] {
                members[key] = replacing(child, at: path.dropFirst(), with: new)
            }
            return .object(members)
        case .array(var elements):
            guard let index = Int(key), elements.indices.contains(index) else { return value }
            if path.count == 1 { if let new { elements[index] = new } else { elements.remove(at: index) } } else {
                elements[index] = replacing(elements[index], at: path.dropFirst(), with: new)
            }
            return .array(elements)
        default: return value
        }
    }

    /// Paths of every member and element in `value`, plus one unknown member per object.
    static func paths(_ value: JSONValue, _ prefix: [String] = []) -> [[String]] {
        switch value {
        case .object(let members):
            return [prefix + ["unknown_member"]] + members.sorted { $0.key < $1.key }.flatMap { key, child in
                [prefix + [key]] + paths(child, prefix + [key])
            }
        case .array(let elements):
            return elements.indices.flatMap { i in [prefix + [String(i)]] + paths(elements[i], prefix + [String(i)]) }
        default: return []
        }
    }

    static func agree(_ value: JSONValue) -> Bool {
        let fast = FastReportReader.read(value)
        switch Result(catching: { try ReportCodec.decodeWithCodable(value: value) }) {
        case .success(let report): return fast == nil || fast == report
        case .failure: return fast == nil
        }
    }

    @Test func readsTheDesignExampleAsCodableDoes() throws {
        let value = try Self.base()
        let fast = try #require(FastReportReader.read(value))
        #expect(fast == (try ReportCodec.decodeWithCodable(value: value)))
        // Optional members absent, present as null, and lists absent: still the fast path.
        let sparse = JSONValue.object(["schema": .string("chatham.report/1"), "period": .string("2026-10"),
                                       "victim": .object(["sector": .string("52"), "size": .string("1-10"), "region": .string("asia")]),
                                       "actor": .object(["kind": .string("internal"), "motive": .null]),
                                       "actions": .array([]), "timeline": .null, "mitigations": .null, "narrative": .null])
        let read = try #require(FastReportReader.read(sparse))
        #expect(read == (try ReportCodec.decodeWithCodable(value: sparse)))
    }

    @Test func agreesWithCodableOnEveryOneMemberChange() throws {
        let base = try Self.base()
        var fastCount = 0, checked = 0
        for path in Self.paths(base) {
            for replacement in Self.replacements {
                let changed = Self.replacing(base, at: path[...], with: replacement)
                #expect(Self.agree(changed), "\(path.joined(separator: ".")) := \(String(describing: replacement))")
                if FastReportReader.read(changed) != nil { fastCount += 1 }
                checked += 1
            }
        }
        // Both outcomes occur: the test would catch a reader that always, or never, answers.
        #expect(fastCount > 50 && fastCount < checked - 50, "\(fastCount) of \(checked) on the fast path")
    }

    @Test func agreesWithCodableOnRandomChanges() throws {
        let base = try Self.base()
        let allPaths = Self.paths(base)
        var g = SplitMix64(state: 5)
        for _ in 0..<2_000 {
            var value = base
            for _ in 0..<(1 + Int(g.next() % 3)) {
                let path = allPaths[Int(g.next() % UInt64(allPaths.count))]
                value = Self.replacing(value, at: path[...], with: Self.replacements[Int(g.next() % UInt64(Self.replacements.count))])
            }
            #expect(Self.agree(value))
        }
    }

    /// The public entry point keeps the definition's messages for what the fast reader leaves.
    @Test func errorsStillComeFromTheDefinition() throws {
        let value = Self.replacing(try Self.base(), at: ["victim", "sizee"], with: .string("x"))
        #expect(throws: ValidationError.self) { try ReportCodec.decode(value: value) }
        do { _ = try ReportCodec.decode(value: value) } catch let error as ValidationError {
            #expect(error.path == "victim.sizee")
        }
        // A YAML-style numeric sector is not the fast path's, but is still read.
        let numeric = Self.replacing(try Self.base(), at: ["victim", "sector"], with: .number(52))
        #expect(FastReportReader.read(numeric) == nil)
        #expect(try ReportCodec.decode(value: numeric).victim.sector == "52")
    }
}
