import Foundation
import PHRModel
import PHRWire

/// The synthetic citizens a sandbox serves, derived only from `--seed` (same seed → same CIDs,
/// names and bytes of every `result`). Three kinds: an ordinary adult, a child with vaccines
/// only, and a heavy chronic citizen with about 28,000 rows over ten years at five units.
///
/// A documented fraction of rows carries the real service's faults (docs/sandbox.md):
/// 1 in 150 visits dated with a double-converted year (2022 → 1479), 1 in 40 vital rows with
/// numbers as text, `0` for a missing temperature in VitalSign but `null` in Encounter,
/// `onset_datetime` always the `1970-01-01` sentinel, 1 in 90 diagnoses with an empty date,
/// 1 in 120 drug quantities as text, and one chronic condition dated in Buddhist Era.
public struct CitizenDirectory: Sendable {
    public let seed: UInt64
    public let profiles: [CitizenProfile]

    public init(seed: UInt64) {
        self.seed = seed
        var rng = SplitMix64(seed: seed)
        profiles = [CitizenProfile.Kind.adult, .child, .heavy, .adult].enumerated().map { i, kind in
            CitizenProfile(kind: kind, number: i, rng: &rng)
        }
    }

    /// The profile for a CID, if the sandbox knows it.
    public func profile(_ cid: String) -> CitizenProfile? {
        profiles.first { $0.cid.digits == cid }
    }
}

/// Who a synthetic citizen is (cheap); their record is generated on first use (``CitizenRecord``).
public struct CitizenProfile: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case adult, child, heavy
    }

    public let kind: Kind
    public let cid: CitizenID
    public let nameTH: PersonName
    public let nameEN: PersonName
    public let gender: String
    public let birthDate: CivilDateTime
    /// Seed for this citizen's record.
    let recordSeed: UInt64

    init(kind: Kind, number: Int, rng: inout SplitMix64) {
        self.kind = kind
        var digits: [UInt8] = [UInt8(1 + rng.below(8))]
        for _ in 0..<11 { digits.append(UInt8(rng.below(10))) }
        cid = CitizenID(prefix12: digits)
        let female = rng.below(2) == 0
        gender = female ? "F" : "M"
        let first = female ? Names.femaleTH.randomPair(&rng) : Names.maleTH.randomPair(&rng)
        let last = Names.lastTH.randomPair(&rng)
        let child = kind == .child
        nameTH = PersonName(prefix: child ? (female ? "ด.ญ." : "ด.ช.") : (female ? "นาง" : "นาย"), first: first.0, last: last.0)
        nameEN = PersonName(prefix: child ? (female ? "Miss" : "Master") : (female ? "Mrs." : "Mr."), first: first.1, last: last.1)
        let age = child ? 1 + rng.below(4) : (kind == .heavy ? 58 + rng.below(15) : 25 + rng.below(30))
        birthDate = CivilDateTime(year: Records.today.year - age, month: 1 + rng.below(12), day: 1 + rng.below(28))
        recordSeed = rng.next()
    }
}

/// A citizen's whole record as the service would return it, per Action, pre-serialised.
public struct CitizenRecord: Sendable {
    /// The JSON text of `result` for each list/object Action request (without `Code=`).
    public let results: [ActionRequest: Data]
    /// Per-encounter `result` JSON for `Condition`/`Medication` `mode=Encounter`, by ref.
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
    /// The sandbox's fixed "today" for generated data, so output never depends on the clock.
    static let today = CivilDateTime(year: 2026, month: 10, day: 31)

    static func canonicalMode(_ mode: String) -> String {
        mode.prefix(1).uppercased() + mode.dropFirst().lowercased()
    }

    static let units: [(String, String)] = [
        ("10699", "โรงพยาบาลสมเด็จพระยุพราชสระแก้ว"), ("10866", "โรงพยาบาลคลองหาด"),
        ("10870", "โรงพยาบาลอรัญประเทศ"), ("13817", "โรงพยาบาลเขาฉกรรจ์"), ("28850", "โรงพยาบาลโคกสูง"),
    ]
    static let chronic: [(dot: String, plain: String, en: String, th: String)] = [
        ("I10", "I10", "Essential (primary) hypertension", "ความดันโลหิตสูง"),
        ("E11.9", "E119", "Type 2 diabetes mellitus without complications", "เบาหวานชนิดที่ 2"),
        ("E78.5", "E785", "Hyperlipidaemia, unspecified", "ไขมันในเลือดสูง"),
        ("N18.3", "N183", "Chronic kidney disease, stage 3", "ไตวายเรื้อรัง ระยะที่ 3"),
    ]
    static let acute: [(String, String)] = [
        ("J00", "Acute nasopharyngitis [common cold]"), ("K29.7", "Gastritis, unspecified"),
        ("M54.5", "Low back pain"), ("R51", "Headache"), ("J47", "Bronchiectasis"),
    ]
    /// Local drug names as units send them, with a TMT GP code and a 24-digit drug code
    /// (illustrative values in the real formats; sandbox extensions, docs/sandbox.md).
    static let drugs: [(name: String, tmt: String, d24: String, how: String)] = [
        ("MFM_METFORMIN 500 mg.", "211547", "101010101000000000000001", "รับประทานครั้งละ 1 เม็ด วันละ 2 ครั้ง หลังอาหารเช้า-เย็น"),
        ("AML_AMLODIPINE 5 mg.", "224906", "101010101000000000000002", "รับประทานครั้งละ 1 เม็ด วันละ 1 ครั้ง หลังอาหารเช้า"),
        ("ENA_ENALAPRIL 5 mg.", "226011", "101010101000000000000003", "รับประทานครั้งละ 1 เม็ด วันละ 1 ครั้ง ก่อนนอน"),
        ("SIM_SIMVASTATIN 20 mg.", "231563", "101010101000000000000004", "รับประทานครั้งละ 1 เม็ด ก่อนนอน"),
        ("GLI_GLIPIZIDE 5 mg.", "227390", "101010101000000000000005", "รับประทานครั้งละ 1 เม็ด ก่อนอาหารเช้า 30 นาที"),
        ("ASA_ASPIRIN 81 mg.", "211082", "101010101000000000000006", "รับประทานครั้งละ 1 เม็ด หลังอาหารเช้า"),
        ("LOS_LOSARTAN 50 mg.", "229540", "101010101000000000000007", "รับประทานครั้งละ 1 เม็ด วันละ 1 ครั้ง"),
        ("HCT_HYDROCHLOROTHIAZIDE 25 mg.", "227999", "101010101000000000000008", "รับประทานครั้งละ ครึ่งเม็ด ตอนเช้า"),
        ("CAC_CALCIUM CARBONATE 1000 mg.", "215131", "101010101000000000000009", "รับประทานครั้งละ 1 เม็ด พร้อมอาหาร"),
        ("PAR_PARACETAMOL 500 mg.", "230355", "101010101000000000000010", "รับประทานครั้งละ 1 เม็ด เวลาปวดหรือมีไข้ ทุก 4-6 ชั่วโมง"),
        ("OME_OMEPRAZOLE 20 mg.", "230077", "101010101000000000000011", "รับประทานครั้งละ 1 แคปซูล ก่อนอาหารเช้า"),
        ("FBC_FERROUS FUMARATE 200 mg.", "226697", "101010101000000000000012", "รับประทานครั้งละ 1 เม็ด หลังอาหารเช้า"),
    ]
    /// EPI vaccines (43-file style codes; docs/sandbox.md lists them).
    static let vaccines: [(String, String, Int)] = [
        ("010", "BCG", 1), ("041", "HBV1", 1), ("091", "DTP-HB-Hib 1", 1), ("081", "OPV1", 1), ("401", "IPV", 1),
        ("092", "DTP-HB-Hib 2", 2), ("082", "OPV2", 2), ("093", "DTP-HB-Hib 3", 3), ("083", "OPV3", 3),
        ("061", "MMR1", 1), ("J11", "JE1 (live)", 1), ("035", "DTP4", 4), ("084", "OPV4", 4), ("073", "MMR2", 2),
        ("J12", "JE2 (live)", 2),
    ]
    static let rights: [(String, String, String, String)] = [
        ("UCS", "สิทธิหลักประกันสุขภาพแห่งชาติ", "สปสช.", "77"), ("SSS", "สิทธิประกันสังคม", "สำนักงานประกันสังคม", "30"),
        ("OFC", "สิทธิข้าราชการ", "กรมบัญชีกลาง", "10"), ("LGO", "สิทธิพนักงานส่วนท้องถิ่น", "กรมส่งเสริมการปกครองท้องถิ่น", "11"),
    ]
}

enum Names {
    static let femaleTH = [("สมศรี", "Somsri"), ("มาลี", "Malee"), ("วันเพ็ญ", "Wanphen"), ("สุดารัตน์", "Sudarat"), ("กาญจนา", "Kanchana"), ("ปราณี", "Pranee")]
    static let maleTH = [("สมชาย", "Somchai"), ("ประเสริฐ", "Prasert"), ("วิชัย", "Wichai"), ("สุรชัย", "Surachai"), ("อนันต์", "Anan"), ("ธนากร", "Thanakorn")]
    static let lastTH = [("ใจดี", "Jaidee"), ("ศรีสุข", "Srisuk"), ("มั่นคง", "Mankong"), ("แก้วมณี", "Kaewmanee"), ("บุญมา", "Boonma"), ("ทองดี", "Thongdee")]
}

extension Array {
    func randomPair(_ rng: inout SplitMix64) -> Element { self[rng.below(count)] }
}

/// A small, fast, seedable generator (SplitMix64), so the sandbox's data is reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in `0..<n`.
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    /// True once in `n` draws on average.
    public mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }
}
