import Foundation

// Codable straight to and from `JSONValue`, without text in between.
//
// The server's ingest path parses a sealed plaintext once (strictly, with `JSONValue`) and must
// then read a credential and a report from it and write the report's canonical form; going
// through Foundation's JSONSerialization, JSONDecoder and JSONEncoder for that cost most of a
// submission's CPU time. These two types keep `Codable` (so `Report`'s strict decoding, its
// unknown-field checks and its error paths stay the only definition) and drop the text.
//
// Semantics follow JSONDecoder/JSONEncoder's defaults: numbers are doubles and an integer type
// accepts only an integral number in range; strings, booleans and numbers never convert into one
// another; a missing key is `keyNotFound`, a null where a value is needed `valueNotFound`;
// `Data` is base64 and `Date` seconds since 2001, as JSONEncoder's default strategies write them.

/// Decodes a `Decodable` value from a parsed `JSONValue`.
public struct JSONValueDecoder: Sendable {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try ValueDecoder(value: value, path: nil).decodeValue(type)
    }
}

/// Encodes an `Encodable` value as a `JSONValue`.
public struct JSONValueEncoder: Sendable {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        try ValueEncoder.box(value, codingPath: []).value
    }
}

/// An array position in a coding path (`actions[0]`).
struct IndexCodingKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue!)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

// MARK: Decoding

/// A coding path as a linked list: a child costs one small node, and the array `codingPath`
/// is only built when something asks (an error, a nested type's own code).
private final class PathNode: Sendable {
    let key: any CodingKey
    let parent: PathNode?
    init(_ key: any CodingKey, _ parent: PathNode?) { self.key = key; self.parent = parent }

    static func keys(_ node: PathNode?) -> [any CodingKey] {
        var keys: [any CodingKey] = []
        var n = node
        while let current = n { keys.append(current.key); n = current.parent }
        return keys.reversed()
    }
}

private struct ValueDecoder: Decoder {
    let value: JSONValue
    let path: PathNode?
    var codingPath: [any CodingKey] { PathNode.keys(path) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw mismatch([String: Any].self, codingPath)
        }
        return KeyedDecodingContainer(KeyedContainer(members: members, path: path))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw mismatch([Any].self, codingPath) }
        return UnkeyedContainer(elements: elements, path: path)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func mismatch(_ type: Any.Type, _ path: [any CodingKey]) -> DecodingError {
        let found: String
        switch value {
        case .null: found = "null"
        case .bool: found = "a boolean"
        case .number: found = "a number"
        case .string: found = "a string"
        case .array: found = "an array"
        case .object: found = "an object"
        }
        return .typeMismatch(type, .init(codingPath: path, debugDescription: "Expected \(type) but found \(found) instead."))
    }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        // The common leaf types without a nested decoder.
        if type == String.self { return try decode(String.self) as! T }
        if type == Bool.self { return try decode(Bool.self) as! T }
        if type == Int.self { return try decode(Int.self) as! T }
        if type == Double.self { return try decode(Double.self) as! T }
        if type == [String].self {
            guard case .array(let elements) = value else {
                if case .null = value { throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "Expected a list but found null.")) }
                throw mismatch([Any].self, codingPath)
            }
            return try elements.enumerated().map { i, element in
                try ValueDecoder(value: element, path: PathNode(IndexCodingKey(i), path)).decode(String.self)
            } as! T
        }
        if type == Data.self {
            let text = try decode(String.self)
            guard let data = Data(base64Encoded: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "Encountered Data is not valid Base64."))
            }
            return data as! T
        }
        if type == Date.self { return Date(timeIntervalSinceReferenceDate: try decode(Double.self)) as! T }
        return try T(from: self)
    }
}

extension ValueDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool { value == .null }

    private func notNull(_ type: Any.Type) throws {
        if case .null = value {
            throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "Expected \(type) value but found null instead."))
        }
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        try notNull(type)
        guard case .bool(let b) = value else { throw mismatch(type, codingPath) }
        return b
    }

    func decode(_ type: String.Type) throws -> String {
        try notNull(type)
        guard case .string(let s) = value else { throw mismatch(type, codingPath) }
        return s
    }

    func decode(_ type: Double.Type) throws -> Double {
        try notNull(type)
        guard case .number(let d) = value else { throw mismatch(type, codingPath) }
        return d
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    private func integer<I: BinaryInteger>(_ type: I.Type) throws -> I {
        let d = try decode(Double.self)
        guard let i = I(exactly: d) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "Parsed JSON number <\(d)> does not fit in \(type)."))
        }
        return i
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONValue]
    let path: PathNode?
    var codingPath: [any CodingKey] { PathNode.keys(path) }

    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func child(_ key: Key) throws -> ValueDecoder {
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "No value associated with key \(key.stringValue)."))
        }
        return ValueDecoder(value: value, path: PathNode(key, path))
    }

    func decodeNil(forKey key: Key) throws -> Bool { try child(key).decodeNil() }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try child(key).decode(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try child(key).decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try child(key).decode(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try child(key).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try child(key).decode(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try child(key).decode(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try child(key).decode(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try child(key).decode(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try child(key).decode(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try child(key).decode(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try child(key).decode(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try child(key).decode(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try child(key).decode(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try child(key).decode(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try child(key).decodeValue(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ValueDecoder(value: members["super"] ?? .null, path: PathNode(AnyCodingKey(stringValue: "super"), path))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        ValueDecoder(value: members[key.stringValue] ?? .null, path: PathNode(key, path))
    }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let path: PathNode?
    var codingPath: [any CodingKey] { PathNode.keys(path) }
    var currentIndex = 0

    init(elements: [JSONValue], path: PathNode?) {
        self.elements = elements
        self.path = path
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next(_ type: Any.Type) throws -> ValueDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: codingPath + [IndexCodingKey(currentIndex)], debugDescription: "Unkeyed container is at end."))
        }
        defer { currentIndex += 1 }
        return ValueDecoder(value: elements[currentIndex], path: PathNode(IndexCodingKey(currentIndex), path))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw DecodingError.valueNotFound(Any?.self, .init(codingPath: codingPath + [IndexCodingKey(currentIndex)], debugDescription: "Unkeyed container is at end.")) }
        if elements[currentIndex] == .null { currentIndex += 1; return true }
        return false
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next(type).decode(type) }
    mutating func decode(_ type: String.Type) throws -> String { try next(type).decode(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next(type).decode(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try next(type).decode(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next(type).decode(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next(type).decode(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next(type).decode(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next(type).decode(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next(type).decode(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next(type).decode(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next(type).decode(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next(type).decode(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next(type).decode(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next(type).decode(type) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(type).decodeValue(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next(type).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next([Any].self).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try next(Any.self) }
}

// MARK: Encoding

/// A value under construction: containers hand out references so nested containers can fill
/// their part after the parent has been returned.
private final class EncodedNode {
    var scalar: JSONValue?
    var object: [String: EncodedNode]?
    var array: [EncodedNode]?

    init() {}
    init(_ value: JSONValue) { scalar = value }

    var value: JSONValue {
        if let object { return .object(object.mapValues(\.value)) }
        if let array { return .array(array.map(\.value)) }
        return scalar ?? .object([:])  // an encode(to:) that wrote nothing is `{}`, as JSONEncoder has it
    }

    func makeObject() -> EncodedNode {
        if object == nil { object = [:]; array = nil; scalar = nil }
        return self
    }

    func makeArray() -> EncodedNode {
        if array == nil { array = []; object = nil; scalar = nil }
        return self
    }
}

private final class ValueEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    let node = EncodedNode()

    init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

    /// `value` as a node, with fast paths for the leaf types.
    static func box<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> EncodedNode {
        switch value {
        case let s as String: return EncodedNode(.string(s))
        case let b as Bool: return EncodedNode(.bool(b))
        case let i as Int: return EncodedNode(.number(Double(i)))
        case let d as Double: return EncodedNode(try number(d, codingPath))
        case let strings as [String]: return EncodedNode(.array(strings.map { .string($0) }))
        case let data as Data: return EncodedNode(.string(data.base64EncodedString()))
        case let date as Date: return EncodedNode(try number(date.timeIntervalSinceReferenceDate, codingPath))
        case let json as JSONValue: return EncodedNode(json)
        default:
            let encoder = ValueEncoder(codingPath: codingPath)
            try value.encode(to: encoder)
            return encoder.node
        }
    }

    static func number(_ d: Double, _ codingPath: [any CodingKey]) throws -> JSONValue {
        guard d.isFinite else {
            throw EncodingError.invalidValue(d, .init(codingPath: codingPath, debugDescription: "Unable to encode \(d) directly in JSON."))
        }
        return .number(d)
    }

    static func integer<I: BinaryInteger>(_ i: I) -> JSONValue { .number(Double(i)) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedEncoder(node: node.makeObject(), codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedEncoder(node: node.makeArray(), codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleEncoder(node: node, codingPath: codingPath) }
}

private struct KeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodedNode
    let codingPath: [any CodingKey]

    private func set(_ value: JSONValue, _ key: Key) { node.object![key.stringValue] = EncodedNode(value) }

    mutating func encodeNil(forKey key: Key) throws { set(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(try ValueEncoder.number(value, codingPath + [key]), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { set(try ValueEncoder.number(Double(value), codingPath + [key]), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(ValueEncoder.integer(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(ValueEncoder.integer(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(ValueEncoder.integer(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(ValueEncoder.integer(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(ValueEncoder.integer(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(ValueEncoder.integer(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(ValueEncoder.integer(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(ValueEncoder.integer(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(ValueEncoder.integer(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(ValueEncoder.integer(value), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.object![key.stringValue] = try ValueEncoder.box(value, codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodedNode().makeObject()
        node.object![key.stringValue] = child
        return KeyedEncodingContainer(KeyedEncoder<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = EncodedNode().makeArray()
        node.object![key.stringValue] = child
        return UnkeyedEncoder(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named name: String) -> any Encoder {
        let encoder = ValueEncoder(codingPath: codingPath + [AnyCodingKey(stringValue: name)])
        node.object![name] = encoder.node
        return encoder
    }
}

private struct UnkeyedEncoder: UnkeyedEncodingContainer {
    let node: EncodedNode
    let codingPath: [any CodingKey]
    var count: Int { node.array!.count }

    private func append(_ value: JSONValue) { node.array!.append(EncodedNode(value)) }
    private var nextPath: [any CodingKey] { codingPath + [IndexCodingKey(count)] }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws { append(try ValueEncoder.number(value, nextPath)) }
    mutating func encode(_ value: Float) throws { append(try ValueEncoder.number(Double(value), nextPath)) }
    mutating func encode(_ value: Int) throws { append(ValueEncoder.integer(value)) }
    mutating func encode(_ value: Int8) throws { append(ValueEncoder.integer(value)) }
    mutating func encode(_ value: Int16) throws { append(ValueEncoder.integer(value)) }
    mutating func encode(_ value: Int32) throws { append(ValueEncoder.integer(value)) }
    mutating func encode(_ value: Int64) throws { append(ValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt) throws { append(ValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt8) throws { append(ValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt16) throws { append(ValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt32) throws { append(ValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt64) throws { append(ValueEncoder.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        node.array!.append(try ValueEncoder.box(value, codingPath: nextPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodedNode().makeObject()
        let path = nextPath
        node.array!.append(child)
        return KeyedEncodingContainer(KeyedEncoder<NestedKey>(node: child, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = EncodedNode().makeArray()
        let path = nextPath
        node.array!.append(child)
        return UnkeyedEncoder(node: child, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = ValueEncoder(codingPath: nextPath)
        node.array!.append(encoder.node)
        return encoder
    }
}

private struct SingleEncoder: SingleValueEncodingContainer {
    let node: EncodedNode
    let codingPath: [any CodingKey]

    private func set(_ value: JSONValue) { node.scalar = value; node.object = nil; node.array = nil }

    mutating func encodeNil() throws { set(.null) }
    mutating func encode(_ value: Bool) throws { set(.bool(value)) }
    mutating func encode(_ value: String) throws { set(.string(value)) }
    mutating func encode(_ value: Double) throws { set(try ValueEncoder.number(value, codingPath)) }
    mutating func encode(_ value: Float) throws { set(try ValueEncoder.number(Double(value), codingPath)) }
    mutating func encode(_ value: Int) throws { set(ValueEncoder.integer(value)) }
    mutating func encode(_ value: Int8) throws { set(ValueEncoder.integer(value)) }
    mutating func encode(_ value: Int16) throws { set(ValueEncoder.integer(value)) }
    mutating func encode(_ value: Int32) throws { set(ValueEncoder.integer(value)) }
    mutating func encode(_ value: Int64) throws { set(ValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt) throws { set(ValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt8) throws { set(ValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt16) throws { set(ValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt32) throws { set(ValueEncoder.integer(value)) }
    mutating func encode(_ value: UInt64) throws { set(ValueEncoder.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let boxed = try ValueEncoder.box(value, codingPath: codingPath)
        node.scalar = boxed.scalar
        node.object = boxed.object
        node.array = boxed.array
    }
}
