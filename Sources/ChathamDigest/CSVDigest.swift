import ChathamModel

/// RFC 4180 CSV in long format: a header `period,table,<every dimension of the release>,count,status`
/// and one row per cell. A dimension a table does not have is empty; `*` marks a margin; a
/// suppressed cell has an empty count. CRLF line ends, fields quoted only when they must be.
public enum CSVDigest {
    public static func render(_ release: ReleaseDocument) -> [UInt8] {
        let dims = dimensions(of: release)
        var out = ""
        out += line(["period", "table"] + dims + ["count", "status"])
        for table in release.tables {
            for cell in table.cells {
                let values = dims.map { table.dimensions.contains($0) ? (cell.key[$0] ?? "") : "" }
                out += line([release.period, table.name] + values + [cell.count.map(String.init) ?? "", cell.status.rawValue])
            }
        }
        return Array(out.utf8)
    }

    /// Every dimension of the release, in the order tables first name them.
    static func dimensions(of release: ReleaseDocument) -> [String] {
        var seen = Set<String>()
        return release.tables.flatMap(\.dimensions).filter { seen.insert($0).inserted }
    }

    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A parse failure, with the 1-based record number.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var record: Int
        public var reason: String
        public var description: String { "CSV record \(record): \(reason)" }
    }

    /// Reads RFC 4180 records (CRLF or LF line ends, quoted fields with doubled quotes).
    public static func records(_ bytes: [UInt8]) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var i = 0
        var quoted = false
        var wasQuoted = false
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field = []
            wasQuoted = false
        }
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == 0x22 {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                    quoted = false
                } else {
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case 0x22:
                guard field.isEmpty, !wasQuoted else { throw ParseError(record: records.count + 1, reason: "a quote inside an unquoted field") }
                quoted = true
                wasQuoted = true
            case 0x2C:
                endField()
            case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A:
                break
            case 0x0A:
                endField()
                records.append(record)
                record = []
            default:
                guard !wasQuoted else { throw ParseError(record: records.count + 1, reason: "text after a closing quote") }
                field.append(b)
            }
            i += 1
        }
        if quoted { throw ParseError(record: records.count + 1, reason: "an unterminated quoted field") }
        if !field.isEmpty || !record.isEmpty || wasQuoted {
            endField()
            records.append(record)
        }
        return records
    }

    /// Parses a CSV digest back into the period and tables of the release. A table's dimensions
    /// are the columns its rows fill, in column order; `multi_valued` and the policy are not in
    /// the CSV and come back empty.
    public static func parse(_ bytes: [UInt8]) throws -> (period: String, tables: [ReleaseDocument.Table]) {
        let rows = try records(bytes)
        guard let header = rows.first, header.count >= 4, header[0] == "period", header[1] == "table",
              header[header.count - 2] == "count", header[header.count - 1] == "status" else {
            throw ParseError(record: 1, reason: "the header is not period,table,…,count,status")
        }
        let dims = Array(header[2..<(header.count - 2)])
        var period: String?
        var order: [String] = []
        var cells: [String: [ReleaseDocument.Cell]] = [:]
        var tableDims: [String: [String]] = [:]
        for (i, row) in rows.dropFirst().enumerated() {
            let number = i + 2
            guard row.count == header.count else { throw ParseError(record: number, reason: "has \(row.count) fields, the header \(header.count)") }
            if let period, period != row[0] { throw ParseError(record: number, reason: "a second period \(row[0])") }
            period = row[0]
            let name = row[1]
            var key: [String: String] = [:]
            for (j, d) in dims.enumerated() where !row[2 + j].isEmpty { key[d] = row[2 + j] }
            let used = dims.filter { key[$0] != nil }
            if let known = tableDims[name] {
                guard known == used else { throw ParseError(record: number, reason: "table \(name) with other dimensions than before") }
            } else {
                tableDims[name] = used
                order.append(name)
            }
            guard let status = ReleaseDocument.Status(rawValue: row[header.count - 1]) else {
                throw ParseError(record: number, reason: "status must be published or suppressed")
            }
            let countText = row[header.count - 2]
            let count: Int?
            switch status {
            case .published:
                guard let c = Int(countText), c >= 0 else { throw ParseError(record: number, reason: "a published cell needs a count") }
                count = c
            case .suppressed:
                guard countText.isEmpty else { throw ParseError(record: number, reason: "a suppressed cell has no count") }
                count = nil
            }
            cells[name, default: []].append(ReleaseDocument.Cell(key: key, count: count, status: status))
        }
        guard let period else { throw ParseError(record: 2, reason: "no cells") }
        return (period, order.map { ReleaseDocument.Table(name: $0, dimensions: tableDims[$0]!, cells: cells[$0]!) })
    }
}
