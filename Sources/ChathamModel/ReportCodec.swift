import Foundation
import Yams

/// Reads and writes reports: YAML or JSON on the member's side, canonical JSON inside the
/// sealed envelope.
///
/// Every failure is a `ValidationError` whose path points at the offending member, whether
/// the text was not YAML at all, a member was unknown, or a value had the wrong type.
/// Decoding does not check values against the taxonomy: call `ReportValidator.validate`.
public enum ReportCodec {
    /// Largest report text accepted, in bytes; the sealed envelope allows 64 KiB in all.
    public static let maxSize = 64 * 1024

    /// Reads a report written as YAML, or as JSON when the text is a JSON object.
    ///
    /// YAML scalars are read as the report's types want them: `period: 2026-10` is the
    /// string "2026-10", `sector: 52` the string "52".
    public static func decode(yamlOrJSON text: String) throws -> Report {
        guard text.utf8.count <= maxSize else { throw tooLarge }
        let trimmed = text.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        if trimmed.first == "{" {
            let bytes = Array(trimmed.utf8)
            if (try? JSONValue(bytes: bytes)) != nil {
                return try decode(json: bytes)
            }
            // Not JSON: perhaps a YAML flow mapping. If YAML cannot read it either, the JSON
            // error is the one that helps.
            do {
                return try decodeYAML(text)
            } catch let error as ValidationError where error.path.isEmpty {
                return try decode(json: bytes)
            }
        }
        return try decodeYAML(text)
    }

    /// Reads a partial report written as YAML: every field it lacks (or leaves empty) takes its
    /// value from `defaults`, member by member inside `victim`, `actor`, `timeline` and `impact`;
    /// lists given replace the default lists. Unknown fields and wrong types are errors with
    /// their path, as in `decode(yamlOrJSON:)`. For `chatham new --from FILE`.
    public static func decode(partialYAML text: String, defaults: Report) throws -> Report {
        guard text.utf8.count <= maxSize else { throw tooLarge }
        let partial: Node
        do {
            partial = try Yams.compose(yaml: text) ?? Node.mapping(Node.Mapping([]))
        } catch let error as YamlError {
            throw ValidationError(at: "", "not valid YAML: \(yamlProblem(error))")
        }
        guard partial.mapping != nil else { throw ValidationError(at: "", "expected a mapping of fields (schema, period, …)") }
        guard let base = try? Yams.compose(yaml: encodeYAML(defaults)) else {
            preconditionFailure("the YAML this codec writes could not be read back")
        }
        let merged: String
        do {
            merged = try Yams.serialize(node: fill(partial, from: base))
        } catch {
            throw ValidationError(at: "", "the partial report could not be completed")
        }
        return try decodeYAML(merged)
    }

    /// `node` with each member of `base` it lacks (or holds as an empty value) added.
    private static func fill(_ node: Node, from base: Node) -> Node {
        guard var members = node.mapping, let defaults = base.mapping else { return node }
        for (key, value) in defaults {
            if let existing = members[key], !isEmpty(existing) {
                members[key] = fill(existing, from: value)
            } else {
                members[key] = value
            }
        }
        return .mapping(members)
    }

    private static func isEmpty(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private static func decodeYAML(_ text: String) throws -> Report {
        do {
            return try YAMLDecoder().decode(Report.self, from: text)
        } catch let error as ValidationError {
            throw error
        } catch let error as DecodingError {
            // Yams wraps every error that is not a DecodingError, ours included.
            if case .dataCorrupted(let context) = error {
                if let inner = context.underlyingError as? ValidationError { throw inner }
                if let inner = context.underlyingError as? YamlError {
                    throw ValidationError(at: "", "not valid YAML: \(yamlProblem(inner))")
                }
            }
            throw error.validationError
        } catch let error as YamlError {
            throw ValidationError(at: "", "not valid YAML: \(yamlProblem(error))")
        }
    }

    /// Reads a report from JSON bytes (strict RFC 8259: no duplicate members, valid UTF-8).
    public static func decode(json: [UInt8]) throws -> Report {
        guard json.count <= maxSize else { throw tooLarge }
        let value: JSONValue
        do {
            value = try JSONValue(bytes: json)
        } catch let error as JSONParseError {
            throw ValidationError(at: "", "not valid JSON: \(error.reason) at byte \(error.offset)")
        }
        return try decode(value: value)
    }

    /// Reads a report from an already parsed JSON value (the server's ingest path parses the
    /// sealed plaintext once and reads the report from it).
    public static func decode(value: JSONValue) throws -> Report {
        guard case .object = value else { throw ValidationError(at: "", "expected a JSON object") }
        // The plain well-formed case without Codable; anything else takes the one definition.
        if let report = FastReportReader.read(value) { return report }
        return try decodeWithCodable(value: value)
    }

    /// `decode(value:)` through `Report.init(from:)` only (the fast reader's reference).
    static func decodeWithCodable(value: JSONValue) throws -> Report {
        guard case .object = value else { throw ValidationError(at: "", "expected a JSON object") }
        do {
            return try JSONValueDecoder().decode(Report.self, from: value)
        } catch let error as ValidationError {
            throw error
        } catch let error as DecodingError {
            throw error.validationError
        }
    }

    /// Reads a report from JSON data; see `decode(json:)`.
    public static func decode(json: Data) throws -> Report {
        try decode(json: [UInt8](json))
    }

    /// The report's RFC 8785 canonical JSON: what goes inside the sealed envelope, byte for
    /// byte the same for the same report.
    public static func encodeJSON(_ report: Report) -> [UInt8] {
        do {
            return try CanonicalJSON.encode(report)
        } catch {
            // A report holds only strings, booleans and lists of them: nothing JSON cannot carry.
            preconditionFailure("a report could not be encoded as JSON: \(error)")
        }
    }

    /// The report as YAML in DESIGN's layout and member order, quoting whatever a YAML reader
    /// could take for something other than a string (`"52"`, `"yes"`, `"2026-10"`).
    public static func encodeYAML(_ report: Report) -> String {
        YAMLWriter.write(report)
    }

    private static let tooLarge = ValidationError(at: "", "the report is larger than \(maxSize / 1024) KiB")

    /// Yams' own text, which can quote whole lines of the input, cut to its first line.
    private static func yamlProblem(_ error: YamlError) -> String {
        let text = "\(error)"
        return text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? text
    }
}
