// Fuzz target: report decoding (JSON bytes and YAML-or-JSON text) and validation. Compiled into
// module ChathamModel. Every decoded report is validated; a report that validates must also
// survive encode → decode (the server stores the canonical encoding). The ingest path's
// `FastReportReader` must agree with `Report.init(from:)` on every parsed document: the same report,
// or nil where Codable refuses.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func chathamFuzzReport(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let value = try? JSONValue(bytes: bytes) {
        let fast = FastReportReader.read(value)
        let reference = try? ReportCodec.decodeWithCodable(value: value)
        precondition(fast == nil || fast == reference, "the fast reader and Codable disagree")
    }
    if let report = try? ReportCodec.decode(json: bytes) {
        if ReportValidator.validate(report).isEmpty {
            let again = try? ReportCodec.decode(json: ReportCodec.encodeJSON(report))
            precondition(again != nil, "a valid report does not round-trip through its JSON encoding")
        }
    }
    if size <= 16_384, let text = String(validating: bytes, as: UTF8.self),
       let report = try? ReportCodec.decode(yamlOrJSON: text) {
        _ = ReportValidator.validate(report)
    }
    return 0
}
