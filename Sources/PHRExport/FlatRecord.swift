import Foundation
import PHRModel
import PHRRender

/// One value of a flat export row.
public enum FlatValue: Sendable, Equatable {
    case text(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case null

    init(_ s: String?) { self = s.map(FlatValue.text) ?? .null }
    init(_ d: Double?) { self = d.map(FlatValue.number) ?? .null }
    init(_ i: Int?) { self = i.map(FlatValue.integer) ?? .null }

    /// The value as JSON (`NSNull` for null).
    var json: Any {
        switch self {
        case .text(let s): s
        case .number(let d): d
        case .integer(let i): i
        case .bool(let b): b
        case .null: NSNull()
        }
    }

    /// The value as a CSV field before quoting ("" for null).
    var csv: String {
        switch self {
        case .text(let s): s
        case .number(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case .integer(let i): String(i)
        case .bool(let b): b ? "true" : "false"
        case .null: ""
        }
    }
}

/// A record as an ordered list of named values: the rows of the flat JSON export
/// (docs/export-json.md) and the CSV export. Column names and order are part of the schema
/// `phr-export/3`; add columns at the end, never rename. Within a kind every name is unique
/// (a JSON row is an object: a repeated name would lose a value).
///
/// Dates follow the one date rule (``SourceDate``): `date` holds a date only when it can be
/// trusted; a doubtful one is null there, kept as sent in `date_text`, explained in
/// `date_doubt`, and `sort_date` gives the plausible date the rows are ordered by.
public struct FlatRecord: Sendable {
    public var fields: [(name: String, value: FlatValue)]

    /// The columns of `kind`, in order (also the CSV header).
    public static func columns(_ kind: RecordKind) -> [String] {
        let specific: [String] = switch kind {
        case .vitals: ["systolic_mmhg", "diastolic_mmhg", "pulse_per_min", "temperature_c", "weight_kg", "height_cm", "waist_cm", "respiratory_rate", "bmi"]
        case .conditions: ["code_system", "code", "display", "chronic", "clinical_status", "category"]
        case .meds: ["name", "codes", "quantity", "instruction", "status"]
        case .allergies: ["substance", "code", "reaction", "severity"]
        case .vaccines: ["vaccine_code", "vaccine", "dose", "lot"]
        case .coverage: ["right_code", "right", "payer", "subgroup", "reimbursed", "paid"]
        case .encounters: ["ref", "end", "end_text", "class_code", "class", "status", "chief_complaint", "diagnosis"]
        case .labs: ["test_system", "test_code", "test_display", "name", "test", "value", "value_text", "value_unit", "unit_ucum",
                     "reference_low", "reference_high", "reference_text", "interpretation", "out_of_range", "group", "note"]
        }
        return ["kind", "key", "date", "date_text"] + specific
            + ["unit", "unit_name", "source_action", "source_ref", "fetched_at", "flags", "date_doubt", "sort_date"]
    }

    init<R: HealthRecordItem>(_ r: R, _ specific: [FlatValue]) {
        let date = r.date
        let values: [FlatValue] = [.text(R.kind.rawValue), .text(r.naturalKey), FlatValue(date.trusted?.iso), .text(date.original)]
            + specific
            + [FlatValue(r.provenance.unit?.value), FlatValue(r.provenance.unitName), .text(r.provenance.action),
               FlatValue(r.provenance.sourceRef), .text(FlatRecord.iso(r.provenance.fetchedAt)),
               .text(r.flags.map { "\($0.kind.rawValue):\($0.field):\($0.detail)" }.joined(separator: "; ")),
               .text(Self.doubt(date)), FlatValue(r.sortDate?.iso)]
        fields = Array(zip(Self.columns(R.kind), values))
    }

    /// Why a record's date is doubtful, in English words (``FlagText``), or "" for a trusted one.
    static func doubt(_ date: SourceDate) -> String {
        FlagText.exportLines(date.flags, dates: [date], sorting: date).joined(separator: "; ")
    }

    static func iso(_ date: Date) -> String {
        let t = CivilDateTime.from(date)   // Thailand time, as everywhere in phr
        return t.iso + "+07:00"
    }

    /// Every record of `kind` in `record`, newest first (by plausible date, as stored).
    public static func rows(_ kind: RecordKind, _ record: HealthRecord) -> [FlatRecord] {
        switch kind {
        case .vitals:
            record.vitals.map { v in
                FlatRecord(v, [FlatValue(v.systolic), FlatValue(v.diastolic), FlatValue(v.pulse), FlatValue(v.temperatureC),
                                                FlatValue(v.weightKg), FlatValue(v.heightCm), FlatValue(v.waistCm), FlatValue(v.respiratoryRate),
                                                FlatValue(v.bmi.map { ($0 * 10).rounded() / 10 })])
            }
        case .conditions:
            record.conditions.map { c in
                FlatRecord(c, [.text(c.code.system), .text(c.code.value), FlatValue(c.code.display), .bool(c.isChronic),
                                                   FlatValue(c.clinicalStatus), FlatValue(c.category)])
            }
        case .meds:
            record.medications.map { m in
                FlatRecord(m, [.text(m.name), .text(m.standardCodes.map { "\($0.system)|\($0.value)" }.joined(separator: " ")),
                                                    FlatValue(m.quantity), FlatValue(m.instruction), FlatValue(m.status)])
            }
        case .allergies:
            record.allergies.map { a in
                FlatRecord(a, [.text(a.substance), FlatValue(a.code?.value), FlatValue(a.reaction), FlatValue(a.severity)])
            }
        case .vaccines:
            record.immunizations.map { i in
                FlatRecord(i, [.text(i.vaccine.value), FlatValue(i.vaccine.display), FlatValue(i.doseNumber), FlatValue(i.lotNumber)])
            }
        case .coverage:
            record.coverage.map { c in
                FlatRecord(c, [.text(c.right.value), FlatValue(c.right.display), FlatValue(c.payer), FlatValue(c.subgroup),
                                                  FlatValue(c.reimbursed), FlatValue(c.paid)])
            }
        case .encounters:
            record.encounters.map { e in
                FlatRecord(e, [.text(e.ref), FlatValue(e.end.trusted?.iso), .text(e.end.original), FlatValue(e.classCode),
                                              FlatValue(e.classDisplay), FlatValue(e.status), FlatValue(e.chiefComplaint), FlatValue(e.diagnosisText)])
            }
        case .labs:
            record.labs.map { l in
                let assessment = l.assessment(female: record.person?.isFemale)
                return FlatRecord(l, [.text(l.test.system), .text(l.test.value), FlatValue(l.test.display), .text(l.name),
                                      FlatValue(l.knownTest?.id), FlatValue(l.value), FlatValue(l.valueText), FlatValue(l.unit),
                                      FlatValue(LabUnit.ucum(l.unit ?? "")), FlatValue(l.referenceLow), FlatValue(l.referenceHigh),
                                      FlatValue(l.referenceText), FlatValue(l.interpretation),
                                      FlatValue(assessment.flatMap { $0.isOutOfRange ? RecordText.marker($0) : nil }),
                                      FlatValue(l.group), FlatValue(l.note)])
            }
        }
    }

    /// The row as a JSON object.
    var jsonObject: [String: Any] {
        var o: [String: Any] = [:]
        for f in fields { o[f.name] = f.value.json }
        return o
    }
}
