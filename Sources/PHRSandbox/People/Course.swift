import Foundation
import PHRModel

/// A visit as it happened: everything the unit's HIS later sends to the PHR service.
struct ClinicalVisit: Sendable {
    enum Setting: Sendable { case outpatient, inpatient }
    var start: CivilDateTime
    var end: CivilDateTime
    /// When the screening nurse took the vital signs (the `VitalSign` row's `period_start`).
    var vitalsAt: CivilDateTime
    var unit: Unit
    var setting: Setting
    var byAppointment: Bool
    var division: (code: String, name: String)
    var complaint: String
    var hpi: String
    var diagnoses: [Diagnosis]
    /// Whether the unit also sends the history of present illness as a pseudo-condition (`hpi`).
    var hpiCondition: Bool
    var vitals: Vitals
    var dispensed: [(drug: Drug, quantity: Double)]
    var labs: [LabResult]
    /// Capillary glucose at the screening station (`lab_dtx`, no lab row).
    var dtx: Double?
    var shots: [Shot]
    var cost: Double
    /// The unit's export wrote this visit's year converted to CE twice (2022 → 1479).
    var doubleConverted: Bool
}

/// A person's record played out visit by visit, as their doctors would: measure, order the
/// tests that are due, adjust treatment to the results, prescribe until the next appointment.
struct Course {
    let person: Person
    private(set) var visits: [ClinicalVisit] = []
    /// Doses given outside a visit of the record (mass COVID-19 vaccination sites).
    private(set) var campaignShots: [(day: CivilDateTime, shot: Shot, unit: Unit)] = []

    private var rng: SplitMix64
    private var weight: Double
    private var hypertensionStep = 0
    private var diabetesStep = 0
    private var statinStep = 0
    private var lastBloodPressureHigh = false
    private var lastDone: [String: CivilDateTime] = [:]
    private let glycaemiaOffset: Double
    private let ldlUntreated: Double
    private let hdl: Double
    private let triglyceride: Double
    private let kidneyOffset: Double

    init(_ person: Person) {
        self.person = person
        var rng = SplitMix64(seed: person.profile.recordSeed ^ 0xC0_75E)
        weight = person.weight
        glycaemiaOffset = rng.normal(0, 0.4)
        ldlUntreated = person.has(.dyslipidaemia, on: .sandboxToday) ? rng.normal(175, 12) : rng.normal(120, 12)
        hdl = rng.normal(person.female ? 52 : 43, 4)
        triglyceride = rng.normal(person.has(.diabetes, on: .sandboxToday) ? 175 : 130, 20)
        kidneyOffset = rng.normal(0, 5)
        let planRNG = rng.fork()
        self.rng = rng
        var planner = planRNG
        let plan = Planner.visits(for: person, rng: &planner)
        // Treatment already under way when the record begins.
        let start = person.recordStart
        if person.has(.hypertension, on: start) { hypertensionStep = person.kidneyCourse == nil ? 2 : 3 }
        if person.has(.diabetes, on: start) { diabetesStep = 3 }
        if person.has(.dyslipidaemia, on: start) || person.has(.diabetes, on: start) { statinStep = 1 }
        for (i, planned) in plan.enumerated() {
            let next = plan[(i + 1)...].first { if case .chronic = $0.purpose { return true }; if case .dialysis(true) = $0.purpose { return true }; return false }
            visits.append(visit(planned, nextAppointment: next?.start))
        }
        markDoubleConvertedYears()
        if person.profile.kind != .child && person.profile.kind != .infant {
            var r = rng.fork()
            let pregnant2021 = person.births.contains { $0.year == 2022 }
            campaignShots = EPI.covidCourse(born: person.birth, pregnantIn2021: pregnant2021, rng: &r).map { ($0.0, $0.1, person.homeUnit) }
        }
    }

    // MARK: One visit

    private mutating func visit(_ planned: PlannedVisit, nextAppointment: CivilDateTime?) -> ClinicalVisit {
        let day = planned.start
        let age = person.ageYears(on: day)
        let child = person.profile.kind == .child || person.profile.kind == .infant
        var v = ClinicalVisit(start: day, end: day.adding(minutes: 60 + rng.below(90)), vitalsAt: day.adding(minutes: 4 + rng.below(25)),
                              unit: planned.unit, setting: .outpatient, byAppointment: true,
                              division: child ? ("05", "กุมารเวชกรรม") : ("01", "อายุรกรรม"),
                              complaint: "", hpi: "", diagnoses: [], hpiCondition: false, vitals: Vitals(), dispensed: [], labs: [],
                              dtx: nil, shots: [], cost: 0, doubleConverted: rng.oneIn(150))
        v.vitals = vitals(on: day, purpose: planned.purpose)
        let days = nextAppointment.map { min(90, max(28, $0.dayNumber - day.dayNumber)) } ?? 60

        switch planned.purpose {
        case .screening:
            v.byAppointment = false
            v.complaint = "ตรวจสุขภาพประจำปี คัดกรองความดันโลหิตและเบาหวาน"
            v.hpi = "มาตรวจคัดกรอง ไม่มีอาการผิดปกติ\r\n"
            v.diagnoses = [.ncdScreening]
            v.dtx = rounded(rng.normal(92, 8), 0)
            v.cost = 100

        case .chronic:
            // Results first, then the review of what was already prescribed, then what starts today.
            v.labs = orderedLabs(on: day, dialysisReview: false)
            review(on: day, bloodPressure: v.vitals, labs: v.labs)
            let started = startTreatment(on: day)
            v.complaint = started ? "ความดันโลหิตสูง 2 ครั้ง มาฟังผล เริ่มรักษา" : "F/U \(shortNames(on: day)) มาตามนัด อาการปกติ"
            v.hpi = started ? "ตรวจพบความดันโลหิตสูงจากการคัดกรอง ไม่มีอาการ\r\n"
                : rng.pick(["มาตามนัด ไม่มีอาการผิดปกติ รับประทานยาสม่ำเสมอ\r\n", "มาตามนัด ทานยาครบ ไม่มีเวียนศีรษะ ไม่มีใจสั่น\r\n",
                            "อาการทั่วไปปกติ ไม่มีเหนื่อย ไม่บวม\r\n"])
            v.diagnoses = chronicDiagnoses(on: day)
            if person.has(.diabetes, on: day) { v.dtx = rounded(fastingGlucose(on: day) + rng.normal(5, 10), 0) }
            v.dispensed = regimen(on: day).map { ($0, quantity($0, days: days)) }
            v.cost = 300 + Double(rng.below(500))
            if (5...8).contains(day.month), person.profile.kind == .elderly || person.kidneyCourse != nil, !given(EPI.influenza, year: day.year) {
                v.shots = [EPI.influenza]
            }

        case .dialysis(let isReview):
            v.end = day.adding(minutes: 255 + rng.below(20))
            v.vitalsAt = day.adding(minutes: 5 + rng.below(10))
            v.complaint = "มาฟอกเลือดตามนัด"
            v.hpi = rng.pick(["HD ตามนัด ไม่เหนื่อย ไม่บวม\r\n", "HD ตามนัด นอนราบได้ ปัสสาวะออกน้อย\r\n", "ฟอกเลือดตามนัด อาการทั่วไปปกติ\r\n"])
            v.diagnoses = [.ckd5, .dialysis, .diabeticKidney, .hypertensiveKidney, .renalAnaemia]
            let weekday = (day.dayNumber + 4) % 7
            v.dispensed = [(Formulary.heparin, 1), (Formulary.saline, 2)]
            if weekday != 3 && weekday != 4 { v.dispensed.append((Formulary.epoetin, 1)) }
            if isReview {
                v.labs = orderedLabs(on: day, dialysisReview: true)
                review(on: day, bloodPressure: v.vitals, labs: v.labs)
                v.dispensed.append((Formulary.ironSucrose, 1))
                v.dispensed += regimen(on: day).map { ($0, quantity($0, days: 30)) }
                if day.month == 6, !given(EPI.influenza, year: day.year) { v.shots = [EPI.influenza] }
            }
            v.cost = 1500 + v.dispensed.reduce(0) { $0 + $1.drug.price * $1.quantity }

        case .acute(let illness):
            v.byAppointment = false
            v.complaint = illness.complaint
            v.hpi = illness.hpi
            v.diagnoses = [illness.diagnosis]
            v.hpiCondition = true
            let egfr = eGFR(on: day)
            for role in illness.treatment {
                guard let drug = Formulary.acute(role, age: age, allergies: person.allergyFamilies, eGFR: egfr),
                      !v.dispensed.contains(where: { $0.drug.name == drug.name }) else { continue }
                v.dispensed.append((drug, quantity(drug, days: drug.family == .penicillin || drug.family == .macrolide ? 7 : 5)))
            }
            v.cost = 150 + Double(rng.below(300))

        case .wellChild(let shots), .newborn(let shots):
            if case .newborn = planned.purpose {
                v.complaint = "ทารกแรกเกิด รับวัคซีนตามกำหนด"
                v.diagnoses = [.newborn, .immunisation]
                v.setting = .inpatient
                v.end = day.adding(days: 2).at(10, rng.below(60))
            } else {
                v.complaint = "ตรวจสุขภาพเด็กดี รับวัคซีนตามนัด"
                v.diagnoses = [.wellChild, .immunisation]
                if shots.contains(where: { $0.code.hasPrefix("D2") || $0.code.hasPrefix("09") || $0.code == "034" || $0.code == "035" }) {
                    v.dispensed = [(Formulary.paracetamolSyrup, 1)]
                }
                if (260...300).contains(person.birth.days(until: day)) {
                    v.labs = [result(.hematocrit, rng.normal(35, 1.5))]
                }
            }
            v.hpi = "พัฒนาการสมวัย กินนมแม่ ไม่มีไข้\r\n"
            v.shots = shots
            v.cost = 0

        case .antenatal(let week, let first):
            v.division = ("03", "สูติกรรม")
            v.complaint = "ฝากครรภ์ตามนัด อายุครรภ์ \(week) สัปดาห์"
            v.hpi = "ลูกดิ้นดี ไม่มีเลือดออกทางช่องคลอด ไม่มีน้ำเดิน\r\n"
            v.diagnoses = [.antenatal]
            if first || week == 28 { v.labs = [result(.hematocrit, rng.normal(35.5, 1.5)), result(.hemoglobin, rng.normal(11.8, 0.6))] }
            v.dispensed = [(Formulary.triferdine, Double(days))]
            if first || (week == 16 && person.births.first.map { day < $0 } == true) { v.shots = [EPI.dT] }
            v.cost = 0

        case .delivery:
            v.setting = .inpatient
            v.byAppointment = false
            v.division = ("03", "สูติกรรม")
            v.end = day.adding(days: 2).at(10, rng.below(60))
            v.complaint = "เจ็บครรภ์ มีมูกเลือด 6 ชั่วโมง"
            v.hpi = "G\(person.births.firstIndex { $0.dayNumber == day.dayNumber }.map { $0 + 1 } ?? 1) อายุครรภ์ 38 สัปดาห์ เจ็บครรภ์ถี่\r\n"
            v.diagnoses = [.delivery]
            v.dispensed = [(Formulary.paracetamol, 20), (Formulary.triferdine, 30)]
            v.cost = 7_000 + Double(rng.below(1500))

        case .postnatal:
            v.division = ("03", "สูติกรรม")
            v.complaint = "ตรวจหลังคลอด 6 สัปดาห์"
            v.hpi = "น้ำคาวปลาหมด ให้นมบุตร ไม่มีไข้\r\n"
            v.diagnoses = [.postnatal]
            v.cost = 0
        }
        return v
    }

    // MARK: Vital signs

    private mutating func vitals(on day: CivilDateTime, purpose: Purpose) -> Vitals {
        var out = Vitals()
        let months = person.birth.months(until: day)
        let years = months / 12
        if years < 18 {
            out.height = rounded(Growth.height(ageMonths: months, female: person.female, z: person.heightZ) + rng.normal(0, 0.3), 1)
            out.weight = rounded(Growth.weight(ageMonths: months, female: person.female, z: person.weightZ) + rng.normal(0, 0.1), 1)
            if years >= 3 {
                let (s, d) = NormalVitals.childBloodPressure(ageYears: years)
                out.systolic = rounded(s + rng.normal(0, 5), 0)
                out.diastolic = rounded(d + rng.normal(0, 4), 0)
            }
        } else {
            weight = driftWeight(on: day)
            var w = weight
            if case .dialysis = purpose { w += rng.uniform(1.2, 3.2) }
            for birth in person.births {
                let since = day.dayNumber - birth.dayNumber
                if (-280...0).contains(since) { w += 12 * Double(280 + since) / 280 }   // gained in pregnancy
                if (1...182).contains(since) { w += 4 * (1 - Double(since) / 182) }       // kept for a while after birth
            }
            out.weight = rounded(w, 1)
            if rng.chance(0.75) || purpose.isFirstOfKind { out.height = rounded(person.height + rng.normal(0, 0.4), 0) }
            let (s, d) = bloodPressure(on: day, purpose: purpose)
            out.systolic = s
            out.diastolic = d
            if case .chronic = purpose { out.waist = rounded(weight * 0.5 + 50 + rng.normal(0, 1), 0) }
        }
        let rates = NormalVitals.rates(ageMonths: months)
        out.pulse = rounded(rates.pulse + rng.normal(0, 6), 0)
        out.respiratoryRate = rounded(rates.respiratoryRate + rng.normal(0, 1.5), 0)
        switch purpose {
        case .acute(let illness) where illness.fever:
            out.temperature = rounded(rng.uniform(37.8, 39.2), 1)
            out.pulse = out.pulse.map { $0 + 12 }
            out.spo2 = rounded(rng.uniform(96, 99), 0)
        case .chronic, .screening:
            // One visit in three the temperature is not taken.
            out.temperature = rng.chance(0.66) ? rounded(rng.normal(36.6, 0.2), 1) : nil
        default:
            out.temperature = rounded(rng.normal(36.7, 0.2), 1)
        }
        return out
    }

    /// Weight as a slow random walk around the person's weight, a little lower in old age.
    private mutating func driftWeight(on day: CivilDateTime) -> Double {
        let target = person.weight - (person.ageYears(on: day) > 70 ? 0.3 * Double(person.ageYears(on: day) - 70) : 0)
        return weight + (target - weight) * 0.05 + rng.normal(0, 0.35)
    }

    /// Blood pressure from the age norm, hypertension since its onset, failing kidneys and the
    /// treatment's effect, with the measurement's own scatter.
    private mutating func bloodPressure(on day: CivilDateTime, purpose: Purpose) -> (Double, Double) {
        let age = Double(person.ageYears(on: day))
        var sys = 104 + 0.45 * max(0, age - 20) + person.bloodPressureOffset
        if let ht = person.chronic.first(where: { $0.diagnosis == .hypertension }) {
            let years = Double(day.dayNumber - ht.onset.dayNumber) / 365.25
            if years >= 0 { sys += 30 + 0.5 * years } else if years > -1 { sys += 30 * (1 + years) }   // rising the year before
        }
        if eGFR(on: day) < 30 { sys += 12 }
        if case .dialysis = purpose { sys += 6 }
        sys -= regimen(on: day).reduce(0) { $0 + Self.bloodPressureEffect($1) }
        if case .screening = purpose, person.chronic.contains(where: { $0.diagnosis == .hypertension && $0.onset.dayNumber - day.dayNumber < 30 && $0.onset > day }) {
            sys = max(sys, 146)   // the screening that found it
        }
        sys += rng.normal(0, 6)
        let dia = sys * (age > 65 ? 0.5 : 0.58) + 8 + rng.normal(0, 4)
        return (rounded(sys, 0), rounded(dia, 0))
    }

    static func bloodPressureEffect(_ drug: Drug) -> Double {
        switch drug {
        case Formulary.amlodipine5: return 9
        case Formulary.amlodipine10: return 13
        case Formulary.enalapril5: return 7
        case Formulary.enalapril20: return 11
        case Formulary.losartan50: return 8
        case Formulary.losartan100: return 11
        case Formulary.hctz: return 8
        case Formulary.hydralazine: return 9
        case Formulary.doxazosin: return 6
        default: return 0
        }
    }

    // MARK: Treatment

    /// Starts treatment at the first chronic visit after a diagnosis; true when hypertension was
    /// diagnosed today.
    private mutating func startTreatment(on day: CivilDateTime) -> Bool {
        var diagnosedToday = false
        if hypertensionStep == 0, person.has(.hypertension, on: day) { hypertensionStep = 1; diagnosedToday = true }
        if diabetesStep == 0, person.has(.diabetes, on: day) { diabetesStep = 1 }
        if statinStep == 0, person.has(.dyslipidaemia, on: day) || (person.has(.diabetes, on: day) && person.ageYears(on: day) >= 40) {
            statinStep = 1
        }
        return diagnosedToday
    }

    /// The doctor's review: step blood-pressure treatment up after two high readings in a row
    /// (down when pressure is low), diabetes by HbA1c, the statin by LDL.
    private mutating func review(on day: CivilDateTime, bloodPressure v: Vitals, labs: [LabResult]) {
        if hypertensionStep > 0, let s = v.systolic, let d = v.diastolic {
            let high = s >= 140 || d >= 90
            if high && lastBloodPressureHigh {
                hypertensionStep = min(hypertensionStep + 1, hypertensionLadder(on: day).count)
                lastBloodPressureHigh = false
            } else {
                lastBloodPressureHigh = high
            }
            if s < 105 && hypertensionStep > 1 { hypertensionStep -= 1 }
        }
        if diabetesStep > 0, let a1c = labs.first(where: { $0.test == .hba1c })?.value {
            if a1c > 7.0 { diabetesStep = min(diabetesStep + 1, 5) } else if a1c < 6.0 && diabetesStep > 2 { diabetesStep -= 1 }
        }
        if statinStep > 0, let ldl = labs.first(where: { $0.test == .ldl })?.value {
            let target: Double = person.has(.diabetes, on: day) || eGFR(on: day) < 60 ? 100 : 130
            if ldl > target { statinStep = min(statinStep + 1, 3) }
        }
    }

    /// The steps of blood-pressure treatment for this person: an ACE inhibitor first with
    /// diabetes or weak kidneys (an ARB instead after an ACE-inhibitor cough, never both),
    /// amlodipine first otherwise (never with a dihydropyridine allergy), a second drug at the
    /// third step; hydralazine and doxazosin only for resistant hypertension in kidney failure.
    private func hypertensionLadder(on day: CivilDateTime) -> [[Drug]] {
        let egfr = eGFR(on: day)
        let cough = person.aceCough.map { day >= $0 } ?? false
        let raas = cough ? [Formulary.losartan50, Formulary.losartan100] : [Formulary.enalapril5, Formulary.enalapril20]
        let dhpAllowed = !person.allergyFamilies.contains(.dihydropyridine)
        let dhp = [Formulary.amlodipine5, Formulary.amlodipine10]
        let first: [Drug], second: [Drug]
        if person.has(.diabetes, on: day) || egfr < 60 || !dhpAllowed {
            first = raas
            second = dhpAllowed ? dhp : (egfr >= 30 ? [Formulary.hctz] : [Formulary.hydralazine])
        } else {
            first = dhp
            second = [raas[0], raas[1]]
        }
        var ladder = [[first[0]], [first[1]], [first[1], second[0]], [first[1], second.last!]]
        if egfr < 30 { ladder.append([first[1], Formulary.hydralazine, Formulary.doxazosin]) }
        return ladder
    }

    /// Everything taken regularly on `day`.
    private func regimen(on day: CivilDateTime) -> [Drug] {
        var drugs: [Drug] = []
        let egfr = eGFR(on: day)
        if hypertensionStep > 0 {
            let ladder = hypertensionLadder(on: day)
            drugs += ladder[min(hypertensionStep, ladder.count) - 1]
        }
        if diabetesStep > 0 {
            if egfr >= 30 { drugs.append(diabetesStep >= 2 && egfr >= 45 ? Formulary.metforminHigh : Formulary.metformin) }
            if diabetesStep >= 3 || egfr < 30 { drugs.append(diabetesStep >= 4 ? Formulary.glipizideHigh : Formulary.glipizide) }
            if diabetesStep >= 5 || (egfr < 30 && diabetesStep >= 4) { drugs.append(Formulary.insulinNPH) }
        }
        if statinStep > 0 { drugs.append([Formulary.simvastatin20, Formulary.simvastatin40, Formulary.atorvastatin40][statinStep - 1]) }
        if egfr < 30 {
            drugs += [Formulary.calciumCarbonate, Formulary.folicAcid]
            drugs += person.dialysis.map { day >= $0.start } == true ? [Formulary.vitaminB] : [Formulary.sodiumBicarbonate, Formulary.ferrous]
        }
        if person.has(.kneeOA, on: day) { drugs.append(Formulary.paracetamol) }
        if person.has(.osteoporosis, on: day) { drugs += [Formulary.alendronate, Formulary.calciumVitD] }
        if person.has(.prostate, on: day), !drugs.contains(Formulary.doxazosin) { drugs.append(Formulary.doxazosin) }
        return drugs
    }

    /// Units dispensed to last `days` (one bottle, tube or vial-course for the others).
    private mutating func quantity(_ drug: Drug, days: Int) -> Double {
        switch drug.form {
        case .syrup, .cream: return 1
        case .sachet: return Double(5 + rng.below(6))
        case .injection where drug.perDay > 0: return max(1, (drug.perDay * Double(days)).rounded(.up))
        case .injection, .infusion: return 1
        case .tablet, .capsule:
            if drug.perDay == 0 { return Double([10, 20, 30][rng.below(3)]) * (days > 20 ? 2 : 1) }
            return (drug.perDay * Double(days)).rounded(.up)
        }
    }

    // MARK: Labs

    /// The tests due on a chronic-clinic day: yearly kidney function, lipids, sugar and liver
    /// (with a statin); HbA1c every six months in diabetes; kidney panel every three months while
    /// kidneys fail; before dialysis each month the dialysis panel, quarterly albumin and HbA1c.
    private mutating func orderedLabs(on day: CivilDateTime, dialysisReview: Bool) -> [LabResult] {
        var tests: [LabTest] = []
        func due(_ name: String, every days: Int) -> Bool {
            guard let last = lastDone[name] else { lastDone[name] = day; return true }
            guard day.dayNumber - last.dayNumber >= days else { return false }
            lastDone[name] = day
            return true
        }
        let diabetic = person.has(.diabetes, on: day)
        let failing = person.kidneyCourse != nil
        if dialysisReview {
            tests += [.bun, .creatinine, .egfr, .sodium, .potassium, .chloride, .bicarbonate, .hematocrit, .hemoglobin, .calcium, .phosphate]
            if due("quarter", every: 85) { tests += [.albumin, .hba1c] }
            if due("year", every: 330) { tests += [.cholesterol, .triglyceride, .hdl, .ldl, .alt] }
        } else {
            if due("year", every: 330) {
                tests += [.glucose, .creatinine, .egfr, .cholesterol, .triglyceride, .hdl, .ldl]
                if statinStep > 0 { tests.append(.alt) }
                if diabetic { tests += [.urineAlbumin, .urineCreatinine] }
                if hypertensionStep > 0 || failing { tests.append(.potassium) }
            }
            if diabetic, due("hba1c", every: 150) {
                tests.append(.hba1c)
                if !tests.contains(.glucose) { tests.append(.glucose) }
            }
            if failing, due("kidney", every: 80) {
                for t in [LabTest.creatinine, .egfr, .bun, .potassium, .sodium, .chloride, .bicarbonate, .hematocrit] where !tests.contains(t) {
                    tests.append(t)
                }
            }
        }
        return results(tests, on: day)
    }

    private mutating func results(_ tests: [LabTest], on day: CivilDateTime) -> [LabResult] {
        let age = person.birth.yearsExact(until: day)
        let creatinine = rounded(Kidney.creatinine(eGFR: eGFR(on: day), age: age, female: person.female) * rng.normal(1, 0.03), 2)
        let onDialysis = person.dialysis.map { day >= $0.start } ?? false
        let egfr = eGFR(on: day)
        let ldl = ldlUntreated * (1 - [0, 0.30, 0.38, 0.47][statinStep]) + rng.normal(0, 8)
        let tg = triglyceride + rng.normal(0, 25)
        let diabeticAlbumin = person.has(.diabetes, on: day) ? 28.0 : 10.0
        let hdlNow = hdl + rng.normal(0, 3)
        var out: [LabResult] = []
        for test in tests {
            let value: Double
            switch test {
            case .glucose: value = fastingGlucose(on: day)
            case .hba1c: value = hba1c(on: day)
            case .creatinine: value = creatinine
            case .egfr: value = Kidney.eGFR(creatinine: creatinine, age: age, female: person.female)
            case .bun: value = onDialysis ? rng.normal(62, 8) : 12 + 420 / max(egfr, 5) + rng.normal(0, 2)
            case .potassium: value = onDialysis ? rng.normal(5.0, 0.35) : rng.normal(egfr < 30 ? 4.7 : 4.2, 0.25)
            case .sodium: value = rng.normal(139, 1.8)
            case .chloride: value = rng.normal(102, 2)
            case .bicarbonate: value = egfr < 30 ? rng.normal(21, 1.5) : rng.normal(25, 1.5)
            case .cholesterol: value = ldl + hdlNow + tg / 5
            case .triglyceride: value = tg
            case .hdl: value = hdlNow
            case .ldl: value = ldl
            case .alt: value = rng.normal(22, 6)
            case .ast: value = rng.normal(24, 5)
            case .urineAlbumin: value = person.kidneyCourse != nil ? rng.normal(egfr < 30 ? 260 : 180, 40) : rng.normal(diabeticAlbumin, 8)
            case .urineCreatinine: value = rng.normal(110, 20)
            case .hematocrit: value = egfr < 30 ? rng.normal(31, 1.5) : rng.normal(person.female ? 39 : 44, 1.5)
            case .hemoglobin:
                let hct = out.first { $0.test == .hematocrit }?.value ?? (egfr < 30 ? 31 : 42)
                value = hct / 3 + rng.normal(0, 0.1)
            case .calcium: value = rng.normal(9.0, 0.3)
            case .phosphate: value = onDialysis ? rng.normal(5.0, 0.7) : rng.normal(3.6, 0.4)
            case .albumin: value = onDialysis ? rng.normal(3.7, 0.25) : rng.normal(4.2, 0.2)
            default: value = 0
            }
            out.append(result(test, value))
        }
        return out
    }

    private func result(_ test: LabTest, _ value: Double) -> LabResult {
        // The LDL a lab reports is calculated (Friedewald) from the values it measured.
        LabResult(test: test, value: rounded(max(value, 0), test.decimals))
    }

    /// Kidney function: the failing course of the story, else a slow decline with age.
    private func eGFR(on day: CivilDateTime) -> Double {
        if let dialysis = person.dialysis, day >= dialysis.start { return 6 + kidneyOffset / 5 }
        if let course = person.kidneyCourse { return course.eGFR(on: day) }
        let age = person.birth.yearsExact(until: day)
        return min(120, 105 - 0.9 * max(0, age - 35) + kidneyOffset)
    }

    /// HbA1c from the disease's course and the treatment (each step lowers it; dialysis lowers
    /// the measured value).
    private mutating func hba1c(on day: CivilDateTime) -> Double {
        guard let dm = person.chronic.first(where: { $0.diagnosis == .diabetes }), dm.onset <= day else { return rng.normal(5.4, 0.2) }
        let years = Double(day.dayNumber - dm.onset.dayNumber) / 365.25
        let effect = regimen(on: day).reduce(0.0) { sum, d in
            switch d {
            case Formulary.metformin: return sum + 1.0
            case Formulary.metforminHigh: return sum + 1.4
            case Formulary.glipizide: return sum + 0.9
            case Formulary.glipizideHigh: return sum + 1.2
            case Formulary.insulinNPH: return sum + 1.6
            default: return sum
            }
        }
        let dialysis = person.dialysis.map { day >= $0.start } == true ? 0.5 : 0
        return max(5.3, 9.0 + 0.05 * years + glycaemiaOffset - effect - dialysis + rng.normal(0, 0.3))
    }

    /// Fasting plasma glucose consistent with the HbA1c (ADAG: eAG = 28.7 × A1c − 46.7).
    private mutating func fastingGlucose(on day: CivilDateTime) -> Double {
        guard person.has(.diabetes, on: day) else { return rng.normal(90, 7) }
        return 28.7 * hba1c(on: day) - 46.7 - 8 + rng.normal(0, 12)
    }

    // MARK: Helpers

    private func chronicDiagnoses(on day: CivilDateTime) -> [Diagnosis] {
        let egfr = eGFR(on: day)
        var out: [Diagnosis] = []
        for c in person.chronic where c.onset <= day {
            switch c.diagnosis {
            case .diabetes: out.append(person.kidneyCourse != nil ? .diabeticKidney : .diabetes)
            case .hypertension: out.append(person.kidneyCourse != nil ? (egfr < 15 ? .hypertensiveKidney : .hypertensiveKidneyEarly) : .hypertension)
            case .ckd3, .ckd4, .ckd5: if let stage = Kidney.diagnosis(egfr), !out.contains(stage) { out.append(stage) }
            default: out.append(c.diagnosis)
            }
        }
        if egfr < 30, person.kidneyCourse != nil { out.append(.renalAnaemia) }
        return out
    }

    private func shortNames(on day: CivilDateTime) -> String {
        let names: [(Diagnosis, String)] = [(.diabetes, "DM"), (.hypertension, "HT"), (.dyslipidaemia, "DLP"), (.ckd3, "CKD"),
                                            (.kneeOA, "OA knee"), (.prostate, "BPH"), (.osteoporosis, "osteoporosis")]
        return names.filter { person.has($0.0, on: day) }.map(\.1).joined(separator: " ")
    }

    private func given(_ shot: Shot, year: Int) -> Bool {
        visits.contains { $0.start.year == year && $0.shots.contains(shot) }
    }

    /// The record's documented date fault: 1 in 150 visits, and always the demo citizen's first
    /// visit of 2022, carry a year converted to CE twice.
    private mutating func markDoubleConvertedYears() {
        if person.profile.number == 0, let i = visits.firstIndex(where: { $0.start.year == 2022 }) {
            visits[i].doubleConverted = true
        }
    }
}

extension Purpose {
    /// Visits where height is always measured (the first at a clinic, a child's check).
    var isFirstOfKind: Bool {
        switch self {
        case .screening, .wellChild, .newborn, .antenatal(week: _, first: true): return true
        default: return false
        }
    }
}
