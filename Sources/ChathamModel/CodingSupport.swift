/// A coding key for any member name: used to list the members a document actually has,
/// so that unknown ones are rejected rather than silently dropped.
struct AnyCodingKey: CodingKey, Hashable {
    let stringValue: String
    let intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue; self.intValue = nil }
    init?(intValue: Int) { self.stringValue = String(intValue); self.intValue = intValue }
}

/// Renders a coding path in the report's own notation: `actions[0].variety`.
func fieldPath(_ codingPath: [any CodingKey]) -> String {
    var out = ""
    for key in codingPath {
        if let index = key.intValue, !(key is AnyCodingKey) {
            out += "[\(index)]"
        } else {
            if !out.isEmpty { out += "." }
            out += key.stringValue
        }
    }
    return out
}

extension Decoder {
    /// Throws a `ValidationError` naming the first member not in `known`.
    ///
    /// A typo such as `varietty:` must not vanish: the member would think it reported a
    /// variety that never reaches the statistics.
    func rejectUnknownKeys<K: CodingKey & CaseIterable>(_ keys: K.Type) throws {
        // On every submission, for every nested object: no key paths (in a generic context each
        // one is built at run time from its mangled name) and no sets, just `K(stringValue:)`.
        let container = try self.container(keyedBy: AnyCodingKey.self)
        var unknown: [String] = []
        for key in container.allKeys where K(stringValue: key.stringValue) == nil { unknown.append(key.stringValue) }
        // Sorted so the same document always reports the same key first.
        if let first = unknown.min() {
            let path = fieldPath(codingPath + [AnyCodingKey(stringValue: first)])
            throw ValidationError(at: path, "unknown field", allowed: K.allCases.map { $0.stringValue })
        }
    }
}

extension KeyedDecodingContainer {
    /// A string that YAML may have written as a bare number (`sector: 52`).
    func decodeLenientString(forKey key: Key) throws -> String {
        if let s = try? decode(String.self, forKey: key) { return s }
        if let i = try? decode(Int.self, forKey: key) { return String(i) }
        return try decode(String.self, forKey: key)  // rethrows the original, well-located error
    }

    func decodeLenientStringIfPresent(forKey key: Key) throws -> String? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeLenientString(forKey: key)
    }
}

extension DecodingError {
    /// The same failure as a `ValidationError` with the report's field path.
    var validationError: ValidationError {
        switch self {
        case .keyNotFound(let key, let context):
            return ValidationError(at: fieldPath(context.codingPath + [key]), "required field missing")
        case .typeMismatch(let type, let context):
            if context.codingPath.isEmpty {
                return ValidationError(at: "", "expected a mapping of fields (schema, period, …)")
            }
            return ValidationError(at: fieldPath(context.codingPath), "expected \(Self.describe(type))")
        case .valueNotFound(let type, let context):
            return ValidationError(at: fieldPath(context.codingPath), "expected \(Self.describe(type)), found null")
        case .dataCorrupted(let context):
            return ValidationError(at: fieldPath(context.codingPath), context.debugDescription)
        @unknown default:
            return ValidationError(at: "", "the document could not be read")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Double.Type: return "a number"
        default:
            // JSONDecoder names Swift collection types, Yams its node types.
            let name = String(describing: type)
            if name.contains("Array") || name.contains("Sequence") { return "a list" }
            if name.contains("Dictionary") || name.contains("Mapping") { return "a mapping" }
            if name.contains("Scalar") { return "a single value, not a list or mapping" }
            return "a value of another type"
        }
    }
}
