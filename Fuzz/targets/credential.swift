// Fuzz target: credential decoding as the server does it (JSON → `Credential`, base64 fields),
// then the RSA public-key parse and verification over the decoded bytes. Compiled into module
// ChathamCrypto. Refusals are fine; traps and ASan reports are findings.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func chathamFuzzCredential(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    if let credential = try? JSONDecoder().decode(Credential.self, from: bytes) {
        _ = credential.pseudonym
        // The signature bytes double as a (usually bogus) DER key: exercises the SPKI parser.
        if let key = try? CredentialPublicKey(derRepresentation: credential.signature) {
            _ = key.isValid(preparedMessage: credential.message, signature: credential.signature)
        }
    }
    _ = try? CredentialPublicKey(derRepresentation: Array(bytes))
    return 0
}
