import Foundation
import PHRFixtures
import PHRModel
import PHRWire
import Testing
@testable import PHRSandbox

/// Contract tests (b): for each Action, every row the sandbox serves, for every seeded citizen
/// of several seeds, carries every field of the ministry's example with the same JSON type.
/// Fields the sandbox adds are its row declaration's extensions and are listed in
/// docs/sandbox.md; the real service's documented faults are the only other departures.
@Suite struct SpecContractTests {
    /// An Action, its SPEC example, and where its rows are in a record.
    struct Case: Sendable, CustomStringConvertible {
        let action: String
        let fixture: String
        let path: [String]
        let rows: @Sendable (CitizenRecord) -> [Data]
        let extensions: [String]
        var description: String { action }
    }

    static func list(_ request: ActionRequest) -> @Sendable (CitizenRecord) -> [Data] {
        { record in record.results[request].map { [$0] } ?? [] }
    }

    static func perEncounter(_ action: Action) -> @Sendable (CitizenRecord) -> [Data] {
        { record in record.perEncounter[action].map { Array($0.values) } ?? [] }
    }

    static func ext<R: WireRowDeclaration>(_: R.Type) -> [String] { R.extensions.map(\.rawValue) }

    static let cases: [Case] = [
        Case(action: "PatientSummary", fixture: "patient-summary.json", path: ["patient"], rows: list(ActionRequest(.patientSummary)), extensions: []),
        Case(action: "PatientSummary names", fixture: "patient-summary.json", path: ["patient_names_th"],
             rows: list(ActionRequest(.patientSummary)), extensions: []),
        Case(action: "Address", fixture: "address.json", path: [], rows: list(ActionRequest(.address)), extensions: []),
        Case(action: "Telecom", fixture: "telecom.json", path: [], rows: list(ActionRequest(.telecom)), extensions: []),
        Case(action: "Coverage", fixture: "coverage.json", path: [], rows: list(ActionRequest(.coverage)), extensions: []),
        Case(action: "Coverage&mode=Detail", fixture: "coverage-detail.json", path: [], rows: list(ActionRequest(.coverage, mode: "Detail")),
             extensions: []),
        Case(action: "Encounter", fixture: "encounter.json", path: [], rows: list(ActionRequest(.encounter)), extensions: ext(EncounterRow.self)),
        Case(action: "VitalSign", fixture: "vital-sign.json", path: [], rows: list(ActionRequest(.vitalSign)), extensions: []),
        Case(action: "Condition", fixture: "condition.json", path: [], rows: list(ActionRequest(.condition)), extensions: []),
        Case(action: "Condition&mode=Encounter", fixture: "condition-encounter.json", path: [], rows: perEncounter(.condition), extensions: []),
        Case(action: "Observation", fixture: "observation.json", path: [], rows: list(ActionRequest(.observation)), extensions: []),
        Case(action: "Observation&mode=Encounter", fixture: "observation-encounter.json", path: [], rows: perEncounter(.observation),
             extensions: []),
        Case(action: "Medication", fixture: "medication.json", path: [], rows: list(ActionRequest(.medication)), extensions: []),
        Case(action: "Medication&mode=Encounter", fixture: "medication-encounter.json", path: [], rows: perEncounter(.medication),
             extensions: ext(MedicationRow.self)),
    ]

    /// Where SPEC shows a field only as `null` (or a sibling as `null`), the type it stands for;
    /// the fixtures' README gives the evidence.
    static func assumedTypes(_ action: String, _ field: String) -> Set<String> {
        switch (action, field) {
        case ("Encounter", let f) where f.hasPrefix("lab_") || f.hasPrefix("vital_sign_") && f != "vital_sign_bps_text": return ["number", "null"]
        case ("Address", "date_end"), ("Telecom", "date_start"), ("Telecom", "date_end"): return ["string", "null"]
        case ("Observation&mode=Encounter", let f) where f.hasPrefix("reference_range_normal_"): return ["number", "null"]
        default: return []
        }
    }

    /// The real service's faults the sandbox reproduces on purpose (docs/sandbox.md, "Faults in
    /// the data"): numbers sent as text.
    static func documentedFaults(_ action: String, _ field: String) -> Set<String> {
        switch (action, field) {
        case ("VitalSign", let f) where f.hasPrefix("vital_sign_"): return ["string"]
        case ("Medication&mode=Encounter", "finance_qty"): return ["string"]
        default: return []
        }
    }

    static func jsonType(_ v: Any) -> String {
        switch v {
        case is NSNull: return "null"
        case let n as NSNumber: return n.isJSONBool ? "bool" : "number"
        case is String: return "string"
        case is [Any]: return "array"
        default: return "object"
        }
    }

    /// The rows at `path` of a `result` (a list, or an object holding the path).
    static func rows(_ result: Any, path: [String]) -> [[String: Any]] {
        var value: Any = result
        for key in path { value = (value as? [String: Any])?[key] ?? [] }
        if let object = value as? [String: Any] { return [object] }
        return (value as? [[String: Any]]) ?? []
    }

    /// Field → the JSON types SPEC's example rows show for it.
    static func specTypes(_ c: Case) throws -> [String: Set<String>] {
        let fixture = try #require(try JSONSerialization.jsonObject(with: try SpecFixtures.data(c.fixture)) as? [String: Any])
        var types: [String: Set<String>] = [:]
        for row in rows(fixture["result"] as Any, path: c.path) {
            for (k, v) in row { types[k, default: []].insert(jsonType(v)) }
        }
        return types
    }

    @Test(arguments: cases)
    func everyCitizensRowsCarryEverySpecFieldWithSpecsJSONType(_ c: Case) throws {
        let spec = try Self.specTypes(c)
        #expect(!spec.isEmpty)
        var checked = 0
        for (seed, profile, record) in SeededRecords.all {
            do {
                for data in c.rows(record) {
                    let result = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
                    for row in Self.rows(result, path: c.path) {
                        checked += 1
                        for (field, types) in spec {
                            guard let value = row[field] else {
                                Issue.record("\(c.action) of \(profile.kind) lacks \(field)"); continue
                            }
                            let allowed = types.union(Self.documentedFaults(c.action, field)).union(Self.assumedTypes(c.action, field))
                            let type = Self.jsonType(value)
                            #expect(allowed.contains(type), "\(c.action).\(field) of \(profile.kind) (seed \(seed)) is \(type), SPEC has \(types.sorted())")
                        }
                        for field in row.keys where spec[field] == nil {
                            #expect(c.extensions.contains(field), "\(c.action) adds \(field), which is no declared extension")
                        }
                    }
                }
            }
        }
        #expect(checked > 0, "\(c.action): no rows to check")
    }

    @Test func everyExtensionIsListedInTheSandboxDocsFidelityTable() throws {
        let docs = try String(contentsOf: SpecFixtures.directory.appendingPathComponent("../../../docs/sandbox.md").standardizedFileURL,
                              encoding: .utf8)
        let table = docs.components(separatedBy: "\n").filter { $0.hasPrefix("|") }
        for c in Self.cases {
            for field in c.extensions {
                let action = c.action.components(separatedBy: "&").first!
                #expect(table.contains { $0.contains("`\(field)`") && $0.contains(action) },
                        "docs/sandbox.md lists no extension row for \(c.action) with `\(field)`")
            }
        }
    }

    @Test func servedRowsDecodeStrictlyIntoTheRowDeclarations() throws {
        let record = CitizenRecord(profile: try #require(CitizenDirectory(seed: 42).profiles.first { $0.kind == .heavy }))
        _ = try JSONDecoder().decode(PatientSummaryResult.self, from: try #require(record.results[ActionRequest(.patientSummary)]))
        _ = try JSONDecoder().decode([EncounterRow].self, from: try #require(record.results[ActionRequest(.encounter)]))
        _ = try JSONDecoder().decode([VitalSignRow].self, from: try #require(record.results[ActionRequest(.vitalSign)]))
        _ = try JSONDecoder().decode([CoverageDetailRow].self, from: try #require(record.results[ActionRequest(.coverage, mode: "Detail")]))
        _ = try JSONDecoder().decode([ObservationSummaryRow].self, from: try #require(record.results[ActionRequest(.observation)]))
        _ = try JSONDecoder().decode([NCDRow].self, from: try #require(record.results[ActionRequest(.ncd)]))
        _ = try JSONDecoder().decode([ImmunizationRow].self, from: try #require(record.results[ActionRequest(.immunization, mode: "Detail")]))
        for data in try #require(record.perEncounter[.medication]).values { _ = try JSONDecoder().decode([MedicationRow].self, from: data) }
        for data in try #require(record.perEncounter[.observation]).values { _ = try JSONDecoder().decode([ObservationRow].self, from: data) }
    }
}

/// Every citizen's record for the seeds the data tests use, generated once per test run.
enum SeededRecords {
    static let seeds: [UInt64] = [42, 7, 1234]
    static let all: [(seed: UInt64, profile: CitizenProfile, record: CitizenRecord)] = seeds.flatMap { seed in
        CitizenDirectory(seed: seed).profiles.map { (seed, $0, CitizenRecord(profile: $0)) }
    }
}
