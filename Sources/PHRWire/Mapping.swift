import Foundation
import PHRModel

/// Turns wire rows into PHRModel records, keeping what the unit sent and flagging what looks
/// wrong (QualityFlag) instead of fixing it. Pure: no I/O; `fetchedAt` stamps provenance.
///
/// A row without the fields that identify it (a condition without a code, a medication without
/// a name) maps to nil; callers count such rows as skipped.
public struct WireMapper: Sendable {
    public var fetchedAt: Date
    public var dates: ThaiDateParser
    /// Longest text kept from one field; longer text is cut and flagged `truncated-text`.
    public var maxText = 2000

    public init(fetchedAt: Date = Date(), dates: ThaiDateParser = ThaiDateParser()) {
        self.fetchedAt = fetchedAt
        self.dates = dates
    }

    // MARK: Person

    /// The person from `PatientSummary` (+ the newest `Address` and `Telecom` rows).
    public func person(summary: WireRow, addresses: [WireRow] = [], telecoms: [WireRow] = []) throws(WireError) -> Person {
        guard let patient = summary.object("patient") else {
            throw .unexpectedResult(action: "PatientSummary", expected: "an object with patient")
        }
        var flags: [QualityFlag] = []
        let cidText = patient.nonEmpty("cid") ?? summary.list("patient_names_th").first?.nonEmpty("cid") ?? ""
        guard let cid = try? CitizenID(cidText) else {
            throw .unexpectedResult(action: "PatientSummary", expected: "a valid citizen ID")
        }
        let birth = dates.parse(patient.text("birth_date") ?? "", field: "birth_date")
        flags += birth.flags
        let address = addresses.max { ($0.text("date_start") ?? "") < ($1.text("date_start") ?? "") }
            .flatMap { row in row.nonEmpty("text") ?? [row.nonEmpty("line1"), row.nonEmpty("district"), row.nonEmpty("city"),
                                                         row.nonEmpty("state"), row.nonEmpty("postal_code")]
                .compactMap { $0 }.joined(separator: " ") }
        let phone = telecoms.first { $0.text("telecom_system") == "phone" }?.nonEmpty("value")
        return Person(
            cid: cid,
            nameTH: name(summary.list("patient_names_th").first, flags: &flags),
            nameEN: name(summary.list("patient_names_en").first, flags: &flags),
            birthDate: birth,
            gender: patient.nonEmpty("gender"),
            bloodGroup: patient.nonEmpty("blood_group"),
            nationality: patient.nonEmpty("nationality_name"),
            address: address.map { keep($0, field: "address", flags: &flags) },
            phone: phone,
            allergySummary: patient.nonEmpty("allergy_intolerance_text").map { keep($0, field: "allergy_intolerance_text", flags: &flags) },
            provenance: provenance(patient, action: "PatientSummary", ref: patient.nonEmpty("RowID")),
            flags: flags)
    }

    private func name(_ row: WireRow?, flags: inout [QualityFlag]) -> PersonName? {
        guard let row, let first = row.nonEmpty("first_name") else { return nil }
        return PersonName(prefix: keep(row.nonEmpty("prefix") ?? "", field: "prefix", flags: &flags),
                          first: keep(first, field: "first_name", flags: &flags),
                          middle: keep(row.nonEmpty("middle_name") ?? "", field: "middle_name", flags: &flags),
                          last: keep(row.nonEmpty("last_name") ?? "", field: "last_name", flags: &flags))
    }

    // MARK: Encounters and vitals

    /// A visit from `Encounter`.
    public func encounter(_ row: WireRow) -> Encounter? {
        guard let ref = row.nonEmpty("encounter_ref_code") else { return nil }
        var flags: [QualityFlag] = []
        let start = date(row, "period_start", flags: &flags)
        let end = date(row, "period_end", flags: &flags)
        return Encounter(ref: ref, start: start, end: end,
                         classCode: row.nonEmpty("class_code"), classDisplay: row.nonEmpty("class_display"),
                         status: row.nonEmpty("status"),
                         chiefComplaint: row.nonEmpty("encounter_cc_text").map { keep($0, field: "encounter_cc_text", flags: &flags) },
                         diagnosisText: row.nonEmpty("encounter_diagnosis_text").map { keep($0, field: "encounter_diagnosis_text", flags: &flags) },
                         provenance: provenance(row, action: "Encounter", ref: ref),
                         flags: flags)
    }

    /// Vital signs from `VitalSign` rows. Those rows carry no unit and no visit reference, so
    /// provenance (and pulse, waist, respiratory rate) comes from the `Encounter` row with the
    /// same `period_start`; a vital with no matching visit keeps `Action=VitalSign` and no unit.
    public func vitals(_ rows: [WireRow], encounters: [WireRow]) -> [Vital] {
        var visits: [String: WireRow] = [:]
        for e in encounters { if let start = e.nonEmpty("period_start") { visits[start] = visits[start] ?? e } }
        return rows.compactMap { row -> Vital? in
            guard let when = row.nonEmpty("period_start") else { return nil }
            var flags: [QualityFlag] = []
            let takenAt = date(row, "period_start", flags: &flags)
            let visit = visits[when]
            func measure(_ key: String, _ range: ClosedRange<Double>, zeroIsMissing: Bool = false) -> Double? {
                var n = row.number("vital_sign_" + key)
                if case .missing = n, let visit { n = visit.number("vital_sign_" + key) }
                return quantity(n, field: "vital_sign_" + key, plausible: range, zeroIsMissing: zeroIsMissing, flags: &flags)
            }
            let vital = Vital(
                takenAt: takenAt,
                systolic: measure("bp_systolic_mmhg", 50...300, zeroIsMissing: true),
                diastolic: measure("bp_diastolic_mmhg", 20...200, zeroIsMissing: true),
                pulse: measure("pulse", 20...250, zeroIsMissing: true),
                temperatureC: measure("body_temp_cel", 30...45, zeroIsMissing: true),
                weightKg: measure("body_weight_kg", 0.3...400, zeroIsMissing: true),
                heightCm: measure("body_height_cm", 20...250, zeroIsMissing: true),
                waistCm: measure("waist_cm", 20...250, zeroIsMissing: true),
                respiratoryRate: measure("respiratory_rate", 4...80, zeroIsMissing: true),
                provenance: visit.map { provenance($0, action: "VitalSign", ref: $0.nonEmpty("encounter_ref_code")) }
                    ?? Provenance(action: "VitalSign", fetchedAt: fetchedAt),
                flags: flags)
            let measured: [Double?] = [vital.systolic, vital.diastolic, vital.pulse, vital.temperatureC, vital.weightKg, vital.heightCm, vital.waistCm]
            return measured.contains { $0 != nil } || !flags.isEmpty ? vital : nil
        }
    }

    // MARK: Conditions, medications, allergies, vaccines, coverage

    /// A diagnosis from `Condition&mode=Encounter&Code=…`. `code_text` is ICD-10 without the
    /// dot (`J47`) or a pseudo-code (`diagtext`, `hpi`), kept as sent.
    public func condition(_ row: WireRow, encounter ref: String) -> Condition? {
        guard let codeText = row.nonEmpty("code_text") else { return nil }
        var flags: [QualityFlag] = []
        let isICD = Self.looksLikeICD10(codeText)
        let recorded = date(row, "recorded_datetime", flags: &flags)
        return Condition(code: Code(system: isICD ? CodeSystem.icd10 : "urn:phr:moph:condition-text", value: codeText,
                                    display: row.nonEmpty("code_display_text").map { keep($0, field: "code_display_text", flags: &flags) }),
                         recordedAt: recorded,
                         clinicalStatus: row.nonEmpty("clinical_status_text"),
                         category: row.nonEmpty("clinical_category_text"),
                         isChronic: false,
                         provenance: provenance(row, action: "Condition&mode=Encounter", ref: row.nonEmpty("encounter_ref_code") ?? ref),
                         flags: flags)
    }

    /// A chronic condition from `NCD` (shape defined by phr-sandbox, docs/sandbox.md).
    public func chronicCondition(_ row: WireRow) -> Condition? {
        guard let code = row.nonEmpty("ncd_code") else { return nil }
        var flags: [QualityFlag] = []
        let since = date(row, "first_diagnosis_date", flags: &flags)
        let display = row.nonEmpty("ncd_name_th") ?? row.nonEmpty("ncd_name")
        return Condition(code: Code(system: CodeSystem.icd10, value: code, display: display.map { keep($0, field: "ncd_name", flags: &flags) }),
                         recordedAt: since,
                         clinicalStatus: row.nonEmpty("clinical_status_text"),
                         category: "chronic",
                         isChronic: true,
                         provenance: provenance(row, action: "NCD", ref: row.nonEmpty("organization_code")),
                         flags: flags)
    }

    /// A dispensed drug from `Medication&mode=Encounter&Code=…`. `code_text` is the unit's
    /// local name; `tmt_code` and `drug_code_24` are phr-sandbox extensions (the real read rows
    /// carry no standard code, phr-api.md §4) used when present.
    public func medication(_ row: WireRow, encounter ref: String) -> Medication? {
        guard let name = row.nonEmpty("code_text") else { return nil }
        var flags: [QualityFlag] = []
        var codes: [Code] = []
        if let tmt = row.nonEmpty("tmt_code") { codes.append(Code(system: CodeSystem.tmt, value: tmt)) }
        if let d24 = row.nonEmpty("drug_code_24") { codes.append(Code(system: CodeSystem.drug24, value: d24)) }
        codes.append(Code(system: CodeSystem.localDrug, value: name))
        return Medication(name: keep(name, field: "code_text", flags: &flags), codes: codes,
                          effectiveAt: date(row, "statement_effective_datetime", flags: &flags),
                          status: row.nonEmpty("statement_status"),
                          quantity: quantity(row.number("finance_qty"), field: "finance_qty", plausible: 0...100_000, flags: &flags),
                          instruction: (row.nonEmpty("ref_md_patient_instruction") ?? row.nonEmpty("ref_md_statement_text"))
                              .map { keep($0, field: "ref_md_patient_instruction", flags: &flags) },
                          provenance: provenance(row, action: "Medication&mode=Encounter", ref: row.nonEmpty("encounter_ref_code") ?? ref),
                          flags: flags)
    }

    /// A drug allergy from `Allergy` (shape defined by phr-sandbox).
    public func allergy(_ row: WireRow) -> Allergy? {
        guard let substance = row.nonEmpty("drug_name") else { return nil }
        var flags: [QualityFlag] = []
        let code = row.nonEmpty("tmt_code").map { Code(system: CodeSystem.tmt, value: $0) }
        return Allergy(substance: keep(substance, field: "drug_name", flags: &flags), code: code,
                       reaction: row.nonEmpty("reaction_text").map { keep($0, field: "reaction_text", flags: &flags) },
                       severity: row.nonEmpty("severity_text"),
                       recordedAt: date(row, "recorded_date", flags: &flags),
                       provenance: provenance(row, action: "Allergy", ref: row.nonEmpty("encounter_ref_code")),
                       flags: flags)
    }

    /// A vaccination from `Immunization&mode=Detail` (shape defined by phr-sandbox; codes are
    /// the "43 แฟ้ม" vaccine codes, system https://refcode.moph.go.th/vaccine).
    public func immunization(_ row: WireRow) -> Immunization? {
        guard let code = row.nonEmpty("vaccine_code") else { return nil }
        var flags: [QualityFlag] = []
        return Immunization(vaccine: Code(system: CodeSystem.vaccine, value: code,
                                          display: row.nonEmpty("vaccine_name").map { keep($0, field: "vaccine_name", flags: &flags) }),
                            doseNumber: row.int("dose_number"),
                            givenAt: date(row, "immunization_date", flags: &flags),
                            lotNumber: row.nonEmpty("lot_number"),
                            provenance: provenance(row, action: "Immunization&mode=Detail", ref: row.nonEmpty("encounter_ref_code")),
                            flags: flags)
    }

    /// A coverage right used at a visit, from `Coverage&mode=Detail`.
    public func coverage(_ row: WireRow) -> Coverage? {
        guard let right = row.nonEmpty("class_group_value") else { return nil }
        var flags: [QualityFlag] = []
        return Coverage(right: Code(system: CodeSystem.coverageRight, value: right, display: row.nonEmpty("class_group_name")),
                        payer: row.nonEmpty("payer"),
                        subgroup: row.nonEmpty("class_subgroup_value"),
                        startedAt: date(row, "period_start", flags: &flags),
                        reimbursed: quantity(row.number("reimbursement_amount"), field: "reimbursement_amount", plausible: 0...1e8, flags: &flags),
                        paid: quantity(row.number("paid_amount"), field: "paid_amount", plausible: 0...1e8, flags: &flags),
                        provenance: provenance(row, action: "Coverage&mode=Detail", ref: row.nonEmpty("encounter_ref_code") ?? row.nonEmpty("_id")),
                        flags: flags)
    }

    // MARK: Helpers

    /// `E11.9`, `J47`, `N185`: a letter, two digits, optional dot and up to 4 more characters.
    static func looksLikeICD10(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count >= 3, u.count <= 8, (65...90).contains(u[0]), (48...57).contains(u[1]), (48...57).contains(u[2]) else { return false }
        return u.dropFirst(3).allSatisfy { (48...57).contains($0) || (65...90).contains($0) || $0 == 46 }
    }

    private func provenance(_ row: WireRow, action: String, ref: String?) -> Provenance {
        Provenance(unit: row.nonEmpty("organization_code").flatMap(HospitalCode.init),
                   unitName: row.nonEmpty("organization_name").map { String($0.prefix(200)) },
                   action: action, sourceRef: ref.map { String($0.prefix(200)) }, fetchedAt: fetchedAt)
    }

    private func date(_ row: WireRow, _ key: String, flags: inout [QualityFlag]) -> SourceDate {
        let parsed = dates.parse(String((row.text(key) ?? "").prefix(64)), field: key)
        flags += parsed.flags
        return parsed
    }

    private func quantity(_ n: WireNumber, field: String, plausible: ClosedRange<Double>, zeroIsMissing: Bool = false,
                          flags: inout [QualityFlag]) -> Double? {
        switch n {
        case .missing, .null: return nil
        case .garbage(let g):
            flags.append(QualityFlag(.implausibleValue, field: field, detail: "\"\(g)\" is not a number"))
            return nil
        case .number(let v), .text(let v):
            if case .text = n { flags.append(QualityFlag(.numberAsText, field: field, detail: "number sent as text")) }
            if zeroIsMissing && v == 0 { return nil }
            if !plausible.contains(v) {
                flags.append(QualityFlag(.implausibleValue, field: field, detail: "\(WireNumber.format(v)) is outside \(WireNumber.format(plausible.lowerBound))–\(WireNumber.format(plausible.upperBound))"))
            }
            return v
        }
    }

    /// Keeps text as sent (hostile strings are data; the terminal sanitizes at display), but
    /// cuts it at ``maxText`` characters with a flag.
    private func keep(_ text: String, field: String, flags: inout [QualityFlag]) -> String {
        guard text.utf8.count > maxText, text.count > maxText else { return text }   // utf8 first: O(1)
        flags.append(QualityFlag(.truncatedText, field: field, detail: "cut to \(maxText) of \(text.count) characters"))
        return String(text.prefix(maxText))
    }
}
