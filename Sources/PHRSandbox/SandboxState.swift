import Foundation
import PHRModel
import PHRWire

/// What a sandbox request can be refused for; each maps to one HTTP status and a message in
/// the error envelope (docs/sandbox.md, "Errors").
public enum SandboxError: Error, Sendable, Equatable {
    case badRequest(String)
    case unauthorized(String)
    case wrongOTP(attemptsLeft: Int)
    case expired(String)
    case forbidden(String)
    case notFound(String)
    case locked(retryAfter: Int)
    /// A consent code refused (the reason goes to the envelope as `consent_refusal`).
    case consent(ConsentRefusal, String, retryAfter: Int?)

    var status: Int {
        switch self {
        case .badRequest: return 400
        case .unauthorized, .wrongOTP, .expired: return 401
        case .forbidden: return 403
        case .notFound: return 404
        case .locked: return 423
        case .consent(let reason, _, _):
            switch reason {
            case .unknown: return 401
            case .expired, .revoked, .usedUp: return 410
            case .otherUnit, .outOfScope: return 403
            case .rateLimited: return 423
            }
        }
    }

    var message: String {
        switch self {
        case .badRequest(let m), .unauthorized(let m), .forbidden(let m), .notFound(let m): return m
        case .expired(let m): return m + " expired"
        case .wrongOTP(let left): return "wrong OTP, \(left) attempts left"
        case .locked(let after): return "too many wrong OTPs; locked for \(after) seconds"
        case .consent(_, let m, _): return m
        }
    }
}

/// The sandbox's mutable state: its clock, OTPs, OAuth codes and records cache.
///
/// OTP rules (the real service is silent; defined here, docs/sandbox.md): an OTP is two
/// capital letters and six digits, valid 1 hour, replaced by the next request for the same
/// CID; it authorises reads until it expires; 5 wrong tries in a row (across new OTPs) lock the
/// CID for 15 minutes.
public actor SandboxState {
    public static let otpLifetime: TimeInterval = 3600
    public static let maxWrongOTP = 5
    public static let lockout: TimeInterval = 900
    public static let codeLifetime: TimeInterval = 300

    struct OTPEntry {
        var otp: String
        var expiresAt: Date
        var wrong = 0
        var lockedUntil: Date?
    }

    struct PendingCode {
        var cid: String
        var clientID: String
        var redirectURI: String
        var challenge: String
        var expiresAt: Date
    }

    public nonisolated let directory: CitizenDirectory
    private var offset: TimeInterval = 0
    private var otps: [String: OTPEntry] = [:]
    private var codes: [String: PendingCode] = [:]
    private var records: [String: CitizenRecord] = [:]
    private var rng: SplitMix64
    /// Consent codes for clinics (a sandbox extension).
    var consents = ConsentRegistry()

    public init(directory: CitizenDirectory) {
        self.directory = directory
        self.rng = SplitMix64(seed: directory.seed ^ 0x5EED_0F_07)
    }

    /// The sandbox's "now": the real clock plus whatever `/sandbox/clock` advanced.
    public var now: Date { Date().addingTimeInterval(offset) }

    /// Moves the clock forward (tests of expiry); returns the new now.
    public func advance(seconds: TimeInterval) -> Date {
        offset += max(0, seconds)
        return now
    }

    /// The record of `cid`, generated on first use and cached.
    public func record(_ cid: String) -> CitizenRecord? {
        if let cached = records[cid] { return cached }
        guard let profile = directory.profile(cid) else { return nil }
        let record = CitizenRecord(profile: profile)
        records[cid] = record
        return record
    }

    // MARK: OTP

    /// Issues a fresh OTP for a known CID (RequestTokenv1) and returns it (for the outbox).
    public func issueOTP(cid: String) throws(SandboxError) -> (otp: String, expiresAt: Date) {
        guard directory.profile(cid) != nil else { throw .notFound("no citizen with this cid in the sandbox") }
        if let locked = otps[cid]?.lockedUntil, locked > now {
            throw .locked(retryAfter: Int(locked.timeIntervalSince(now)) + 1)
        }
        let letters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ")
        let otp = String([letters[rng.below(letters.count)], letters[rng.below(letters.count)]])
            + String(format: "%06d", rng.below(1_000_000))
        // A new OTP does not reset the count of wrong tries: only a correct OTP does.
        var entry = OTPEntry(otp: otp, expiresAt: now.addingTimeInterval(Self.otpLifetime))
        entry.wrong = otps[cid]?.wrong ?? 0
        otps[cid] = entry
        return (otp, entry.expiresAt)
    }

    /// The current OTP of a CID (the demo outbox), if any and not expired.
    public func outbox(cid: String) -> (otp: String, expiresAt: Date)? {
        guard let e = otps[cid], e.expiresAt > now else { return nil }
        return (e.otp, e.expiresAt)
    }

    /// The unexpired OTP of `cid`, or a new one (way 2: GetPHROTP).
    public func currentOrNewOTP(cid: String) throws(SandboxError) -> String {
        if let current = outbox(cid: cid) { return current.otp }
        return try issueOTP(cid: cid).otp
    }

    /// Checks `otp` for `cid`; wrong tries count towards the lockout.
    public func checkOTP(cid: String, otp: String) throws(SandboxError) {
        guard var e = otps[cid] else { throw .unauthorized("no OTP was requested for this cid") }
        if let locked = e.lockedUntil, locked > now { throw .locked(retryAfter: Int(locked.timeIntervalSince(now)) + 1) }
        guard constantTimeEqual(e.otp, otp.uppercased()) else {
            e.wrong += 1
            if e.wrong >= Self.maxWrongOTP {
                e.lockedUntil = now.addingTimeInterval(Self.lockout)
                otps[cid] = e
                throw .locked(retryAfter: Int(Self.lockout))
            }
            otps[cid] = e
            throw .wrongOTP(attemptsLeft: Self.maxWrongOTP - e.wrong)
        }
        guard e.expiresAt > now else { throw .expired("OTP") }
        e.wrong = 0
        otps[cid] = e
    }

    // MARK: OAuth codes

    /// Stores a pending authorization code (after consent) and returns it (32 hex digits).
    public func issueCode(cid: String, clientID: String, redirectURI: String, challenge: String) -> String {
        let code = String(format: "%016llx%016llx", rng.next(), rng.next())
        codes[code] = PendingCode(cid: cid, clientID: clientID, redirectURI: redirectURI, challenge: challenge,
                                  expiresAt: now.addingTimeInterval(Self.codeLifetime))
        return code
    }

    /// Redeems a code once: the client, redirect URI and PKCE verifier must match.
    public func redeemCode(_ code: String, clientID: String, redirectURI: String, verifier: String) throws(SandboxError) -> String {
        guard let pending = codes.removeValue(forKey: code) else { throw .badRequest("invalid_grant: unknown or used code") }
        guard pending.expiresAt > now else { throw .badRequest("invalid_grant: the code expired") }
        guard pending.clientID == clientID, pending.redirectURI == redirectURI else {
            throw .badRequest("invalid_grant: client_id or redirect_uri differs from the authorize request")
        }
        guard constantTimeEqual(PKCECheck.challenge(for: verifier), pending.challenge) else {
            throw .badRequest("invalid_grant: PKCE code_verifier does not match code_challenge")
        }
        return pending.cid
    }

    // MARK: Consent codes

    /// A new consent for `cid` with a fresh random code (from the system's CSPRNG: unlike
    /// OTPs, codes must not be predictable from the sandbox's seed).
    public func createConsent(cid: String, kinds: [RecordKind], audience: String?, lifetime: TimeInterval,
                              maxUses: Int?) -> ConsentInfo {
        var generator = SystemRandomNumberGenerator()
        let code = ConsentCode.random(using: &generator)
        let id = "c-" + String(format: "%012llx", generator.next() & 0xFFFF_FFFF_FFFF)
        return consents.create(cid: cid, code: code, id: id, kinds: kinds, audience: audience, lifetime: lifetime,
                               maxUses: maxUses, now: now)
    }

    public func listConsents(cid: String) -> [ConsentInfo] { consents.list(cid: cid, now: now) }

    public func revokeConsents(cid: String, code: ConsentCode?, id: String?, all: Bool) throws(SandboxError) -> [ConsentInfo] {
        try consents.revoke(cid: cid, code: code, id: id, all: all, now: now)
    }

    public func accessLog(cid: String) -> [ConsentAccess] { consents.accessLog(cid: cid) }

    /// Redeems a code; returns the consent and the redemption id its bearer carries.
    public func redeemConsent(cid: String, code: String, unit: String) throws(SandboxError) -> (ConsentInfo, String) {
        let redemptionID = "r-" + tokenID()
        let unitName = Records.units.first { $0.0 == unit }?.1
        let info = try consents.redeem(cid: cid, code: code, unit: unit, unitName: unitName, redemptionID: redemptionID, now: now)
        return (info, redemptionID)
    }

    /// Checks and logs one read made with a redemption's bearer.
    func consentRead(redemptionID: String, cid: String, kind: RecordKind?, covered: (Set<RecordKind>) -> Bool) throws(SandboxError) -> Set<RecordKind> {
        let kinds = Set(consents.kinds(redemptionID: redemptionID) ?? [])
        // Visit rows read only to reach the consented kinds are not "encounters read".
        let logged = kind == .encounters && !kinds.contains(.encounters) ? nil : kind
        try consents.read(redemptionID: redemptionID, cid: cid, kind: logged, covered: covered(kinds), now: now)
        return kinds
    }

    /// Fresh random bytes for token ids.
    public func tokenID() -> String { String(format: "%016llx", rng.next()) }
}

/// Equality whose time does not depend on where the strings differ.
func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    var diff = x.count ^ y.count
    for i in 0..<max(x.count, y.count) { diff |= Int((i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)) }
    return diff == 0
}
