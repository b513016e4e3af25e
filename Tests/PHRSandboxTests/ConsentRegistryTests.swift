import Foundation
import PHRModel
import PHRWire
import Testing
@testable import PHRSandbox

/// The consent rules of docs/sandbox.md, on the registry itself (the HTTP side is driven by
/// Tests/Scripts/45-share.sh with the built binaries).
@Suite struct ConsentRegistryTests {
    static let cid = "1101700230708"
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    struct Fixed: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state }
    }

    static func registry(kinds: [RecordKind] = [.vitals], audience: String? = nil, uses: Int? = nil,
                         seed: UInt64 = 1) -> (ConsentRegistry, ConsentCode) {
        var rng = Fixed(state: seed)
        let code = ConsentCode.random(using: &rng)
        var registry = ConsentRegistry()
        _ = registry.create(cid: cid, code: code, id: "c-1", kinds: kinds, audience: audience, lifetime: 3_600, maxUses: uses, now: t0)
        return (registry, code)
    }

    static func refusal(_ body: () throws -> Void) -> ConsentRefusal? {
        do { try body(); return nil } catch {
            if case .consent(let reason, _, _)? = error as? SandboxError { return reason }
            return nil
        }
    }

    @Test func aRedemptionCountsAUseAndIsLogged() throws {
        var (r, code) = Self.registry(uses: 2)
        let info = try r.redeem(cid: Self.cid, code: code.grouped, unit: "10699", unitName: "รพ.", redemptionID: "r-1", now: Self.t0)
        #expect(info.uses == 1 && info.status == .active)
        try r.read(redemptionID: "r-1", cid: Self.cid, kind: .vitals, covered: true, now: Self.t0)
        let line = try #require(r.accessLog(cid: Self.cid).first)
        #expect(line.unit == "10699" && line.kindsRead == [.vitals] && line.reads == 1 && line.outcome == "ok")
        _ = try r.redeem(cid: Self.cid, code: code.symbols, unit: "10699", unitName: nil, redemptionID: "r-2", now: Self.t0)
        #expect(Self.refusal { _ = try r.redeem(cid: Self.cid, code: code.symbols, unit: "10699", unitName: nil, redemptionID: "r-3", now: Self.t0) } == .usedUp)
    }

    @Test func distinctRefusals() throws {
        var (r, code) = Self.registry(audience: "10699")
        #expect(Self.refusal { _ = try r.redeem(cid: Self.cid, code: code.symbols, unit: "10866", unitName: nil, redemptionID: "r", now: Self.t0) } == .otherUnit)
        #expect(Self.refusal { _ = try r.redeem(cid: "3100600445566", code: code.symbols, unit: "10699", unitName: nil, redemptionID: "r", now: Self.t0) } == .unknown,
                "a valid code with another citizen's ID")
        #expect(Self.refusal { _ = try r.redeem(cid: Self.cid, code: code.symbols, unit: "10699", unitName: nil, redemptionID: "r", now: Self.t0.addingTimeInterval(3_600)) } == .expired)
        _ = try r.redeem(cid: Self.cid, code: code.symbols, unit: "10699", unitName: nil, redemptionID: "r-ok", now: Self.t0)
        #expect(Self.refusal { try r.read(redemptionID: "r-ok", cid: Self.cid, kind: .conditions, covered: false, now: Self.t0) } == .outOfScope)
        _ = try r.revoke(cid: Self.cid, code: code, id: nil, all: false, now: Self.t0)
        #expect(Self.refusal { try r.read(redemptionID: "r-ok", cid: Self.cid, kind: .vitals, covered: true, now: Self.t0) } == .revoked,
                "revoking stops a bearer already handed out")
        #expect(Self.refusal { _ = try r.redeem(cid: Self.cid, code: code.symbols, unit: "10699", unitName: nil, redemptionID: "r", now: Self.t0) } == .revoked)
    }

    @Test func fiveWrongCodesLockTheUnitForFifteenMinutes() throws {
        var (r, code) = Self.registry(seed: 7)
        var rng = Fixed(state: 99)
        for _ in 0..<ConsentRegistry.maxFailuresPerUnit {
            let guess = ConsentCode.random(using: &rng)
            #expect(Self.refusal { _ = try r.redeem(cid: Self.cid, code: guess.symbols, unit: "28850", unitName: nil, redemptionID: "g", now: Self.t0) } == .unknown)
        }
        #expect(Self.refusal { _ = try r.redeem(cid: Self.cid, code: code.symbols, unit: "28850", unitName: nil, redemptionID: "x", now: Self.t0) } == .rateLimited,
                "locked even for the right code")
        _ = try r.redeem(cid: Self.cid, code: code.symbols, unit: "10870", unitName: nil, redemptionID: "y", now: Self.t0)
        _ = try r.redeem(cid: Self.cid, code: code.symbols, unit: "28850", unitName: nil, redemptionID: "z", now: Self.t0.addingTimeInterval(ConsentRegistry.lockout + 1))
        #expect(r.accessLog(cid: Self.cid).filter { $0.outcome == ConsentRefusal.unknown.rawValue }.count == 5)
    }

    @Test func tenWrongCodesFromManyUnitsLockTheCitizen() throws {
        var (r, code) = Self.registry(seed: 8)
        var rng = Fixed(state: 5)
        for i in 0..<ConsentRegistry.maxFailuresPerCitizen {
            let guess = ConsentCode.random(using: &rng)
            _ = Self.refusal { _ = try r.redeem(cid: Self.cid, code: guess.symbols, unit: String(20000 + i), unitName: nil, redemptionID: "g", now: Self.t0) }
        }
        #expect(Self.refusal { _ = try r.redeem(cid: Self.cid, code: code.symbols, unit: "10699", unitName: nil, redemptionID: "x", now: Self.t0) } == .rateLimited)
    }

    @Test func failuresOutsideTheWindowDoNotAddUp() throws {
        var (r, code) = Self.registry(seed: 9)
        var rng = Fixed(state: 11)
        for i in 0..<8 {
            let guess = ConsentCode.random(using: &rng)
            let at = Self.t0.addingTimeInterval(Double(i) * ConsentRegistry.failureWindow / 3)
            _ = Self.refusal { _ = try r.redeem(cid: Self.cid, code: guess.symbols, unit: "28850", unitName: nil, redemptionID: "g", now: at) }
        }
        _ = try r.redeem(cid: Self.cid, code: code.symbols, unit: "28850", unitName: nil, redemptionID: "ok",
                         now: Self.t0.addingTimeInterval(8 * ConsentRegistry.failureWindow / 3))
    }

    /// Lab results are a kind a citizen consents to: Observation (summary and per visit) needs
    /// `labs`, and an Encounter row read under another kind keeps its `lab_*` fields only with it.
    @Test func labsAreConsentedLikeEveryOtherKind() throws {
        #expect(ConsentScope(.observation).kind == .labs)
        #expect(ConsentScope(.observation).covers([.labs]) && !ConsentScope(.observation).covers([.vitals, .meds, .encounters]))
        #expect(ConsentScope(.encounter).covers([.labs]), "lab results hang off visits")
        let row: [String: Any] = ["encounter_ref_code": "10699:690101000001", "organization_code": "10699", "lab_fbs": 131,
                                  "lab_egfr": 52, "vital_sign_bps": 150, "chief_complaint": "มาตามนัด"]
        let data = try JSONSerialization.data(withJSONObject: [row])
        func cut(_ kinds: Set<RecordKind>) throws -> Set<String> {
            let rows = try JSONSerialization.jsonObject(with: ConsentScope(.encounter).minimize(data, kinds: kinds)) as? [[String: Any]]
            return Set(rows?.first.map { Array($0.keys) } ?? [])
        }
        #expect(try cut([.labs]) == ["encounter_ref_code", "organization_code", "lab_fbs", "lab_egfr"])
        #expect(try cut([.vitals, .encounters]) == ["encounter_ref_code", "organization_code", "vital_sign_bps", "chief_complaint"])
        #expect(try cut([.vitals, .encounters, .labs]).count == 6)
    }
}
