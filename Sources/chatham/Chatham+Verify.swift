import ArgumentParser
import ChathamClient
import Foundation

extension Chatham {
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a release's or JSON digest's signature.",
            discussion: """
                Verifies the Ed25519 signature over the RFC 8785 canonical JSON of the document \
                without its "signature" member. When you are enrolled, the signing key must also be \
                the one pinned at enrolment.

                Example:
                  chatham verify digest-2026-10.json
                """)

        @Argument(help: ArgumentHelp("Release or digest JSON file, - for standard input.", valueName: "file"))
        var file: String

        func run() async throws {
            let text = try readInput(file)
            let pinned = try ConfigStore(home: ChathamHome.fromEnvironment()).loadIfPresent()?.signingPublicKey()
            let key = try ReleaseVerifier.verify(json: Array(text.utf8), trusting: pinned)
            Console.out("OK: signed by \(key)")
            if pinned == nil {
                Console.note("not enrolled, so the key was not compared with a pinned one; compare it with your server's signing key")
            }
        }
    }
}
