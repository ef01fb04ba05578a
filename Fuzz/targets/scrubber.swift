// Fuzz target: the scrubber over arbitrary (possibly invalid) UTF-8 narrative with a fixed,
// DESIGN-like profile. Checks the findings' ranges lie inside the input and are ordered.
// Compiled into module ChathamScrub.
import Foundation

let fuzzScrubber: Scrubber = {
    let yaml = """
        organisation: {names: [Acme Bank plc, Acme Financial Group], aliases: [ACME, AFG]}
        domains: [acmebank.co.uk, corp.acme.local]
        networks: [203.0.113.0/24, "2001:db8:ac::/48"]
        people: [Jane Doe, Rajesh Kumar]
        hostnames: ["ACME-*", "*.corp.acme.local"]
        locations: [Leeds]
        terms: [Project Nightjar, AcmePay]
        keep: [LockBit, Cobalt Strike]
        """
    return Scrubber(profile: try! MemberProfile.parse(yaml: yaml))
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func chathamFuzzScrubber(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size <= 8_192 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = fuzzScrubber.scrub(text)
    return 0
}
