import Foundation
import PHRModel

/// A chronic condition of a person's story: when it was diagnosed and which unit's chronic
/// clinic registered it.
struct ChronicCondition: Sendable {
    let diagnosis: Diagnosis
    let onset: CivilDateTime
    let unit: Unit
}

/// A drug allergy a unit recorded.
struct DrugAllergy: Sendable {
    let substance: String
    let family: Drug.Family
    let tmt: String
    let reaction: String
    let severity: String
    let recorded: CivilDateTime
    let unit: Unit
}

/// Where a person lives (one household for a mother and her children).
struct Home: Sendable {
    let line1: String, line2: String, line3: String
    let district: String, city: String, state: String, postalCode: String, code: String

    static let choices = [
        Home(line1: "45", line2: "หมู่ที่ 3", line3: "บ้านหนองแวง", district: "ป่าไร่", city: "อรัญประเทศ", state: "สระแก้ว",
             postalCode: "27120", code: "270607"),
        Home(line1: "112/1", line2: "หมู่ที่ 7", line3: "บ้านคลองหาด", district: "คลองหาด", city: "คลองหาด", state: "สระแก้ว",
             postalCode: "27260", code: "270201"),
        Home(line1: "9", line2: "หมู่ที่ 2", line3: "บ้านท่าเกษม", district: "ท่าเกษม", city: "เมืองสระแก้ว", state: "สระแก้ว",
             postalCode: "27000", code: "270106"),
        Home(line1: "301", line2: "หมู่ที่ 5", line3: "บ้านโคกสูง", district: "โคกสูง", city: "โคกสูง", state: "สระแก้ว",
             postalCode: "27180", code: "270801"),
    ]
}

/// The person behind a synthetic citizen: body, habits, the story of their conditions with the
/// dates they began, allergies, right to care, family and the units that treat them.
/// Everything follows from the profile and its seed.
struct Person: Sendable {
    let profile: CitizenProfile
    var female: Bool { profile.female }
    var birth: CivilDateTime { profile.birthDate }

    /// The first day the record covers (units' HIS data reaches back this far).
    var recordStart: CivilDateTime
    /// Adult height (cm); children grow along their z-scores instead.
    var height: Double
    var heightZ: Double
    var weightZ: Double
    /// Adult weight at the start of the record (kg).
    var weight: Double
    /// Personal offset of blood pressure from the population norm (mmHg).
    var bloodPressureOffset: Double
    /// 43-file smoking and drinking screening codes with their Thai text.
    var smoking: (String, String)
    var drinking: (String, String)
    var chronic: [ChronicCondition]
    var allergies: [DrugAllergy]
    /// eGFR over time when the kidneys fail (the heavy citizen's story); nil: ageing kidneys.
    var kidneyCourse: KidneyCourse?
    var dialysis: (start: CivilDateTime, unit: Unit, moved: (from: CivilDateTime, to: CivilDateTime, unit: Unit)?)?
    /// Days a mother gave birth (her pregnancies are in the record).
    var births: [CivilDateTime]
    /// The unit of chronic care and of walk-in illness, and the hospital of referral.
    var homeUnit: Unit
    var otherUnits: [Unit]
    var home: Home
    var phone: String
    var marital: (String, String)
    /// Whether an ACE inhibitor's cough made the doctor switch to an ARB, and when.
    var aceCough: CivilDateTime?
    /// How many short illnesses the record holds.
    var acuteIllnesses: Int

    /// The right used at a visit: the heavy citizen is a retired civil servant, the demo adult an
    /// employee in social security until 60, everyone else on UCS by age.
    func right(on day: CivilDateTime) -> Right {
        let age = birth.years(on: day)
        switch profile.kind {
        case .heavy: return .civilServant
        case .adult where profile.number == 0 && age < 60: return .socialSecurity
        default: return .ucs(age: age)
        }
    }

    func has(_ dx: Diagnosis, on day: CivilDateTime) -> Bool {
        chronic.contains { $0.diagnosis == dx && $0.onset <= day }
    }

    func ageYears(on day: CivilDateTime) -> Int { birth.years(on: day) }
    var allergyFamilies: Set<Drug.Family> { Set(allergies.map(\.family)) }
}

/// eGFR (mL/min/1.73 m²) falling linearly between two points, then dialysis.
struct KidneyCourse: Sendable {
    let from: (CivilDateTime, Double)
    let to: (CivilDateTime, Double)

    func eGFR(on day: CivilDateTime) -> Double {
        let span = Double(to.0.dayNumber - from.0.dayNumber)
        let f = min(1, max(0, Double(day.dayNumber - from.0.dayNumber) / span))
        return from.1 + (to.1 - from.1) * f
    }
}

extension Person {
    /// Builds the person of a profile; the story depends on the kind (docs/sandbox.md).
    init(_ p: CitizenProfile) {
        var rng = SplitMix64(seed: p.recordSeed)
        profile = p
        let female = p.female
        recordStart = CivilDateTime(year: 2015, month: 1, day: 1)
        height = rng.normal(female ? 155 : 166, 5)
        heightZ = rng.normal(0, 0.8)
        weightZ = heightZ * 0.6 + rng.normal(0, 0.5)
        let bmi = rng.uniform(21, 26)
        weight = bmi * pow(height / 100, 2)
        bloodPressureOffset = rng.normal(0, 4)
        smoking = ("1", "ไม่สูบ")
        drinking = ("1", "ไม่ดื่ม (ไม่ดื่มในรอบ 12 เดือนที่ผ่านมา)")
        chronic = []
        allergies = []
        kidneyCourse = nil
        dialysis = nil
        births = []
        home = Home.choices[rng.below(Home.choices.count)]
        phone = "0" + ["8", "9", "6"][rng.below(3)] + String(format: "%08d", rng.below(100_000_000))
        marital = ("M", "คู่")
        aceCough = nil
        homeUnit = .aranyaprathet
        otherUnits = [.sakaeo]
        acuteIllnesses = 6 + rng.below(4)
        func day(_ y: Int, _ m: ClosedRange<Int> = 1...12) -> CivilDateTime {
            CivilDateTime(year: y, month: rng.int(m), day: 1 + rng.below(28))
        }

        switch p.kind {
        case .adult where p.number == 0:
            // Hypertension found at a screening in his or her late forties, lipids two years later;
            // a penicillin allergy from childhood, recorded at the first visit.
            homeUnit = .aranyaprathet
            otherUnits = [.sakaeo]
            home = Home.choices[0]
            weight = rng.uniform(26, 28.5) * pow(height / 100, 2)
            bloodPressureOffset = rng.normal(4, 2)
            drinking = ("2", "ดื่มนานๆ ครั้ง")
            smoking = rng.chance(0.5) ? ("1", "ไม่สูบ") : ("2", "สูบนานๆ ครั้ง")
            chronic = [ChronicCondition(diagnosis: .hypertension, onset: day(2016, 3...9), unit: .aranyaprathet),
                       ChronicCondition(diagnosis: .dyslipidaemia, onset: day(2018), unit: .aranyaprathet)]
            allergies = [DrugAllergy(substance: "PENICILLIN V", family: .penicillin, tmt: "230801", reaction: "ผื่นลมพิษ คัน หลังรับประทานยา",
                                     severity: "Moderate", recorded: recordStart.adding(days: 20 + rng.below(60)), unit: .aranyaprathet)]
            if rng.chance(0.4) { aceCough = day(2019) }
        case .adult:
            // The mother: healthy, two pregnancies (her children are in the directory).
            homeUnit = .klongHad
            otherUnits = [.sakaeo]
            home = Home.choices[1]
            recordStart = CivilDateTime(year: 2014, month: 1, day: 1)
            births = p.childBirths
            acuteIllnesses = 5 + rng.below(3)
        case .child, .infant:
            homeUnit = .klongHad
            otherUnits = [.sakaeo]
            home = Home.choices[1]
            recordStart = p.birthDate
            marital = ("S", "โสด")
            smoking = ("", "")
            drinking = ("", "")
            acuteIllnesses = p.kind == .child ? 4 + rng.below(2) : 1
        case .elderly:
            // Hypertension for years before the record, then knee osteoarthritis; widowed.
            homeUnit = .khokSung
            otherUnits = [.sakaeo]
            home = Home.choices[3]
            height = rng.normal(female ? 150 : 161, 4)
            weight = rng.uniform(21, 24) * pow(height / 100, 2)
            marital = ("W", "หม้าย")
            chronic = [ChronicCondition(diagnosis: .hypertension, onset: day(2008), unit: .khokSung),
                       ChronicCondition(diagnosis: .kneeOA, onset: day(2016), unit: .khokSung),
                       ChronicCondition(diagnosis: female ? .osteoporosis : .prostate, onset: day(2019), unit: .khokSung)]
        case .heavy:
            // A retired civil servant: diabetes from 2003, hypertension, lipids; diabetic kidney
            // disease falling from stage 3 in 2010 to dialysis in mid-2012: haemodialysis three
            // times a week since, at the provincial hospital (at Aranyaprathet for two years);
            // amlodipine once gave a rash.
            recordStart = CivilDateTime(year: 2010, month: 7, day: 1)
            homeUnit = .khaoChakan
            otherUnits = [.sakaeo, .aranyaprathet, .khokSung, .klongHad]
            home = Home.choices[2]
            weight = rng.uniform(22, 24) * pow(height / 100, 2)
            chronic = [ChronicCondition(diagnosis: .diabetes, onset: day(2003), unit: .khaoChakan),
                       ChronicCondition(diagnosis: .hypertension, onset: day(2005), unit: .khaoChakan),
                       ChronicCondition(diagnosis: .dyslipidaemia, onset: day(2008), unit: .khaoChakan),
                       ChronicCondition(diagnosis: .ckd3, onset: day(2010), unit: .khaoChakan)]
            kidneyCourse = KidneyCourse(from: (recordStart, rng.uniform(44, 48)), to: (CivilDateTime(year: 2012, month: 6, day: 15), 9))
            let start = CivilDateTime(year: 2012, month: 7, day: 1)
            dialysis = (start, .sakaeo, (CivilDateTime(year: 2016, month: 3, day: 1), CivilDateTime(year: 2018, month: 1, day: 1), .aranyaprathet))
            chronic.append(ChronicCondition(diagnosis: .ckd5, onset: start, unit: .sakaeo))
            allergies = [DrugAllergy(substance: "AMLODIPINE", family: .dihydropyridine, tmt: "224906", reaction: "ผื่นแดงคันทั้งตัว ขาบวม",
                                     severity: "Moderate", recorded: CivilDateTime(year: 2011, month: 3, day: 8), unit: .khaoChakan)]
            acuteIllnesses = 8
        }
    }
}
