import ChathamCrypto
import ChathamModel
import ChathamScrub
import Foundation

/// One thing wrong with a report, as the CLI prints it: `chatham: error: <message>` and,
/// when there is one, `chatham: hint: <hint>`.
public struct ReportProblem: Sendable, Equatable {
    /// Field path (`victim.region`); empty for the document as a whole.
    public var path: String
    /// One line starting with the path.
    public var message: String
    /// The allowed values, when the field is an enumeration.
    public var allowed: [String]?
    /// What to do, when there is something specific to say.
    public var hint: String?

    public init(path: String, message: String, allowed: [String]? = nil, hint: String? = nil) {
        self.path = path
        self.message = message
        self.allowed = allowed
        self.hint = hint
    }
}

/// A report that does not pass `chatham check`, with every problem found.
public struct ReportCheckFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [ReportProblem]
    public init(problems: [ReportProblem]) { self.problems = problems }
    public var description: String { problems.first?.message ?? "the report is not valid" }
}

/// The result of checking a report: exactly what would be sealed, and what was changed on
/// the way.
public struct CheckedReport: Sendable {
    /// The report as it will be sent: id present, narrative scrubbed, or dropped unless
    /// `share_narrative` is true.
    public let report: Report
    /// Its RFC 8785 canonical JSON: the `report` member of the sealed plaintext, byte for byte.
    public let canonicalJSON: [UInt8]
    /// True when the CLI made the id (the file had none).
    public let idGenerated: Bool
    /// Exact values replaced by their bands (the exact values stay on the machine).
    public let generalised: [Generaliser.Change]
    /// The narrative as the member wrote it, if any (stays on the machine).
    public let originalNarrative: String?
    /// The scrubber's result on the narrative, if there was one.
    public let scrub: ScrubResult?
    /// Whether the (scrubbed) narrative is in `report`.
    public let narrativeSent: Bool

    /// The narrative is sent and the scrubber had to change it: the member must confirm that
    /// the scrubbed text may leave (`--yes`, or a question on a terminal).
    public var needsConfirmation: Bool { narrativeSent && !(scrub?.findings.isEmpty ?? true) }

    /// The report's epoch (its period's quarter).
    public var epoch: Epoch { Period(report.period)!.epoch }

    /// The canonical JSON laid out for people.
    public var prettyJSON: String { (try? PrettyJSON.render(json: canonicalJSON)) ?? String(decoding: canonicalJSON, as: UTF8.self) }

    /// Lines saying what was redacted and what happens to the narrative, for people.
    public func summary() -> [String] {
        var lines: [String] = []
        if idGenerated, let id = report.id {
            lines.append("id: made a random id \(id) (add `id: \(id)` to the file so that sending it again is recognised as the same report)")
        }
        for c in generalised {
            lines.append("\(c.path): \(Self.quoted(c.from)) is exact; sent as \(c.to)")
        }
        guard let original = originalNarrative else {
            lines.append("narrative: none")
            return lines
        }
        let findings = scrub?.findings ?? []
        if findings.isEmpty {
            lines.append("narrative: no redactions")
        } else {
            var counts: [String: Int] = [:]
            for f in findings { counts[f.kind, default: 0] += 1 }
            let byKind = counts.keys.sorted().map { "\($0) \(counts[$0]!)" }.joined(separator: ", ")
            lines.append("narrative: \(findings.count) redaction\(findings.count == 1 ? "" : "s") (\(byKind))")
            let scalars = Array(original.unicodeScalars)
            for f in findings where f.start >= 0 && f.end <= scalars.count && f.start <= f.end {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[f.start..<f.end])
                lines.append("  \(f.replacement.padding(toLength: 11, withPad: " ", startingAt: 0)) \(Self.quoted(String(view))) at \(f.start)–\(f.end)")
            }
        }
        if narrativeSent {
            lines.append(findings.isEmpty ? "narrative: sent as shown (share_narrative is true)"
                                          : "narrative: the scrubbed text above is sent (share_narrative is true)")
        } else {
            lines.append("narrative: not sent (share_narrative is not true)")
        }
        return lines
    }

    /// The scrubbed narrative with every redaction marked, for people to read
    /// before they agree to send it: `ansi` uses reverse video (a terminal),
    /// otherwise each placeholder is wrapped in `»…«`. Nil without a narrative.
    public func preview(ansi: Bool) -> String? {
        guard let original = originalNarrative, let scrub else { return nil }
        let scalars = Array(original.unicodeScalars)
        var out = String.UnicodeScalarView()
        var cursor = 0
        for f in scrub.findings where f.start >= cursor && f.end <= scalars.count {
            out.append(contentsOf: scalars[cursor..<f.start])
            let mark = ansi ? "\u{1B}[7m" + f.replacement + "\u{1B}[0m" : "»" + f.replacement + "«"
            out.append(contentsOf: mark.unicodeScalars)
            cursor = f.end
        }
        out.append(contentsOf: scalars[cursor...])
        return String(out)
    }

    static func quoted(_ s: String) -> String {
        String(decoding: CanonicalJSON.encode(.string(s)), as: UTF8.self)
    }
}

/// `chatham check`: read, generalise, scrub, validate — everything up to the credential and
/// the seal, with no I/O beyond what the caller passes in.
public enum ReportChecker {
    /// Checks report text (YAML, or JSON when it starts with `{`).
    ///
    /// - Parameters:
    ///   - profile: the member profile for the scrubber; nil uses only the generic detectors.
    ///   - makeID: the id source for a report without one (random 32 hex by default).
    /// - Throws: `ReportCheckFailure` listing every problem.
    public static func check(text: String, profile: MemberProfile?,
                             makeID: () -> String = { Encoding.hex(randomBytes(count: 16)) }) throws -> CheckedReport {
        var report: Report
        do {
            report = try ReportCodec.decode(yamlOrJSON: text)
        } catch let error as ValidationError {
            let hint = error.message.hasSuffix("unknown field") || error.message.contains("unknown field;")
                ? Generaliser.hint(forUnknownField: error.path) : nil
            throw ReportCheckFailure(problems: [problem(error, hint: hint)])
        } catch {
            throw ReportCheckFailure(problems: [ReportProblem(path: "", message: "the report could not be read")])
        }

        var idGenerated = false
        if report.id == nil {
            report.id = makeID()
            idGenerated = true
        }

        let original = report.narrative
        var scrub: ScrubResult?
        if let original {
            let result = Scrubber(profile: profile ?? .empty).scrub(original)
            scrub = result
            report.narrative = result.text
        }
        let narrativeSent = report.shareNarrative == true && report.narrative != nil
        if !narrativeSent { report.narrative = nil }

        var problems: [ReportProblem] = []
        let generalised = Generaliser.generalise(report)
        report = generalised.report
        let exactPaths = Set(generalised.problems.map(\.path))
        problems += generalised.problems.map { ReportProblem(path: $0.path, message: $0.message, hint: $0.hint) }
        // Validate what will be sent, plus the original narrative's length and characters so
        // that a narrative that is not sent still gets the member's attention when malformed.
        var toValidate = report
        if !narrativeSent, let original { toValidate.narrative = original }
        for error in ReportValidator.validate(toValidate) where !exactPaths.contains(error.path) {
            problems.append(problem(error, hint: nil))
        }
        guard problems.isEmpty else { throw ReportCheckFailure(problems: problems) }

        return CheckedReport(report: report, canonicalJSON: ReportCodec.encodeJSON(report), idGenerated: idGenerated,
                             generalised: generalised.changes, originalNarrative: original, scrub: scrub,
                             narrativeSent: narrativeSent)
    }

    static func problem(_ error: ValidationError, hint: String?) -> ReportProblem {
        var hint = hint
        if hint == nil, let allowed = error.allowed, allowed.count > 12 {
            hint = allowed.count <= 60 ? "allowed: " + allowed.joined(separator: ", ") : "see docs/taxonomy.md for the allowed values"
        }
        return ReportProblem(path: error.path, message: error.message, allowed: error.allowed, hint: hint)
    }
}

/// Finds and reads the member profile: `--profile FILE`, else `$CHATHAM_HOME/profile.yaml`.
public enum ProfileLocator {
    /// The profile and the file it came from; nil when there is none (the caller warns).
    public static func load(explicit: URL?, home: ChathamHome) throws -> (profile: MemberProfile, file: URL)? {
        let file: URL
        if let explicit {
            file = explicit
            guard FileManager.default.fileExists(atPath: file.path) else {
                throw ClientError(.io, "profile \(file.path) does not exist")
            }
        } else {
            file = home.profileFile
            guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        }
        guard let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8) else {
            throw ClientError(.io, "could not read profile \(file.path)")
        }
        do {
            return (try MemberProfile.parse(yaml: text), file)
        } catch let error as ScrubError {
            throw ClientError(.badFile, "\(file.lastPathComponent): \(error.message)")
        }
    }
}

/// The profile a command scrubs with, and where it came from (nil: none found).
public struct ProfileChoice: Sendable {
    public let profile: MemberProfile?
    public let file: URL?

    /// `--profile FILE`, else `$CHATHAM_HOME/profile.yaml`, else none.
    public static func resolve(explicit: URL?, home: ChathamHome) throws -> ProfileChoice {
        if let found = try ProfileLocator.load(explicit: explicit, home: home) {
            return ProfileChoice(profile: found.profile, file: found.file)
        }
        return ProfileChoice(profile: nil, file: nil)
    }

    /// Scrubs `text` with this profile (the generic detectors only when there is none).
    public func scrub(_ text: String) -> ScrubResult {
        Scrubber(profile: profile ?? .empty).scrub(text)
    }

    /// `{"text":…,"findings":[{"kind","start","end","replacement"}]}` as canonical JSON.
    public static func json(_ result: ScrubResult) -> [UInt8] {
        (try? CanonicalJSON.encode(result)) ?? []
    }
}
