import Crypto
import Foundation
import PHRModel
import PHRWire

/// The sandbox's consent codes: what a citizen has granted, what clinics redeemed and read,
/// and the limits on guessing (docs/sandbox.md, "Consent codes").
///
/// Rules (defined here; the ministry's service has none of this):
/// - a code is bound to one citizen; only a SHA-256 digest of `cid:code` is kept, compared in
///   constant time against every consent of that citizen;
/// - a redemption counts one use and yields a bearer for 15 minutes at most (never past the
///   consent's expiry); every read with it re-checks that the consent is neither revoked nor
///   expired, so revoking takes effect at once;
/// - 5 wrong codes from one client unit, or 10 for one citizen, within 15 minutes lock
///   redemption for that unit or citizen for 15 minutes (even with a right code).
struct ConsentRegistry {
    static let maxLifetime: TimeInterval = 30 * 86_400
    static let bearerLifetime: TimeInterval = 900
    static let failureWindow: TimeInterval = 900
    static let lockout: TimeInterval = 900
    static let maxFailuresPerUnit = 5
    static let maxFailuresPerCitizen = 10

    private struct Entry {
        var info: ConsentInfo
        var cid: String
        var digest: [UInt8]
    }

    /// A redemption: its consent and its line in the citizen's access log.
    private struct Redeemed {
        var consentID: String
        var cid: String
        var logIndex: Int
    }

    private var entries: [String: Entry] = [:]
    private var idsByCitizen: [String: [String]] = [:]
    private var logs: [String: [ConsentAccess]] = [:]
    private var redeemed: [String: Redeemed] = [:]
    private var failures: [String: [Date]] = [:]
    private var lockedUntil: [String: Date] = [:]

    static func digest(cid: String, code: ConsentCode) -> [UInt8] {
        Array(SHA256.hash(data: Data((cid + ":" + code.symbols).utf8)))
    }

    // MARK: Citizen side

    /// Registers a new consent; returns it with its code (the only time the code leaves).
    mutating func create(cid: String, code: ConsentCode, id: String, kinds: [RecordKind], audience: String?,
                         lifetime: TimeInterval, maxUses: Int?, now: Date) -> ConsentInfo {
        var info = ConsentInfo(id: id, hint: code.hint, kinds: kinds, audience: audience, createdAt: now,
                               expiresAt: now.addingTimeInterval(lifetime), maxUses: maxUses, uses: 0, status: .active)
        entries[id] = Entry(info: info, cid: cid, digest: Self.digest(cid: cid, code: code))
        idsByCitizen[cid, default: []].append(id)
        info.code = code.grouped
        return info
    }

    /// The citizen's consents, newest first, with their status as of `now`.
    func list(cid: String, now: Date) -> [ConsentInfo] {
        (idsByCitizen[cid] ?? []).reversed().compactMap { entries[$0].map { Self.current($0.info, now: now) } }
    }

    /// Revokes the consents of `cid` that match `code`, `id`, or all active ones; returns them.
    mutating func revoke(cid: String, code: ConsentCode?, id: String?, all: Bool, now: Date) throws(SandboxError) -> [ConsentInfo] {
        let digest = code.map { Self.digest(cid: cid, code: $0) }
        var revoked: [ConsentInfo] = []
        for consentID in idsByCitizen[cid] ?? [] {
            guard var entry = entries[consentID] else { continue }
            let matches = all ? Self.current(entry.info, now: now).status == .active
                : (digest.map { Self.equal($0, entry.digest) } ?? false) || consentID == id
            guard matches else { continue }
            if entry.info.revokedAt == nil { entry.info.revokedAt = now }
            entries[consentID] = entry
            revoked.append(Self.current(entry.info, now: now))
        }
        if revoked.isEmpty && !all { throw .notFound("no consent of this citizen has that code or id") }
        return revoked
    }

    /// The citizen's access log, newest first.
    func accessLog(cid: String) -> [ConsentAccess] {
        (logs[cid] ?? []).reversed()
    }

    // MARK: Clinic side

    /// Redeems `code` for `cid` by a clinic whose client account is for `unit`; returns the
    /// consent and a redemption id for the clinic's bearer.
    mutating func redeem(cid: String, code text: String, unit: String, unitName: String?, redemptionID: String,
                         now: Date) throws(SandboxError) -> ConsentInfo {
        for key in ["unit:" + unit, "cid:" + cid] {
            if let until = lockedUntil[key], until > now {
                throw .consent(.rateLimited, "too many wrong consent codes; try again in \(Int(until.timeIntervalSince(now)) / 60 + 1) min",
                               retryAfter: Int(until.timeIntervalSince(now)) + 1)
            }
        }
        guard let code = try? ConsentCode(text) else {
            fail(unit: unit, cid: cid, now: now)
            throw .consent(.unknown, "consent code not valid for this citizen", retryAfter: nil)
        }
        let digest = Self.digest(cid: cid, code: code)
        var match: String?
        for id in idsByCitizen[cid] ?? [] where Self.equal(entries[id]!.digest, digest) { match = id }
        guard let id = match, var entry = entries[id] else {
            fail(unit: unit, cid: cid, now: now)
            if idsByCitizen[cid] != nil {
                logs[cid, default: []].append(ConsentAccess(at: now, consentID: nil, unit: unit, unitName: unitName, outcome: ConsentRefusal.unknown.rawValue))
            }
            throw .consent(.unknown, "consent code not valid for this citizen", retryAfter: nil)
        }
        func refuse(_ reason: ConsentRefusal, _ message: String) -> SandboxError {
            logs[cid, default: []].append(ConsentAccess(at: now, consentID: id, unit: unit, unitName: unitName, outcome: reason.rawValue))
            return .consent(reason, message, retryAfter: nil)
        }
        if let audience = entry.info.audience, audience != unit {
            fail(unit: unit, cid: cid, now: now)
            throw refuse(.otherUnit, "this consent is for another health unit")
        }
        switch Self.current(entry.info, now: now).status {
        case .revoked: throw refuse(.revoked, "the citizen revoked this consent code")
        case .expired: throw refuse(.expired, "this consent code expired; ask the citizen for a new one")
        case .usedUp: throw refuse(.usedUp, "this consent code was used as many times as the citizen allowed")
        case .active: break
        }
        entry.info.uses += 1
        entries[id] = entry
        logs[cid, default: []].append(ConsentAccess(at: now, consentID: id, unit: unit, unitName: unitName, outcome: "ok"))
        redeemed[redemptionID] = Redeemed(consentID: id, cid: cid, logIndex: logs[cid]!.count - 1)
        return Self.current(entry.info, now: now)
    }

    /// Checks a read made with a redemption's bearer and records it: the consent must still be
    /// active (revoked or expired stops reads at once) and cover `kind` (nil: no kind needed).
    mutating func read(redemptionID: String, cid: String, kind: RecordKind?, covered: Bool, now: Date) throws(SandboxError) {
        guard let r = redeemed[redemptionID], r.cid == cid, let entry = entries[r.consentID] else {
            throw .unauthorized("invalid consent access token")
        }
        if entry.info.revokedAt != nil { throw .consent(.revoked, "the citizen revoked this consent code", retryAfter: nil) }
        if entry.info.expiresAt <= now { throw .consent(.expired, "this consent code expired; ask the citizen for a new one", retryAfter: nil) }
        guard covered else {
            throw .consent(.outOfScope, "the consent does not cover \(kind?.rawValue ?? "this Action")", retryAfter: nil)
        }
        var line = logs[cid]![r.logIndex]
        line.reads += 1
        line.lastReadAt = now
        if let kind, !line.kindsRead.contains(kind) { line.kindsRead.append(kind) }
        logs[cid]![r.logIndex] = line
    }

    /// The access-log line a redemption's reads are counted on.
    func accessRow(redemptionID: String) -> AccessRow? {
        guard let r = redeemed[redemptionID], let line = logs[r.cid]?[r.logIndex] else { return nil }
        return AccessRow(cid: r.cid, position: r.logIndex, access: line)
    }

    /// The kinds of the consent behind a redemption.
    func kinds(redemptionID: String) -> [RecordKind]? {
        redeemed[redemptionID].flatMap { entries[$0.consentID]?.info.kinds }
    }

    // MARK: Rows (kept in SQLite by SandboxStore)

    /// One consent: `position` is its place among the citizen's consents (creation order).
    struct ConsentRow: Codable, Equatable {
        var id: String
        var cid: String
        var position: Int
        var digest: Data
        var info: ConsentInfo
    }

    /// One line of a citizen's access log, at `position`.
    struct AccessRow: Codable, Equatable {
        var cid: String
        var position: Int
        var access: ConsentAccess
    }

    struct RedemptionRow: Codable, Equatable {
        var id: String
        var consentID: String
        var cid: String
        var logIndex: Int
    }

    /// A wrong code counted against `key` (`unit:<hcode>` or `cid:<cid>`).
    struct FailureRow: Codable, Equatable {
        var key: String
        var at: Date
    }

    struct LockoutRow: Codable, Equatable {
        var key: String
        var until: Date
    }

    /// Everything the registry holds, as rows.
    struct Rows: Equatable {
        var consents: [ConsentRow] = []
        var log: [AccessRow] = []
        var redemptions: [RedemptionRow] = []
        var failures: [FailureRow] = []
        var lockouts: [LockoutRow] = []
    }

    var rows: Rows {
        var rows = Rows()
        for (cid, ids) in idsByCitizen {
            for (position, id) in ids.enumerated() {
                guard let entry = entries[id] else { continue }
                rows.consents.append(ConsentRow(id: id, cid: cid, position: position, digest: Data(entry.digest), info: entry.info))
            }
        }
        for (cid, lines) in logs {
            rows.log += lines.enumerated().map { AccessRow(cid: cid, position: $0.offset, access: $0.element) }
        }
        rows.redemptions = redeemed.map { RedemptionRow(id: $0.key, consentID: $0.value.consentID, cid: $0.value.cid, logIndex: $0.value.logIndex) }
        rows.failures = failures.flatMap { key, dates in dates.map { FailureRow(key: key, at: $0) } }
        rows.lockouts = lockedUntil.map { LockoutRow(key: $0.key, until: $0.value) }
        return rows
    }

    init() {}

    /// The registry that `rows` describe.
    init(rows: Rows) {
        for row in rows.consents.sorted(by: { ($0.cid, $0.position) < ($1.cid, $1.position) }) {
            entries[row.id] = Entry(info: row.info, cid: row.cid, digest: Array(row.digest))
            idsByCitizen[row.cid, default: []].append(row.id)
        }
        for row in rows.log.sorted(by: { ($0.cid, $0.position) < ($1.cid, $1.position) }) {
            logs[row.cid, default: []].append(row.access)
        }
        for row in rows.redemptions {
            redeemed[row.id] = Redeemed(consentID: row.consentID, cid: row.cid, logIndex: row.logIndex)
        }
        for row in rows.failures.sorted(by: { $0.at < $1.at }) { failures[row.key, default: []].append(row.at) }
        for row in rows.lockouts { lockedUntil[row.key] = row.until }
    }

    // MARK: Helpers

    private mutating func fail(unit: String, cid: String, now: Date) {
        for (key, limit) in [("unit:" + unit, Self.maxFailuresPerUnit), ("cid:" + cid, Self.maxFailuresPerCitizen)] {
            var recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < Self.failureWindow }
            recent.append(now)
            if recent.count >= limit {
                lockedUntil[key] = now.addingTimeInterval(Self.lockout)
                recent = []
            }
            failures[key] = recent
        }
    }

    static func current(_ info: ConsentInfo, now: Date) -> ConsentInfo {
        var info = info
        if info.revokedAt != nil { info.status = .revoked }
        else if info.expiresAt <= now { info.status = .expired }
        else if let max = info.maxUses, info.uses >= max { info.status = .usedUp }
        else { info.status = .active }
        return info
    }

    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in a.indices { diff |= a[i] ^ b[i] }
        return diff == 0
    }
}
