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
    /// The sandbox could not save its state (`sandbox.sqlite`).
    case storage(String)

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
        case .storage: return 500
        }
    }

    var message: String {
        switch self {
        case .badRequest(let m), .unauthorized(let m), .forbidden(let m), .notFound(let m): return m
        case .expired(let m): return m + " expired"
        case .wrongOTP(let left): return "wrong OTP, \(left) attempts left"
        case .locked(let after): return "too many wrong OTPs; locked for \(after) seconds"
        case .consent(_, let m, _): return m
        case .storage(let m): return "the sandbox could not save its state: " + m
        }
    }
}

/// One citizen's current OTP and wrong-try count (a row of `sandbox.sqlite`).
struct OTPEntry: Codable, Equatable {
    var cid: String
    var otp: String
    var expiresAt: Date
    var wrong = 0
    var lockedUntil: Date?
    /// Sent to the citizen's หมอพร้อม app (RequestTokenv1: the demo outbox shows it), or handed
    /// to a unit's client by GetPHROTP (way 2: never on the phone).
    var pushed: Bool
}

/// The sandbox's mutable state: its clock, OTPs, OAuth codes, consents and records cache.
///
/// OTP rules (the real service is silent; defined here, docs/sandbox.md): an OTP is two
/// capital letters and six digits, valid 1 hour, replaced by the next request for the same
/// CID; it authorises reads until it expires; 5 wrong tries in a row (across new OTPs) lock the
/// CID for 15 minutes. With a ``SandboxStore``, the clock, OTPs and consents are saved as they
/// change and loaded at start.
public actor SandboxState {
    public static let otpLifetime: TimeInterval = 3600
    public static let maxWrongOTP = 5
    public static let lockout: TimeInterval = 900
    public static let codeLifetime: TimeInterval = 300

    /// Which login an authorization code belongs to: it is redeemed only where it was issued.
    enum Flow: Sendable {
        /// Way 2: the PHR service's `/oauth2/auth` with the card agent.
        case card
        /// Way 3: Health ID's `/oauth/redirect`.
        case healthID
    }

    struct PendingCode {
        var flow: Flow
        var cid: String
        var clientID: String
        var redirectURI: String
        /// The PKCE S256 challenge, when the authorize request sent one.
        var challenge: String?
        var state: String?
        var expiresAt: Date
    }

    public nonisolated let directory: CitizenDirectory
    /// Where the state is saved (nil: memory only); the write routes keep their rows there.
    nonisolated let store: SandboxStore?
    private var offset: TimeInterval
    private var otps: [String: OTPEntry] = [:]
    private var codes: [String: PendingCode] = [:]
    private var records: [String: CitizenRecord] = [:]
    private var rng: SplitMix64
    /// Consent codes for clinics (a sandbox extension).
    var consents: ConsentRegistry

    /// A state kept in `store` (loaded from it), or in memory only when `store` is nil.
    public init(directory: CitizenDirectory, store: SandboxStore? = nil) throws {
        self.directory = directory
        self.store = store
        self.rng = SplitMix64(seed: directory.seed ^ 0x5EED_0F_07)
        offset = try store?.clockOffset() ?? 0
        for entry in try store?.otps() ?? [] { otps[entry.cid] = entry }
        consents = try store.map { ConsentRegistry(rows: try $0.consentRows()) } ?? ConsentRegistry()
        // OTP and token ids must not repeat after a restart: the seed alone would replay them.
        rng = SplitMix64(seed: rng.next() ^ UInt64(bitPattern: Int64(Date().timeIntervalSince1970 * 1000)))
    }

    /// The sandbox's "now": the real clock plus whatever `/sandbox/clock` advanced.
    public var now: Date { Date().addingTimeInterval(offset) }

    /// Moves the clock forward (tests of expiry); returns the new now.
    public func advance(seconds: TimeInterval) throws(SandboxError) -> Date {
        offset += max(0, seconds)
        let offset = self.offset
        try persist { try $0.saveClockOffset(offset) }
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

    /// Issues a fresh OTP for a known CID and returns it. `pushed`: sent to the citizen's app
    /// (RequestTokenv1, shown by the demo outbox), or handed to a unit's client (GetPHROTP).
    public func issueOTP(cid: String, pushed: Bool = true) throws(SandboxError) -> (otp: String, expiresAt: Date) {
        guard directory.profile(cid) != nil else { throw .notFound("no citizen with this cid in the sandbox") }
        if let locked = otps[cid]?.lockedUntil, locked > now {
            throw .locked(retryAfter: Int(locked.timeIntervalSince(now)) + 1)
        }
        let letters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ")
        let otp = String([letters[rng.below(letters.count)], letters[rng.below(letters.count)]])
            + String(format: "%06d", rng.below(1_000_000))
        // A new OTP does not reset the count of wrong tries: only a correct OTP does.
        let entry = OTPEntry(cid: cid, otp: otp, expiresAt: now.addingTimeInterval(Self.otpLifetime),
                             wrong: otps[cid]?.wrong ?? 0, pushed: pushed)
        try save(entry)
        return (otp, entry.expiresAt)
    }

    /// The OTP on the citizen's phone (the demo outbox): the current one, if it was pushed to
    /// the app and has not expired.
    public func outbox(cid: String) -> (otp: String, expiresAt: Date)? {
        guard let e = otps[cid], e.pushed, e.expiresAt > now else { return nil }
        return (e.otp, e.expiresAt)
    }

    /// The unexpired OTP of `cid`, or a new one that is not pushed to the phone (way 2: GetPHROTP).
    public func currentOrNewOTP(cid: String) throws(SandboxError) -> String {
        if let e = otps[cid], e.expiresAt > now, !(e.lockedUntil.map { $0 > now } ?? false) { return e.otp }
        return try issueOTP(cid: cid, pushed: false).otp
    }

    /// Checks `otp` for `cid`; wrong tries count towards the lockout.
    public func checkOTP(cid: String, otp: String) throws(SandboxError) {
        guard var e = otps[cid] else { throw .unauthorized("no OTP was requested for this cid") }
        if let locked = e.lockedUntil, locked > now { throw .locked(retryAfter: Int(locked.timeIntervalSince(now)) + 1) }
        guard constantTimeEqual(e.otp, otp.uppercased()) else {
            e.wrong += 1
            if e.wrong >= Self.maxWrongOTP {
                e.lockedUntil = now.addingTimeInterval(Self.lockout)
                try save(e)
                throw .locked(retryAfter: Int(Self.lockout))
            }
            try save(e)
            throw .wrongOTP(attemptsLeft: Self.maxWrongOTP - e.wrong)
        }
        guard e.expiresAt > now else { throw .expired("OTP") }
        if e.wrong != 0 {
            e.wrong = 0
            try save(e)
        }
    }

    private func save(_ entry: OTPEntry) throws(SandboxError) {
        otps[entry.cid] = entry
        try persist { try $0.save(entry) }
    }

    /// Runs `body` on the store, if there is one; a failure is a 500 for the request.
    private func persist(_ body: (SandboxStore) throws -> Void) throws(SandboxError) {
        guard let store else { return }
        do { try body(store) } catch { throw .storage("\(error)".prefix(120).description) }
    }

    // MARK: OAuth codes

    /// Stores a pending authorization code (after consent or the card agent's approval) and
    /// returns it (32 hex digits, as SPEC.md's example).
    func issueCode(_ flow: Flow, cid: String, clientID: String, redirectURI: String, challenge: String?, state: String?) -> String {
        let code = String(format: "%016llx%016llx", rng.next(), rng.next())
        codes[code] = PendingCode(flow: flow, cid: cid, clientID: clientID, redirectURI: redirectURI, challenge: challenge,
                                  state: state, expiresAt: now.addingTimeInterval(Self.codeLifetime))
        return code
    }

    /// Redeems a code once, where it was issued: the client and redirect URI must match, and
    /// the PKCE verifier (when the authorize request had a challenge) and `state` (when sent).
    func redeemCode(_ code: String, flow: Flow, clientID: String, redirectURI: String, verifier: String?,
                    state: String?) throws(SandboxError) -> String {
        guard let pending = codes.removeValue(forKey: code), pending.flow == flow else {
            throw .badRequest("invalid_grant: unknown or used code")
        }
        guard pending.expiresAt > now else { throw .badRequest("invalid_grant: the code expired") }
        guard pending.clientID == clientID, pending.redirectURI == redirectURI else {
            throw .badRequest("invalid_grant: client_id or redirect_uri differs from the authorize request")
        }
        if let challenge = pending.challenge {
            guard let verifier, constantTimeEqual(PKCECheck.challenge(for: verifier), challenge) else {
                throw .badRequest("invalid_grant: PKCE code_verifier does not match code_challenge")
            }
        }
        if let state, let expected = pending.state, !constantTimeEqual(state, expected) {
            throw .badRequest("invalid_grant: state differs from the authorize request")
        }
        return pending.cid
    }

    // MARK: Consent codes

    /// A new consent for `cid` with a fresh random code (from the system's CSPRNG: unlike
    /// OTPs, codes must not be predictable from the sandbox's seed).
    public func createConsent(cid: String, kinds: [RecordKind], audience: String?, lifetime: TimeInterval,
                              maxUses: Int?) throws(SandboxError) -> ConsentInfo {
        var generator = SystemRandomNumberGenerator()
        let code = ConsentCode.random(using: &generator)
        let id = "c-" + String(format: "%012llx", generator.next() & 0xFFFF_FFFF_FFFF)
        let info = consents.create(cid: cid, code: code, id: id, kinds: kinds, audience: audience, lifetime: lifetime,
                                   maxUses: maxUses, now: now)
        try saveConsents()
        return info
    }

    public func listConsents(cid: String) -> [ConsentInfo] { consents.list(cid: cid, now: now) }

    public func revokeConsents(cid: String, code: ConsentCode?, id: String?, all: Bool) throws(SandboxError) -> [ConsentInfo] {
        let revoked = try consents.revoke(cid: cid, code: code, id: id, all: all, now: now)
        try saveConsents()
        return revoked
    }

    public func accessLog(cid: String) -> [ConsentAccess] { consents.accessLog(cid: cid) }

    /// Redeems a code; returns the consent and the redemption id its bearer carries.
    public func redeemConsent(cid: String, code: String, unit: String) throws(SandboxError) -> (ConsentInfo, String) {
        let redemptionID = "r-" + tokenID()
        let unitName = Records.units.first { $0.0 == unit }?.1
        // A refusal is logged and counted towards the lockout too: save either way.
        let now = self.now
        let outcome = Result(catching: { () throws(SandboxError) -> ConsentInfo in
            try consents.redeem(cid: cid, code: code, unit: unit, unitName: unitName, redemptionID: redemptionID, now: now)
        })
        try saveConsents()
        return (try outcome.get(), redemptionID)
    }

    /// Checks and logs one read made with a redemption's bearer.
    func consentRead(redemptionID: String, cid: String, kind: RecordKind?, covered: (Set<RecordKind>) -> Bool) throws(SandboxError) -> Set<RecordKind> {
        let kinds = Set(consents.kinds(redemptionID: redemptionID) ?? [])
        // Visit rows read only to reach the consented kinds are not "encounters read".
        let logged = kind == .encounters && !kinds.contains(.encounters) ? nil : kind
        try consents.read(redemptionID: redemptionID, cid: cid, kind: logged, covered: covered(kinds), now: now)
        if let line = consents.accessRow(redemptionID: redemptionID) { try persist { try $0.save(line) } }
        return kinds
    }

    private func saveConsents() throws(SandboxError) {
        let rows = consents.rows
        try persist { try $0.save(rows) }
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
