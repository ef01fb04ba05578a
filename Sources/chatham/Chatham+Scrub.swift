import ArgumentParser
import ChathamClient
import ChathamScrub
import Foundation

extension Chatham {
    struct Scrub: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print text with identities and affiliations removed.",
            discussion: """
                Scrubs FILE (or standard input) with your member profile and the generic detectors, \
                as check and submit do for a report's narrative.

                Example:
                  chatham scrub --profile ~/.config/chatham/profile.yaml notes.txt
                  echo "Jane Doe at Acme Bank saw 203.0.113.7" | chatham scrub --json
                """)

        @OptionGroup var profileOption: ProfileOption

        @Flag(help: "Print {\"text\":…, \"findings\":[{\"kind\",\"start\",\"end\",\"replacement\"}]} (offsets in Unicode scalars of the input).")
        var json = false

        @Argument(help: ArgumentHelp("Text file to scrub, - for standard input.", valueName: "file"))
        var file: String = "-"

        func run() async throws {
            let home = ChathamHome.fromEnvironment()
            let profile = try profileOption.resolve(home: home, warnIfMissing: true).profile
            let text = try readInput(file)
            let result = Scrubber(profile: profile ?? .empty).scrub(text)
            if json {
                Console.outBytes(ProfileChoice.json(result) + [0x0A])
            } else {
                Console.outBytes(Array(result.text.utf8))
            }
        }
    }
}
