import Foundation
import PHRModel

// Consent codes are a `phr-sandbox` extension of the PHR API (docs/sandbox.md, "Consent
// codes"): the ministry's service has the citizen's OTP as the clinic's consent, but no scope,
// expiry, revocation or access log. These are the bodies of `/api/Consent*`, inside the usual
// envelope's `result`. Dates are ISO 8601 UTC; keys are snake_case.

/// Where a consent stands.
public enum ConsentStatus: String, Sendable, Codable, CaseIterable {
    case active, expired, revoked
    case usedUp = "used_up"
}

/// One consent as the service keeps it. The code itself is only in the answer to its creation
/// (``code``); the service stores a digest.
public struct ConsentInfo: Sendable, Codable, Equatable {
    /// The service's id for it (`c-` and 12 hex digits); safe to log and show.
    public var id: String
    /// The code, grouped (`7KQ2-M9XD-4HTB`): only in the answer to create.
    public var code: String?
    /// The code's first group (``ConsentCode/hint``).
    public var hint: String
    /// The kinds a clinic may read.
    public var kinds: [RecordKind]
    /// The one unit (hcode) that may redeem it, or any unit when nil.
    public var audience: String?
    public var createdAt: Date
    public var expiresAt: Date
    /// How many times a clinic may redeem it, or unlimited until expiry when nil.
    public var maxUses: Int?
    public var uses: Int
    public var status: ConsentStatus
    public var revokedAt: Date?

    public init(id: String, code: String? = nil, hint: String, kinds: [RecordKind], audience: String?, createdAt: Date,
                expiresAt: Date, maxUses: Int?, uses: Int, status: ConsentStatus, revokedAt: Date? = nil) {
        self.id = id; self.code = code; self.hint = hint; self.kinds = kinds; self.audience = audience
        self.createdAt = createdAt; self.expiresAt = expiresAt; self.maxUses = maxUses; self.uses = uses
        self.status = status; self.revokedAt = revokedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, code, hint, kinds, audience, uses, status
        case createdAt = "created_at", expiresAt = "expires_at", maxUses = "max_uses", revokedAt = "revoked_at"
    }
}

/// What a clinic gets for a valid code: a short-lived bearer for the read Actions of the
/// consented kinds (`Authorization: Bearer`, body `{cid}`, as a citizen's Health ID token).
public struct ConsentRedemption: Sendable, Codable, Equatable {
    public var accessToken: String
    public var consentID: String
    public var kinds: [RecordKind]
    /// When the bearer stops working (at most 15 minutes, never after the consent's expiry).
    public var expiresAt: Date

    public init(accessToken: String, consentID: String, kinds: [RecordKind], expiresAt: Date) {
        self.accessToken = accessToken; self.consentID = consentID; self.kinds = kinds; self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case kinds
        case accessToken = "access_token", consentID = "consent_id", expiresAt = "expires_at"
    }
}

/// One line of a citizen's access log: a redemption and the reads made with it, or a refused try.
public struct ConsentAccess: Sendable, Codable, Equatable {
    public var at: Date
    /// The consent used, when the code matched one of the citizen's consents.
    public var consentID: String?
    /// The unit (hcode) of the clinic's client account, and its name when the service knows it.
    public var unit: String
    public var unitName: String?
    /// Kinds read with this redemption, in order of first read.
    public var kindsRead: [RecordKind]
    public var reads: Int
    public var lastReadAt: Date?
    /// `ok`, or why it was refused.
    public var outcome: String

    public init(at: Date, consentID: String?, unit: String, unitName: String?, kindsRead: [RecordKind] = [], reads: Int = 0,
                lastReadAt: Date? = nil, outcome: String) {
        self.at = at; self.consentID = consentID; self.unit = unit; self.unitName = unitName
        self.kindsRead = kindsRead; self.reads = reads; self.lastReadAt = lastReadAt; self.outcome = outcome
    }

    enum CodingKeys: String, CodingKey {
        case at, unit, reads, outcome
        case consentID = "consent_id", unitName = "unit_name", kindsRead = "kinds_read", lastReadAt = "last_read_at"
    }
}

/// Why a consent code was refused: `consent_refusal` in the failure envelope.
public enum ConsentRefusal: String, Sendable, Codable, CaseIterable, Error {
    /// No consent of this citizen has this code (also: a code of another citizen).
    case unknown
    case expired
    case revoked
    case usedUp = "used_up"
    /// The consent names another unit.
    case otherUnit = "other_unit"
    /// The Action reads a kind the consent does not cover.
    case outOfScope = "out_of_scope"
    /// Too many wrong codes from this client or for this citizen: wait.
    case rateLimited = "rate_limited"
}

/// JSON coding shared by the sandbox and the client for the consent bodies.
public enum ConsentJSON {
    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .iso8601
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }

    /// The `result` of an envelope, decoded as `T`.
    public static func result<T: Decodable>(_ type: T.Type, from body: Data) throws(WireError) -> T {
        do { return try decoder().decode(Wrapped<T>.self, from: body).result } catch {
            throw .unexpectedResult(action: "Consent", expected: String(describing: T.self))
        }
    }
}

private struct Wrapped<T: Decodable>: Decodable {
    var result: T
}
