import ChathamCrypto
import ChathamModel
import ChathamStore
import Foundation

/// Authenticates members and issues one blind-signed credential per member per epoch.
public struct CredentialService: Sendable {
    let store: any ChathamRepository
    let keys: ServerKeys
    let clock: @Sendable () -> Date

    public init(store: any ChathamRepository, keys: ServerKeys, clock: @escaping @Sendable () -> Date) {
        self.store = store
        self.keys = keys
        self.clock = clock
    }

    /// The member behind an `Authorization: Bearer` value; throws unauthorized or revoked.
    public func authenticate(bearer: String?) throws -> MemberRecord {
        guard let bearer, MemberToken.looksValid(bearer),
              let member = try store.member(tokenHash: MemberToken.hash(bearer)) else { throw APIError.unauthorized }
        guard !member.revoked else { throw APIError.revoked }
        return member
    }

    /// The current epoch and the one before it: `GET /v1/keys` makes sure both have keys, so a
    /// member can report last month's incident in the first month of a quarter.
    public func currentEpochs() -> [Epoch] {
        let now = Epoch(containing: clock())
        return [now.previous, now]
    }

    /// Signs a blinded message for `member` in `epoch`: at most once per member and epoch.
    public func issue(member: MemberRecord, epoch epochText: String, blindedMessage: [UInt8]) throws -> [UInt8] {
        guard let epoch = Epoch(epochText) else { throw APIError.invalidRequest("epoch: must be YYYY-Qn, e.g. 2026-Q4") }
        let current = Epoch(containing: clock())
        guard epoch <= current, epoch >= Epoch("2000-Q1")! else {
            throw APIError.invalidRequest("epoch: \(epochText) is in the future or before 2000")
        }
        let key = try keys.credentialKeyCreatingIfNeeded(epoch: epoch.description)
        let signature: [UInt8]
        do {
            signature = try key.blindSign(blindedMessage)
        } catch {
            throw APIError.invalidRequest("blinded_message: not a blinded message for this epoch's 2048-bit key")
        }
        // Record only after signing succeeded, so a malformed request does not use up the epoch.
        guard try store.recordIssuance(memberID: member.id, epoch: epoch.description) else { throw APIError.alreadyIssued }
        return signature
    }
}
