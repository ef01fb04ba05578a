// Fuzz target: member profile parsing (YAML) and building a scrubber from what parses.
// Compiled into module ChathamScrub.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func chathamFuzzProfile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size <= 16_384 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let profile = try? MemberProfile.parse(yaml: text) {
        _ = Scrubber(profile: profile).scrub("Acme Bank staff e-mailed jane@acme.example from 203.0.113.7")
    }
    return 0
}
