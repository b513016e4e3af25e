import Foundation
import PHRModel
import PHRStore
import Testing
@testable import PHRSync

/// What a sync remembers between runs: which per-visit Actions are done for which visit, and
/// whether the service's lab totals were all delivered.
@Suite struct SyncMarkerTests {
    /// A store synced before labs has markers naming two Actions at once; they count for each,
    /// so adding labs fetches only the lab results of each visit, and a visit whose row changed
    /// (another hash) is fetched again.
    @Test func earlierMarkersCountForEachActionTheyName() {
        let markers = Syncer.visitMarkers([
            "visit:Condition+Medication:10699:600111400001": SyncState(hash: 11),
            "visit:Observation:10699:600111400001": SyncState(hash: 12),
            "visit:Medication:10870:650301100002": SyncState(hash: 21),
            "visit:broken": SyncState(hash: 1),
            "visit:Condition:10870:650301100002": SyncState(),
        ])
        #expect(markers["Condition"] == ["10699:600111400001": 11])
        #expect(markers["Medication"] == ["10699:600111400001": 11, "10870:650301100002": 21])
        #expect(markers["Observation"] == ["10699:600111400001": 12])
        #expect(markers.count == 3, "a key without a visit, or a marker without a hash, marks nothing")
    }

    /// The service counts numeric results per test name and unit as sent; fewer stored is a gap,
    /// more (a number phr read from value_string) is not.
    @Test func aTestWithFewerStoredResultsThanTheServiceCountsIsReported() {
        func lab(_ name: String, _ unit: String, _ value: Double?) -> LabResult {
            LabResult(test: Code(system: CodeSystem.labName, value: name), name: name,
                      issuedAt: SourceDate(original: "", value: nil), value: value, unit: unit,
                      provenance: Provenance(action: "Observation&mode=Encounter", fetchedAt: Date()))
        }
        let stored = [lab("Glucose", "mg/dl", 120), lab("Glucose", "mg/dL", 99), lab("HbA1C", "%", 7), lab("HbA1C", "%", 7.2),
                      lab("CKD Stage", "", nil)]
        let totals = [LabTotal(name: "Glucose", unit: "mg/dl", count: 2), LabTotal(name: "Glucose", unit: "mg/dL", count: 1),
                      LabTotal(name: "HbA1C", unit: "%", count: 1)]
        let short = Syncer.shortfall(totals, stored: stored)
        #expect(short.map(\.total) == [LabTotal(name: "Glucose", unit: "mg/dl", count: 2)] && short.map(\.stored) == [1])
    }
}
