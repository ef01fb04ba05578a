import ChathamCrypto
import Foundation

/// Web sessions for the page at `/`: a cookie `<member id>.<expiry>.<mac>` authenticated with a
/// key that lives only in this process (a restart signs everyone out; nothing is stored).
public struct Sessions: Sendable {
    public static let cookieName = "chm_session"
    static let lifetime: TimeInterval = 8 * 3600

    private let key: SecretBytes
    private let clock: @Sendable () -> Date

    public init(clock: @escaping @Sendable () -> Date) {
        key = SecretBytes(randomBytes(count: 32))
        self.clock = clock
    }

    private func mac(_ payload: String) -> String {
        Encoding.hex(BLAKE2b.hash(Array(payload.utf8), outputLength: 32, key: key.copyBytes()))
    }

    /// A cookie value for a member.
    public func issue(memberID: Int64) -> String {
        let payload = "\(memberID).\(Int(clock().timeIntervalSince1970 + Self.lifetime))"
        return payload + "." + mac(payload)
    }

    /// The member id of a valid, unexpired cookie value.
    public func memberID(cookie: String) -> Int64? {
        let parts = cookie.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let id = Int64(parts[0]), let expiry = Int(parts[1]),
              constantTimeEquals(Array(mac("\(parts[0]).\(parts[1])").utf8), Array(parts[2].utf8)),
              Double(expiry) > clock().timeIntervalSince1970 else { return nil }
        return id
    }
}
