import Foundation
import PHRModel
import Testing

/// "Current medicines" as a clinician reads a refill list: what is refilled and still due, and
/// what was just started; never an acute course from another visit.
@Suite struct CurrentMedicinesTests {
    /// A dispensing of `name` on day `day` after 2025-01-01, at visit `visit`.
    static func given(_ name: String, _ day: Int, visit: String? = nil) -> Medication {
        let d = CivilDateTime(dayNumber: CivilDateTime(year: 2025, month: 1, day: 1).dayNumber + day)
        return Medication(name: name, effectiveAt: SourceDate(original: d.iso, value: d), quantity: 30,
                          provenance: Provenance(unit: HospitalCode("10870"), action: "Medication&mode=Encounter",
                                                 sourceRef: "10870:\(visit ?? String(day))", fetchedAt: Date()))
    }

    static func names(_ meds: [Medication], longTerm: Bool? = nil) -> [String] {
        CurrentMedicines(meds).entries.filter { longTerm == nil || $0.longTerm == longTerm }.map(\.medication.name).sorted()
    }

    @Test func refillsEveryTwoMonthsAreCurrentAndAnAcuteCourseAfterThemIsNot() {
        // Amlodipine and simvastatin refilled every 60 days; ORS at a diarrhoea visit after the last refill.
        var meds = stride(from: 0, through: 360, by: 60).flatMap { [Self.given("AMLODIPINE 5 mg.", $0), Self.given("SIMVASTATIN 20 mg.", $0)] }
        meds.append(Self.given("ORS", 380))
        #expect(Self.names(meds) == ["AMLODIPINE 5 mg.", "SIMVASTATIN 20 mg."])
    }

    @Test func aMedicineStoppedLongAgoIsNotCurrent() {
        // Metformin refilled monthly for a year, then stopped (kidneys); enalapril goes on.
        let meds = stride(from: 0, through: 330, by: 30).map { Self.given("METFORMIN 500 mg.", $0) }
            + stride(from: 0, through: 720, by: 30).map { Self.given("ENALAPRIL 5 mg.", $0) }
        #expect(Self.names(meds) == ["ENALAPRIL 5 mg."])
    }

    @Test func aStatinRefilledEveryThreeMonthsStaysCurrentBetweenItsRefills() {
        // Monthly visits for amlodipine; the statin comes every 90 days, last 60 days before the last visit.
        let meds = stride(from: 0, through: 360, by: 30).map { Self.given("AMLODIPINE 5 mg.", $0) }
            + stride(from: 30, through: 300, by: 90).map { Self.given("ATORVASTATIN 40 mg.", $0) }
        #expect(Self.names(meds, longTerm: true) == ["AMLODIPINE 5 mg.", "ATORVASTATIN 40 mg."])
    }

    @Test func aMedicineStartedAtTheLastFollowUpIsShownApart() {
        let meds = stride(from: 0, through: 180, by: 60).map { Self.given("AMLODIPINE 5 mg.", $0) } + [Self.given("SIMVASTATIN 20 mg.", 180)]
        let current = CurrentMedicines(meds)
        #expect(current.entries.map(\.medication.name) == ["AMLODIPINE 5 mg.", "SIMVASTATIN 20 mg."])
        #expect(current.entries.map(\.longTerm) == [true, false])
    }

    @Test func onlyAcuteVisitsMeanNoCurrentMedicine() {
        // A child's colds: paracetamol twice, five months apart, and amoxicillin once.
        let meds = [Self.given("PARACETAMOL syrup", 0), Self.given("AMOXICILLIN syrup", 0), Self.given("PARACETAMOL syrup", 150)]
        #expect(CurrentMedicines(meds).entries.isEmpty)
    }

    @Test func aCourseRepeatedWithinOneIllnessIsNotLongTerm() {
        // Amoxicillin at a visit and its follow-up five days later, then routine refills of another drug.
        let meds = [Self.given("AMOXICILLIN 500 mg.", 100), Self.given("AMOXICILLIN 500 mg.", 105)]
            + stride(from: 0, through: 200, by: 50).map { Self.given("LOSARTAN 50 mg.", $0) }
        #expect(Self.names(meds) == ["LOSARTAN 50 mg."])
    }

    @Test func dialysisSessionsThreeTimesAWeekAreLongTerm() {
        let meds = stride(from: 0, through: 120, by: 2).map { Self.given("HEPARIN 5000 IU/ml 5 ml inj.", $0) }
        #expect(Self.names(meds) == ["HEPARIN 5000 IU/ml 5 ml inj."])
    }
}
