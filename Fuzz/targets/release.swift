// Fuzz target: release verification as `chatham verify` does it (parse, canonicalise, check the
// Ed25519 signature), with and without a pinned key, plus decoding into `ReleaseDocument`.
// Compiled into module ChathamClient.
import ChathamCrypto
import ChathamModel
import Foundation

let fuzzPinned = try? SigningPublicKey(bytes: [UInt8](repeating: 7, count: 32))

@_cdecl("LLVMFuzzerTestOneInput")
public func chathamFuzzRelease(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? ReleaseVerifier.verify(json: bytes, trusting: nil)
    _ = try? ReleaseVerifier.verify(json: bytes, trusting: fuzzPinned)
    _ = try? JSONDecoder().decode(ReleaseDocument.self, from: Data(bytes))
    return 0
}
