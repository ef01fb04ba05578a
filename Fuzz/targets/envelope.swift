// Fuzz target: the server's envelope parsing (`Envelope.parse`, `Envelope.parsePlaintext`).
// Compiled into module ChathamServer (see Fuzz/build.py), so it calls the internal parser the
// route uses. Any thrown error is a correct refusal; only a trap, a leak or an error that is not
// an `APIError` with a 4xx status is a finding.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func chathamFuzzEnvelope(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for parse in [{ _ = try Envelope.parse(bytes) }, { _ = try Envelope.parsePlaintext(bytes) }] {
        do { try parse() } catch let error as APIError {
            precondition(error.status.code >= 400 && error.status.code < 500, "non-4xx refusal \(error.code)")
        } catch {
            preconditionFailure("envelope parsing threw a non-API error: \(type(of: error))")
        }
    }
    return 0
}
