import Foundation
import PHRModel
import Testing

/// Lab tests by name, units read as UCUM, and whether a result is out of range — and who says so.
@Suite struct LabTests {
    static func result(loinc: String? = "4548-4", name: String = "HbA1C", value: Double? = 7.2, unit: String? = "%",
                       low: Double? = nil, high: Double? = nil, interpretation: String? = nil, flags: [QualityFlag] = []) -> LabResult {
        LabResult(test: Code(system: loinc == nil ? CodeSystem.labName : CodeSystem.loinc, value: loinc ?? name),
                  name: name, issuedAt: SourceDate(original: "2026-01-05T10:00:00", value: CivilDateTime(year: 2026, month: 1, day: 5, hour: 10, minute: 0, second: 0)),
                  value: value, unit: unit, referenceLow: low, referenceHigh: high, interpretation: interpretation,
                  provenance: Provenance(unit: HospitalCode("10699"), action: "Observation&mode=Encounter", sourceRef: "10699:1", fetchedAt: Date()),
                  flags: flags)
    }

    @Test func testsAreFoundByTheNamesCliniciansTypeAndByLOINC() {
        #expect(LabTest.named("hba1c")?.id == "hba1c" && LabTest.named("A1C")?.id == "hba1c")
        #expect(LabTest.named("fbs")?.id == "glucose" && LabTest.named("glucose")?.id == "glucose")
        #expect(LabTest.named("LDL-C")?.id == "ldl" && LabTest.named("13457-7")?.id == "ldl")
        #expect(LabTest.named("tg")?.id == "tg" && LabTest.named("chol")?.id == "chol" && LabTest.named("egfr")?.id == "egfr")
        #expect(LabTest.named("creatinine")?.id == "creatinine" && LabTest.named("hdl")?.id == "hdl")
        #expect(LabTest.named("sugar") == nil)
        var owners: [String: Set<String>] = [:]
        for test in LabTest.catalog { for token in [test.id] + test.names + test.loinc { owners[token, default: []].insert(test.id) } }
        #expect(owners.values.allSatisfy { $0.count == 1 }, "no name or code means two tests")
    }

    @Test func aLOINCCodeDecidesTheTestWhateverTheLabCallsIt() {
        #expect(Self.result(loinc: "2345-7", name: "Glucose").knownTest?.id == "glucose")
        // Urine glucose (2350-7) named "Glucose" is not blood glucose: never charted as FBS.
        #expect(Self.result(loinc: "2350-7", name: "Glucose").knownTest == nil)
        // Without a LOINC code, the lab's own name decides.
        #expect(Self.result(loinc: nil, name: "FBS").knownTest?.id == "glucose")
        #expect(Self.result(loinc: nil, name: "CKD Stage", value: nil, unit: nil).knownTest?.id == "ckd")
    }

    @Test func aUnitInAnotherLetterCaseIsTheSameUnit() {
        #expect(LabUnit.ucum("mg/dl") == "mg/dL" && LabUnit.ucum("mg/dL") == "mg/dL" && LabUnit.ucum("MG/DL") == "mg/dL")
        #expect(LabUnit.ucum("ml/min/1.73m2") == "mL/min/{1.73_m2}" && LabUnit.ucum("mL/min/1.73 m2") == "mL/min/{1.73_m2}")
        #expect(LabUnit.ucum("mmol/l") == "mmol/L" && LabUnit.ucum("µmol/L") == "umol/L")
        #expect(LabUnit.ucum("Million Cells/cu.mm") == "10*6/uL")
        #expect(LabUnit.ucum("furlongs") == nil)
        #expect(Self.result(loinc: "2345-7", value: 110, unit: "mg/dl").isInUsualUnit)
        #expect(!Self.result(loinc: "14749-6", value: 6.1, unit: "mmol/L").isInUsualUnit, "glucose in mmol/L is another unit")
    }

    @Test func theLabsOwnMarkWinsThenItsRangeThenPhrsTable() {
        // The lab said N although phr's table would say high: the lab decides.
        #expect(Self.result(value: 7.2, interpretation: "N").assessment(female: nil)?.level == .normal)
        #expect(Self.result(value: 7.2, interpretation: "HH").assessment(female: nil) == LabAssessment(level: .high, critical: true, source: .lab))
        // The lab's range.
        #expect(Self.result(value: 6.2, low: 4, high: 6).assessment(female: nil) == LabAssessment(level: .high, critical: false, source: .labRange))
        #expect(Self.result(value: 5.9, low: 4, high: 6).assessment(female: nil)?.level == .normal)
        // No range from the lab: phr's adult interval, said to be phr's.
        #expect(Self.result(value: 7.2).assessment(female: nil) == LabAssessment(level: .high, critical: false, source: .catalog))
        #expect(Self.result(value: 5.4).assessment(female: nil)?.level == .normal)
        // A text result, or an unknown test without a range: nothing to judge by.
        #expect(Self.result(loinc: nil, name: "CKD Stage", value: nil, unit: nil).assessment(female: nil) == nil)
        #expect(Self.result(loinc: "9999-9", name: "Mystery", value: 3, unit: "U/L").assessment(female: nil) == nil)
    }

    @Test func sexSpecificIntervalsNeverMarkAPersonOfUnknownSexByTheOtherSexsInterval() {
        let creatinine = Self.result(loinc: "2160-0", name: "Creatinine", value: 1.2, unit: "mg/dl")
        #expect(creatinine.assessment(female: true)?.level == .high, "1.2 mg/dL is above a woman's interval")
        #expect(creatinine.assessment(female: false)?.level == .normal, "and within a man's")
        #expect(creatinine.assessment(female: nil)?.level == .normal, "unknown sex: the wider of both")
        let hdl = Self.result(loinc: "2085-9", name: "HDL", value: 45, unit: "mg/dL")
        #expect(hdl.assessment(female: true)?.level == .low && hdl.assessment(female: false)?.level == .normal)
    }

    @Test func aResultInAnotherUnitOrImpossibleIsNeverJudgedByPhrsTable() {
        let umol = Self.result(loinc: "14682-9", name: "Creatinine", value: 106, unit: "umol/L",
                              flags: [QualityFlag(.unexpectedUnit, field: "observation_unit", detail: "umol/L")])
        #expect(umol.assessment(female: nil) == nil && !umol.isComparable)
        let impossible = Self.result(value: 72, flags: [QualityFlag(.implausibleValue, field: "value_quantity", detail: "72")])
        #expect(impossible.assessment(female: nil) == nil && !impossible.isComparable)
    }

    @Test func theNaturalKeyStartsWithTheTestCode() {
        #expect(Self.result().naturalKey == "4548-4|10699:1|2026-01-05T10:00:00")
    }
}
