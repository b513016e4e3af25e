import Foundation
import PHRModel
import PHRWire
import Testing
@testable import PHRSandbox

/// Would a doctor believe these records? Rules written from clinical knowledge (Thai EPI
/// schedule, WHO growth ranges, pharmacology, KDIGO, CKD-EPI, Friedewald), not from the
/// generator's constants, checked on what the sandbox serves for every citizen of several seeds.
@Suite struct PlausibilityTests {
    typealias E = EncounterRow.CodingKeys
    typealias O = ObservationRow.CodingKeys
    typealias M = MedicationRow.CodingKeys

    /// One served record, read back from its JSON as a client would.
    struct Chart {
        let seed: UInt64
        let kind: String
        let birth: CivilDateTime
        let female: Bool
        let encounters: [WireRow]
        let labs: [String: [WireRow]]
        let meds: [String: [WireRow]]
        let conditions: [String: [WireRow]]
        let vaccines: [WireRow]
        let allergies: [WireRow]
        let ncd: [WireRow]
        let coverage: [WireRow]
        let patient: WireRow

        var who: String { "\(kind) (seed \(seed))" }
        func age(on day: CivilDateTime) -> Double { Double(day.dayNumber - birth.dayNumber) / 365.25 }
        func codes(_ ref: String) -> [String] { (conditions[ref] ?? []).compactMap { $0.text(ConditionRow.CodingKeys.codeText) } }
        func drugs(_ ref: String) -> [String] { (meds[ref] ?? []).compactMap { $0.text(M.codeText)?.uppercased() } }
        var chronicCodes: [String] { ncd.compactMap { $0.text(NCDRow.CodingKeys.ncdCode) } }
    }

    /// Read-only after it is built (WireRow holds Foundation values, so it is not Sendable).
    nonisolated(unsafe) static let charts: [Chart] = SeededRecords.all.map { seed, profile, record in
        func list(_ r: ActionRequest) -> [WireRow] {
            ((try? JSONSerialization.jsonObject(with: record.results[r] ?? Data("[]".utf8))) as? [[String: Any]] ?? []).map(WireRow.init)
        }
        func per(_ a: Action) -> [String: [WireRow]] {
            (record.perEncounter[a] ?? [:]).mapValues { ((try? JSONSerialization.jsonObject(with: $0)) as? [[String: Any]] ?? []).map(WireRow.init) }
        }
        let summary = (try? JSONSerialization.jsonObject(with: record.results[ActionRequest(.patientSummary)]!)) as? [String: Any] ?? [:]
        return Chart(seed: seed, kind: profile.kind.rawValue, birth: profile.birthDate, female: profile.gender == "F",
                     encounters: list(ActionRequest(.encounter)), labs: per(.observation), meds: per(.medication), conditions: per(.condition),
                     vaccines: list(ActionRequest(.immunization, mode: "Detail")), allergies: list(ActionRequest(.allergy)),
                     ncd: list(ActionRequest(.ncd)), coverage: list(ActionRequest(.coverage, mode: "Detail")),
                     patient: WireRow(summary["patient"] as? [String: Any] ?? [:]))
    }

    /// Visits in time order with their true date (a double-converted year is a documented fault of the text).
    static func visits(_ c: Chart) -> [(ref: String, day: CivilDateTime, row: WireRow)] {
        c.encounters.compactMap { e in
            guard let ref = e.text(E.encounterRefCode), var day = date(e.text(E.periodStart)) else { return nil }
            if day.year < 1900 { day.year += Era.offset }
            return (ref, day, e)
        }.sorted { $0.day < $1.day }
    }

    static func date(_ text: String?) -> CivilDateTime? {
        ThaiDateParser(now: CivilDateTime.sandboxToday).parse(text ?? "", field: "date").value
    }

    static func number(_ row: WireRow, _ key: some CodingKey) -> Double? { row.number(key).value.flatMap { $0 == 0 ? nil : $0 } }

    // MARK: Bodies

    @Test func anAdultsHeightStaysWithinFourCentimetres() {
        for c in Self.charts {
            let heights = Self.visits(c).filter { c.age(on: $0.day) >= 20 }.compactMap { Self.number($0.row, E.vitalSignBodyHeightCm) }
            guard let lo = heights.min(), let hi = heights.max() else { continue }
            #expect(hi - lo <= 4, "\(c.who): adult height from \(lo) to \(hi) cm")
        }
    }

    @Test func childrenGrowWithinWHORangesAndNeverShrink() {
        // WHO Child Growth Standards, ±3 SD of length/height and weight, boys and girls together.
        let heightRange: [(months: Double, cm: ClosedRange<Double>)] = [(0, 44...55.6), (6, 61...74), (12, 68...82.5), (24, 78...97),
                                                                         (36, 85...105), (60, 96...124)]
        let weightRange: [(months: Double, kg: ClosedRange<Double>)] = [(0, 2.0...5.0), (6, 5.5...10.9), (12, 6.9...13.3), (24, 8.6...17.1),
                                                                         (36, 10...20), (60, 12.7...27.9)]
        func range<T>(_ table: [(months: Double, T)], _ m: Double, _ pick: (T) -> ClosedRange<Double>) -> ClosedRange<Double> {
            let upper = table.firstIndex { $0.months >= m } ?? table.count - 1
            let lower = max(0, upper - 1)
            let a = pick(table[lower].1), b = pick(table[upper].1)
            return min(a.lowerBound, b.lowerBound)...max(a.upperBound, b.upperBound)
        }
        for c in Self.charts where c.kind == "child" || c.kind == "infant" {
            var last: Double = 0
            for v in Self.visits(c) {
                let months = c.age(on: v.day) * 12
                if let h = Self.number(v.row, E.vitalSignBodyHeightCm) {
                    #expect(range(heightRange, months, { $0 }).contains(h), "\(c.who) at \(Int(months)) months: \(h) cm")
                    #expect(h >= last - 1, "\(c.who) shrank from \(last) to \(h) cm")
                    last = max(last, h)
                }
                if let w = Self.number(v.row, E.vitalSignBodyWeightKg) {
                    #expect(range(weightRange, months, { $0 }).contains(w), "\(c.who) at \(Int(months)) months: \(w) kg")
                }
            }
        }
    }

    @Test func adultWeightChangesSlowly() {
        for c in Self.charts where c.kind != "child" && c.kind != "infant" {
            let births = Self.visits(c).filter { c.codes($0.ref).contains { $0.hasPrefix("O80") } }.map(\.day)
            let weights = Self.visits(c).compactMap { v in Self.number(v.row, E.vitalSignBodyWeightKg).map { (v.day, $0) } }
            // Giving birth loses the baby, the placenta and fluid at once.
            for (a, b) in zip(weights, weights.dropFirst()) where !births.contains(where: { a.0 <= $0 && $0 < b.0 }) {
                let weeks = Double(b.0.dayNumber - a.0.dayNumber) / 7
                // Fluid between dialysis sessions and pregnancy move weight by a few kilograms;
                // tissue by about half a kilogram a week at most.
                #expect(abs(b.1 - a.1) <= 4 + 0.5 * weeks, "\(c.who): \(a.1) → \(b.1) kg in \(Int(weeks)) weeks")
            }
            #expect(weights.allSatisfy { (35...150).contains($0.1) })
        }
    }

    @Test func vitalSignsAreWithinTheNormsOfTheAge() {
        for c in Self.charts {
            for v in Self.visits(c) {
                let age = c.age(on: v.day), r = v.row
                if let s = Self.number(r, E.vitalSignBpSystolicMmhg), let d = Self.number(r, E.vitalSignBpDiastolicMmhg) {
                    #expect(d < s && d >= 35, "\(c.who) \(v.day): \(s)/\(d)")
                    #expect(age >= 3, "\(c.who): blood pressure measured at \(age) years (not routine under 3)")
                    if age < 13 { #expect((75...125).contains(s), "\(c.who) at \(Int(age)) years: systolic \(s)") }
                    else { #expect((85...200).contains(s), "\(c.who): systolic \(s)") }
                }
                if let p = Self.number(r, E.vitalSignPulse) {
                    let range: ClosedRange<Double> = age < 1 ? 90...185 : age < 6 ? 70...160 : 45...125
                    #expect(range.contains(p), "\(c.who) at \(age) years: pulse \(p)")
                }
                if let t = Self.number(r, E.vitalSignBodyTempCel) { #expect((35.5...41).contains(t), "\(c.who): \(t) °C") }
            }
        }
    }

    @Test func noHypertensionOrAdultDiseaseInAChild() {
        let adultOnly = ["I10", "I12", "E11", "E78", "N18", "M17", "N40", "M81", "Z34", "O80"]
        for c in Self.charts {
            for v in Self.visits(c) where c.age(on: v.day) < 15 {
                for code in c.codes(v.ref) { #expect(!adultOnly.contains { code.hasPrefix($0.replacingOccurrences(of: ".", with: "")) },
                                                     "\(c.who) at \(Int(c.age(on: v.day))) years: \(code)") }
            }
            if !c.female { #expect(!c.encounters.contains { v in c.codes(v.text(E.encounterRefCode) ?? "").contains { $0.hasPrefix("Z34") || $0.hasPrefix("O") } }) }
        }
    }

    // MARK: Drugs

    /// Drugs an allergy to a substance forbids (its pharmacological family).
    static let crossReacting: [String: [String]] = [
        "PENICILLIN": ["PENICILLIN", "AMOXICILLIN", "AMPICILLIN", "CLOXACILLIN", "DICLOXACILLIN", "AMOXY", "AUGMENTIN"],
        "AMLODIPINE": ["AMLODIPINE", "NIFEDIPINE", "FELODIPINE", "NICARDIPINE", "MANIDIPINE", "LERCANIDIPINE"],
        "SULFA": ["SULFAMETHOXAZOLE", "CO-TRIMOXAZOLE", "BACTRIM"],
    ]

    @Test func noDrugMatchingAnAllergyIsEverDispensed() {
        var allergic = 0
        for c in Self.charts {
            for allergy in c.allergies.compactMap({ $0.text(AllergyRow.CodingKeys.drugName)?.uppercased() }) {
                allergic += 1
                let key = Self.crossReacting.keys.first { allergy.contains($0) }
                let forbidden = key.map { Self.crossReacting[$0]! } ?? [allergy]
                for (ref, drugs) in c.meds {
                    for drug in drugs.compactMap({ $0.text(M.codeText)?.uppercased() }) {
                        #expect(!forbidden.contains { drug.contains($0) }, "\(c.who) is allergic to \(allergy) but got \(drug) at \(ref)")
                    }
                }
            }
        }
        #expect(allergic > 0, "some citizen has a drug allergy")
    }

    static let aceInhibitors = ["ENALAPRIL", "CAPTOPRIL", "LISINOPRIL", "RAMIPRIL", "PERINDOPRIL"]
    static let angiotensinBlockers = ["LOSARTAN", "VALSARTAN", "CANDESARTAN", "TELMISARTAN", "IRBESARTAN"]
    static let nsaids = ["IBUPROFEN", "DICLOFENAC", "NAPROXEN", "MEFENAMIC", "PIROXICAM", "CELECOXIB", "ETORICOXIB"]

    @Test func prescriptionsFollowPharmacology() {
        for c in Self.charts {
            var lastEGFR: (day: CivilDateTime, value: Double)?
            for v in Self.visits(c) {
                if let e = (c.labs[v.ref] ?? []).first(where: { $0.text(O.loincCode) == "62238-1" })?.number(O.valueQuantity).value {
                    lastEGFR = (v.day, e)
                }
                let drugs = c.drugs(v.ref), age = c.age(on: v.day)
                let acei = drugs.contains { d in Self.aceInhibitors.contains { d.contains($0) } }
                let arb = drugs.contains { d in Self.angiotensinBlockers.contains { d.contains($0) } }
                #expect(!(acei && arb), "\(c.who) \(v.day): an ACE inhibitor with an ARB")
                let renal = lastEGFR.flatMap { v.day.dayNumber - $0.day.dayNumber <= 400 ? $0.value : nil }
                if let renal, renal < 30 {
                    #expect(!drugs.contains { $0.contains("METFORMIN") }, "\(c.who) \(v.day): metformin at eGFR \(renal)")
                    #expect(!drugs.contains { $0.contains("HYDROCHLOROTHIAZIDE") }, "\(c.who) \(v.day): a thiazide at eGFR \(renal)")
                    #expect(!drugs.contains { d in Self.nsaids.contains { d.contains($0) } }, "\(c.who) \(v.day): an NSAID at eGFR \(renal)")
                }
                if age < 6 {
                    // Small children get liquids, sachets and creams, never adult tablets.
                    for d in drugs where !(d.contains("SYR") || d.contains("SUSP") || d.contains("ORS") || d.contains("CREAM") || d.contains("DROP")) {
                        Issue.record("\(c.who) at \(age) years got \(d)")
                    }
                }
                // Treatment follows a diagnosis: diabetes drugs only for diabetics, statins for lipids or diabetes.
                let chronic = c.chronicCodes
                if drugs.contains(where: { $0.contains("METFORMIN") || $0.contains("GLIPIZIDE") || $0.contains("INSULIN") }) {
                    #expect(chronic.contains { $0.hasPrefix("E11") }, "\(c.who): diabetes drugs without diabetes")
                }
                if drugs.contains(where: { $0.contains("AMLODIPINE") || $0.contains("ENALAPRIL") || $0.contains("LOSARTAN") }) {
                    #expect(chronic.contains { $0.hasPrefix("I10") || $0.hasPrefix("N18") }, "\(c.who): antihypertensives without hypertension")
                }
            }
        }
    }

    @Test func hypertensionIsTreatedWithAtMostTwoFirstLineDrugs() {
        let firstLine = ["AMLODIPINE", "ENALAPRIL", "LOSARTAN", "HYDROCHLOROTHIAZIDE"]
        for c in Self.charts where c.chronicCodes.contains("I10") {
            var treated = 0
            for v in Self.visits(c) where c.codes(v.ref).contains(where: { $0 == "I10" || $0.hasPrefix("I12") }) {
                let n = Set(c.drugs(v.ref).compactMap { d in firstLine.first { d.contains($0) } }).count
                #expect(n <= 2, "\(c.who) \(v.day): \(n) first-line antihypertensives")
                if n > 0 { treated += 1 }
            }
            #expect(treated > 0, "\(c.who): hypertension never treated")
        }
    }

    // MARK: Labs

    /// eGFR by CKD-EPI 2009 (Levey 2009), without the race coefficient.
    static func ckdEPI(creatinine: Double, age: Double, female: Bool) -> Double {
        let kappa = female ? 0.7 : 0.9, alpha = female ? -0.329 : -0.411
        return 141 * pow(min(creatinine / kappa, 1), alpha) * pow(max(creatinine / kappa, 1), -1.209) * pow(0.993, age) * (female ? 1.018 : 1)
    }

    @Test func kidneyResultsAgreeWithEachOtherAndTheDiagnosis() {
        var checked = 0
        for c in Self.charts {
            for v in Self.visits(c) {
                let labs = c.labs[v.ref] ?? []
                let value = { (loinc: String) in labs.first { $0.text(O.loincCode) == loinc }?.number(O.valueQuantity).value }
                guard let cr = value("2160-0"), let gfr = value("62238-1") else { continue }
                checked += 1
                #expect(abs(Self.ckdEPI(creatinine: cr, age: c.age(on: v.day), female: c.female) - gfr) <= 2, "\(c.who): Cr \(cr) but eGFR \(gfr)")
                // KDIGO stages in the derived Thai row.
                let stage = labs.first { $0.text(O.display) == "CKD Stage" }?.text(O.valueString) ?? ""
                let expected = gfr >= 90 ? "ระดับที่ 1" : gfr >= 60 ? "ระดับที่ 2" : gfr >= 45 ? "ระดับที่ 3a" : gfr >= 30 ? "ระดับที่ 3b"
                    : gfr >= 15 ? "ระดับที่ 4" : "ระดับที่ 5"
                #expect(stage.hasPrefix(expected + " "), "\(c.who): eGFR \(gfr) shown as \(stage)")
                let codes = c.codes(v.ref)
                if gfr < 15 { #expect(codes.contains("N185"), "\(c.who): eGFR \(gfr) without N18.5") }
                if codes.contains("N183") { #expect((25...65).contains(gfr), "\(c.who): N18.3 at eGFR \(gfr)") }
            }
        }
        #expect(checked > 0)
    }

    @Test func lipidsAddUpByFriedewaldAndEncounterLabFieldsRepeatTheLabRows() {
        let fields: [(E, String)] = [(.labFbs, "2345-7"), (.labHbA1c, "4548-4"), (.labCreatinine, "2160-0"), (.labEgfr, "62238-1"),
                                     (.labBun, "3094-0"), (.labPotassium, "2823-3"), (.labSodium, "2951-2"), (.labChloride, "2075-0"),
                                     (.labTco2, "2028-9"), (.labCholesterol, "2093-3"), (.labTg, "2571-8"), (.labHDL, "2085-9"),
                                     (.labLDL, "13457-7"), (.labAlt, "1742-6"), (.labUrineAlbumin, "14957-5")]
        for c in Self.charts {
            for v in Self.visits(c) {
                let labs = c.labs[v.ref] ?? []
                #expect(v.row.int(E.observationCount) == labs.count, "\(c.who): observation_count ≠ rows")
                let value = { (loinc: String) in labs.first { $0.text(O.loincCode) == loinc }?.number(O.valueQuantity).value }
                for (field, loinc) in fields {
                    #expect(v.row.number(field).value == value(loinc), "\(c.who) \(v.ref): \(field.stringValue) ≠ LOINC \(loinc)")
                }
                if let tc = value("2093-3"), let hdl = value("2085-9"), let tg = value("2571-8"), let ldl = value("13457-7"), tg < 400 {
                    #expect(abs(tc - hdl - tg / 5 - ldl) <= 1.5, "\(c.who): TC \(tc) HDL \(hdl) TG \(tg) but LDL \(ldl)")
                }
                for row in labs {
                    guard let q = row.number(O.valueQuantity).value else { continue }
                    #expect(row.text(O.valueString).flatMap(Double.init) == q, "value_string repeats value_quantity")
                    if let lo = row.number(O.referenceRangeNormalLow).value, let hi = row.number(O.referenceRangeNormalHigh).value {
                        let flag = q > hi ? "H" : q < lo ? "L" : "N"
                        #expect(row.text(O.interpretation) == flag, "\(c.who): \(q) in \(lo)–\(hi) flagged \(row.text(O.interpretation) ?? "")")
                    }
                }
            }
        }
    }

    @Test func everyDiabeticHasAnHbA1cOrFastingGlucoseEveryYear() {
        var diabetics = 0
        for c in Self.charts where c.chronicCodes.contains(where: { $0.hasPrefix("E11") }) {
            diabetics += 1
            var byYear: [Int: (visits: Int, tested: Bool)] = [:]
            for v in Self.visits(c) {
                let tested = (c.labs[v.ref] ?? []).contains { ["4548-4", "2345-7"].contains($0.text(O.loincCode) ?? "") }
                byYear[v.day.year, default: (0, false)].visits += 1
                if tested { byYear[v.day.year]!.tested = true }
            }
            for (year, y) in byYear where y.visits >= 4 && year < 2026 {
                #expect(y.tested, "\(c.who): no HbA1c or FBS in \(year)")
            }
            let a1c = c.labs.values.joined().filter { $0.text(O.loincCode) == "4548-4" }.compactMap { $0.number(O.valueQuantity).value }
            #expect(a1c.allSatisfy { (4.5...14).contains($0) } && !a1c.isEmpty)
        }
        #expect(diabetics > 0)
    }

    // MARK: Vaccines

    /// The Thai EPI schedule (DDC 2566): THCC code → age window in days it is given at, and the
    /// first day the vaccine was in the national programme.
    static let epi: [String: (ages: ClosedRange<Int>, since: CivilDateTime)] = [
        "010": (0...60, CivilDateTime(year: 1977, month: 1, day: 1)), "041": (0...7, CivilDateTime(year: 1992, month: 1, day: 1)),
        "D21": (42...120, CivilDateTime(year: 2019, month: 1, day: 1)), "D22": (100...200, CivilDateTime(year: 2019, month: 1, day: 1)),
        "D23": (160...260, CivilDateTime(year: 2019, month: 1, day: 1)),
        "081": (42...120, CivilDateTime(year: 1977, month: 1, day: 1)), "082": (100...200, CivilDateTime(year: 1977, month: 1, day: 1)),
        "083": (160...260, CivilDateTime(year: 1977, month: 1, day: 1)), "401": (100...200, CivilDateTime(year: 2015, month: 1, day: 1)),
        "R11": (42...105, CivilDateTime(year: 2020, month: 1, day: 1)), "R12": (100...168, CivilDateTime(year: 2020, month: 1, day: 1)),
        "061": (260...365, CivilDateTime(year: 1997, month: 1, day: 1)), "J11": (360...540, CivilDateTime(year: 2013, month: 1, day: 1)),
        "034": (530...730, CivilDateTime(year: 1977, month: 1, day: 1)), "084": (530...730, CivilDateTime(year: 1977, month: 1, day: 1)),
        "073": (530...1000, CivilDateTime(year: 1997, month: 1, day: 1)), "J12": (880...1100, CivilDateTime(year: 2013, month: 1, day: 1)),
        "035": (1440...2190, CivilDateTime(year: 1977, month: 1, day: 1)), "085": (1440...2190, CivilDateTime(year: 1977, month: 1, day: 1)),
    ]

    @Test func vaccineCodesAndAgesMatchTheEPITable() {
        var childShots = 0
        for c in Self.charts {
            let chronic = !c.chronicCodes.isEmpty
            var pregnancies = Self.visits(c).filter { c.codes($0.ref).contains { $0.hasPrefix("Z34") } }.map(\.day)
            pregnancies.sort()
            for shot in c.vaccines {
                let code = shot.text(ImmunizationRow.CodingKeys.vaccineCode) ?? ""
                guard let day = Self.date(shot.text(ImmunizationRow.CodingKeys.immunizationDate)) else {
                    Issue.record("\(c.who): a vaccine without a date"); continue
                }
                let days = day.dayNumber - c.birth.dayNumber, years = Double(days) / 365.25
                if let rule = Self.epi[code] {
                    childShots += 1
                    #expect(rule.ages.contains(days), "\(c.who): \(code) at \(days) days of age")
                    #expect(day >= rule.since, "\(c.who): \(code) on \(day), before it was in the programme")
                } else if code.hasPrefix("C") {
                    // COVID-19 vaccines: adults, 2021–2022.
                    #expect(years >= 18 && day.year >= 2021 && day.year <= 2022, "\(c.who): \(code) on \(day) at \(Int(years)) years")
                } else if code == "815" {
                    #expect(years >= 65 || chronic, "\(c.who): influenza vaccine at \(Int(years)) without a risk")
                } else if code == "106" {
                    #expect(years >= 12, "\(c.who): dT at \(Int(years)) years")
                    #expect(pregnancies.contains { abs($0.dayNumber - day.dayNumber) <= 200 }, "\(c.who): dT outside pregnancy")
                } else {
                    Issue.record("\(c.who): unexpected vaccine code \(code)")
                }
            }
        }
        #expect(childShots > 0)
    }

    @Test func coverageAndMaritalStatusFitTheAge() {
        for c in Self.charts {
            let marital = c.patient.text(PatientRow.CodingKeys.maritalStatus)
            if c.age(on: .sandboxToday) < 15 { #expect(marital == "S", "\(c.who): marital status \(marital ?? "")") }
            let byRef = Dictionary(c.coverage.map { ($0.text(CoverageDetailRow.CodingKeys.encounterRefCode) ?? "", $0) }, uniquingKeysWith: { a, _ in a })
            for v in Self.visits(c) {
                guard let cov = byRef[v.ref] else { Issue.record("\(c.who): a visit without coverage"); continue }
                let group = cov.text(CoverageDetailRow.CodingKeys.classGroupValue) ?? "", sub = cov.text(CoverageDetailRow.CodingKeys.classSubgroupValue) ?? ""
                let age = c.age(on: v.day)
                if group == "UCS" {
                    let expected = age < 12 ? "71" : age < 60 ? "89" : "77"
                    #expect(sub == expected, "\(c.who) at \(Int(age)): UCS sub-right \(sub)")
                }
                if group == "SSS" { #expect((15...65).contains(age), "\(c.who): social security at \(Int(age))") }
            }
        }
    }
}
