import ArgumentParser
import ChathamClient
import ChathamCrypto
import Foundation

extension Chatham {
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a release's or digest's signature.",
            discussion: """
                A JSON release or digest carries its signature inside: Ed25519 over the RFC 8785 \
                canonical JSON of the document without its "signature" member. Any digest file \
                (csv, md, html, stix, json) may have a detached signature beside it in FILE.sig: \
                Ed25519 over the file's exact bytes. Every signature present is checked, against \
                the signing key pinned at enrolment when you are enrolled, or the key given with --key.

                Example:
                  chatham verify digest-2026-10.json
                  chatham verify digest-2026-10.html          # uses digest-2026-10.html.sig
                  chatham verify --key 3q2+7w…= digest.csv
                """)

        @Argument(help: ArgumentHelp("Release or digest file, - for standard input (embedded signatures only).", valueName: "file"))
        var file: String

        @Option(help: ArgumentHelp("The detached signature (default: FILE.sig when it exists).", valueName: "sig-file"))
        var signature: String?

        @Option(help: ArgumentHelp("The server's signing key, base64, instead of the pinned one.", valueName: "base64"))
        var key: String?

        func run() async throws {
            let bytes: [UInt8]
            if file == "-" {
                bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            } else {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw ClientError(.io, FileManager.default.fileExists(atPath: file) ? "could not read \(file)" : "\(file) does not exist")
                }
                bytes = [UInt8](data)
            }
            var sigFile: [UInt8]?
            if let signature {
                guard let data = FileManager.default.contents(atPath: signature) else { throw ClientError(.io, "could not read \(signature)") }
                sigFile = [UInt8](data)
            } else if file != "-", let data = FileManager.default.contents(atPath: file + ".sig") {
                sigFile = [UInt8](data)
            }
            var pinned: SigningPublicKey?
            if let key {
                guard let raw = try? Encoding.fromBase64(key), let k = try? SigningPublicKey(bytes: raw) else {
                    throw ClientError(.usage, "--key is not a base64 Ed25519 public key (32 bytes)")
                }
                pinned = k
            } else {
                pinned = try ConfigStore(home: ChathamHome.fromEnvironment()).loadIfPresent()?.signingPublicKey()
            }
            let result = try DigestVerifier.verify(bytes: bytes, sigFile: sigFile, trusting: pinned)
            let what = [result.embedded ? "embedded signature" : nil, result.detached ? "detached signature" : nil].compactMap { $0 }.joined(separator: " and ")
            Console.out("OK: \(what) by \(result.key)")
            if !result.pinned {
                Console.note("not enrolled and no --key, so the key was not compared with a pinned one; compare it with your server's signing key")
            }
        }
    }
}
