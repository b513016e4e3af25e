import Foundation
import PHRModel
import PHRWire

/// The synthetic citizens a sandbox serves, derived only from `--seed` (same seed → same CIDs,
/// names and bytes of every `result`).
///
/// Six people, each with a life story behind their record (``Person``, docs/sandbox.md): a
/// hypertensive adult (the demo citizen), a young mother and her two children (a pre-school
/// child and an infant, with her surname), an elderly widow(er), and a retired civil servant
/// with diabetes whose kidneys failed, on haemodialysis three times a week (about 28,000 rows).
///
/// A documented fraction of rows carries the real service's faults (docs/sandbox.md).
public struct CitizenDirectory: Sendable {
    public let seed: UInt64
    public let profiles: [CitizenProfile]

    public init(seed: UInt64) {
        self.seed = seed
        var rng = SplitMix64(seed: seed)
        let kinds: [CitizenProfile.Kind] = [.adult, .child, .heavy, .adult, .elderly, .infant]
        var profiles = kinds.enumerated().map { i, kind in CitizenProfile(kind: kind, number: i, rng: &rng) }
        // The children are the second adult's: her surname, born when she was in her late twenties.
        for i in [1, 5] { profiles[i] = profiles[i].child(of: profiles[3]) }
        profiles[5] = profiles[5].named(unlike: profiles[1])   // siblings do not share a first name
        profiles[3].childBirths = [profiles[1].birthDate, profiles[5].birthDate]
        self.profiles = profiles
    }

    /// The profile for a CID, if the sandbox knows it.
    public func profile(_ cid: String) -> CitizenProfile? {
        profiles.first { $0.cid.digits == cid }
    }
}

/// Who a synthetic citizen is (cheap); their record is generated on first use (``CitizenRecord``).
public struct CitizenProfile: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case adult, child, heavy, elderly, infant
    }

    public let kind: Kind
    public let cid: CitizenID
    public private(set) var nameTH: PersonName
    public private(set) var nameEN: PersonName
    public let gender: String
    public private(set) var birthDate: CivilDateTime
    /// The mother's CID, for the children of a family (a caregiver relation).
    public private(set) var mother: CitizenID?
    /// Seed for this citizen's record.
    let recordSeed: UInt64
    /// The days a mother's children were born (her pregnancies are part of her record).
    var childBirths: [CivilDateTime] = []
    /// Which citizen of the directory this is (0 is the demo adult).
    let number: Int

    var female: Bool { gender == "F" }

    init(kind: Kind, number: Int, rng: inout SplitMix64) {
        self.kind = kind
        self.number = number
        var digits: [UInt8] = [UInt8(1 + rng.below(8))]
        for _ in 0..<11 { digits.append(UInt8(rng.below(10))) }
        cid = CitizenID(prefix12: digits)
        // The mother (the second adult) is a woman; everyone else is drawn.
        let female = number == 3 ? true : rng.below(2) == 0
        gender = female ? "F" : "M"
        let first = female ? rng.pick(Names.femaleTH) : rng.pick(Names.maleTH)
        let last = rng.pick(Names.lastTH)
        let young = kind == .child || kind == .infant
        nameTH = PersonName(prefix: young ? (female ? "ด.ญ." : "ด.ช.") : (female ? "นาง" : "นาย"), first: first.0, last: last.0)
        nameEN = PersonName(prefix: young ? (female ? "Miss" : "Master") : (female ? "Mrs." : "Mr."), first: first.1, last: last.1)
        let today = CivilDateTime.sandboxToday
        let born: CivilDateTime
        switch kind {
        case .adult: born = number == 0 ? CivilDateTime(year: 1967 + rng.below(5), month: 1 + rng.below(12), day: 1 + rng.below(28))
                                        : CivilDateTime(year: 1993 + rng.below(4), month: 1 + rng.below(12), day: 1 + rng.below(28))
        case .heavy: born = CivilDateTime(year: 1956 + rng.below(4), month: 1 + rng.below(12), day: 1 + rng.below(28))
        case .elderly: born = CivilDateTime(year: 1944 + rng.below(4), month: 1 + rng.below(12), day: 1 + rng.below(28))
        case .child: born = CivilDateTime(year: 2022, month: 3 + rng.below(4), day: 1 + rng.below(28))
        case .infant: born = today.adding(days: -(200 + rng.below(45)))
        }
        birthDate = born
        recordSeed = rng.next()
    }

    /// This person with the next first name of their sex's list when `other` has the same one.
    func named(unlike other: CitizenProfile) -> CitizenProfile {
        guard other.nameTH.first == nameTH.first else { return self }
        let names = female ? Names.femaleTH : Names.maleTH
        let next = names[((names.firstIndex { $0.0 == nameTH.first } ?? 0) + 1) % names.count]
        var p = self
        p.nameTH.first = next.0
        p.nameEN.first = next.1
        return p
    }

    /// This child with `mother`'s surname.
    func child(of mother: CitizenProfile) -> CitizenProfile {
        var p = self
        p.nameTH.last = mother.nameTH.last
        p.nameEN.last = mother.nameEN.last
        p.mother = mother.cid
        return p
    }
}

/// A citizen's whole record as the service would return it, per Action, pre-serialised.
public struct CitizenRecord: Sendable {
    /// The JSON text of `result` for each list/object Action request (without `Code=`).
    public let results: [ActionRequest: Data]
    /// Per-encounter `result` JSON for `Condition`/`Observation`/`Medication` `mode=Encounter`, by ref.
    public let perEncounter: [Action: [String: Data]]
    /// Rows per Action (for `phr-sandbox citizens` and tests).
    public let rowCounts: [String: Int]

    public var totalRows: Int { rowCounts.values.reduce(0, +) }

    /// The `result` JSON for a request, or nil if the sandbox has nothing (e.g. unknown ref).
    public func result(for request: ActionRequest) -> Data? {
        if request.mode?.caseInsensitiveCompare("Encounter") == .orderedSame {
            guard let code = request.code else { return nil }
            return perEncounter[request.action]?[code] ?? Data("[]".utf8)
        }
        return results[ActionRequest(request.action, mode: request.mode.map(Records.canonicalMode))]
    }
}

enum Records {
    /// The health units of the synthetic records: hcode and name.
    static let units: [(String, String)] = Unit.all.map { ($0.code, $0.name) }

    static func canonicalMode(_ mode: String) -> String {
        mode.prefix(1).uppercased() + mode.dropFirst().lowercased()
    }
}

/// Thai names with their romanisation (RTGS), as the ID card carries both.
enum Names {
    static let femaleTH = [("สมศรี", "Somsri"), ("มาลี", "Malee"), ("วันเพ็ญ", "Wanphen"), ("สุดารัตน์", "Sudarat"), ("กาญจนา", "Kanchana"),
                           ("ปราณี", "Pranee"), ("อรุณี", "Arunee"), ("พรทิพย์", "Phonthip"), ("จันทร์เพ็ญ", "Chanphen"), ("ศิริพร", "Siriphon")]
    static let maleTH = [("สมชาย", "Somchai"), ("ประเสริฐ", "Prasoet"), ("วิชัย", "Wichai"), ("สุรชัย", "Surachai"), ("อนันต์", "Anan"),
                         ("ธนากร", "Thanakon"), ("บุญเลิศ", "Bunloet"), ("สมพงษ์", "Somphong"), ("ชัยวัฒน์", "Chaiwat"), ("เกรียงไกร", "Kriangkrai")]
    static let lastTH = [("ใจดี", "Chaidi"), ("ศรีสุข", "Sisuk"), ("มั่นคง", "Mankhong"), ("แก้วมณี", "Kaeomani"), ("บุญมา", "Bunma"),
                         ("ทองดี", "Thongdi"), ("สุขสวัสดิ์", "Suksawat"), ("พรหมมา", "Phromma"), ("วงศ์ไทย", "Wongthai"), ("ชูชื่น", "Chuchuen")]
}
