import ChathamCrypto
import ChathamModel

/// Turns a release into the bytes of a digest, and signs them.
///
/// Pure: a release (and the options, narratives included) in, bytes out; the same input gives
/// the same bytes, which is what golden files and detached signatures rely on.
public enum DigestWriter {
    /// The digest's bytes. `json` is the release document itself in canonical form (its
    /// embedded signature covers it) with a final newline.
    public static func render(_ release: ReleaseDocument, format: DigestFormat, options: DigestOptions = .init()) throws -> [UInt8] {
        switch format {
        case .json: try release.canonicalJSON() + [0x0A]
        case .csv: CSVDigest.render(release)
        case .md: MarkdownDigest.render(release, options: options)
        case .html: HTMLDigest.render(release, options: options)
        case .stix: STIXDigest.render(release, options: options)
        }
    }

    /// A digest file and its detached signature (the `.sig` file's contents).
    public struct Signed: Sendable, Equatable {
        public var bytes: [UInt8]
        public var signature: [UInt8]
    }

    /// Renders and signs: Ed25519 over the file's exact bytes.
    public static func signed(_ release: ReleaseDocument, format: DigestFormat, options: DigestOptions = .init(),
                              key: SigningSecretKey) throws -> Signed {
        let bytes = try render(release, format: format, options: options)
        return Signed(bytes: bytes, signature: DigestSignature.sign(bytes, with: key))
    }
}
