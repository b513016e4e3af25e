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
    ///
    /// The address is composed from its parts (`line1`…`line3`, `district`, `city`, `state`,
    /// `postal_code`); the row's `text` is only a label such as "ที่อยู่อาศัย" (SPEC's example).
    public func person(summary: WireRow, addresses: [WireRow] = [], telecoms: [WireRow] = []) throws(WireError) -> Person {
        typealias P = PatientRow.CodingKeys
        typealias S = PatientSummaryResult.CodingKeys
        typealias A = AddressRow.CodingKeys
        typealias T = TelecomRow.CodingKeys
        guard let patient = summary.object(S.patient) else {
            throw .unexpectedResult(action: "PatientSummary", expected: "an object with patient")
        }
        var flags: [QualityFlag] = []
        let cidText = patient.nonEmpty(P.cid) ?? summary.list(S.patientNamesTH).first?.nonEmpty(PatientNameRow.CodingKeys.cid) ?? ""
        guard let cid = try? CitizenID(cidText) else {
            throw .unexpectedResult(action: "PatientSummary", expected: "a valid citizen ID")
        }
        let birth = date(patient, P.birthDate, flags: &flags)
        let address = addresses.max { ($0.text(A.dateStart) ?? "") < ($1.text(A.dateStart) ?? "") }
            .map { row in [A.line1, A.line2, A.line3, A.district, A.city, A.state, A.postalCode].compactMap { row.nonEmpty($0) } }
            .flatMap { $0.isEmpty ? nil : $0.joined(separator: " ") }
        let phone = telecoms.first { $0.text(T.telecomSystem) == "phone" }?.nonEmpty(T.value)
        return Person(
            cid: cid,
            nameTH: name(summary.list(S.patientNamesTH).first, flags: &flags),
            nameEN: name(summary.list(S.patientNamesEN).first, flags: &flags),
            birthDate: birth,
            gender: patient.nonEmpty(P.gender),
            bloodGroup: patient.nonEmpty(P.bloodGroup),
            nationality: patient.nonEmpty(P.nationalityName),
            address: address.map { keep($0, field: "address", flags: &flags) },
            phone: phone,
            allergySummary: patient.nonEmpty(P.allergyIntoleranceText).map { keep($0, field: P.allergyIntoleranceText, flags: &flags) },
            provenance: provenance(unit: nil, unitName: nil, action: "PatientSummary", ref: patient.nonEmpty(P.rowID)),
            flags: flags)
    }

    private func name(_ row: WireRow?, flags: inout [QualityFlag]) -> PersonName? {
        typealias N = PatientNameRow.CodingKeys
        guard let row, let first = row.nonEmpty(N.firstName) else { return nil }
        return PersonName(prefix: keep(row.nonEmpty(N.prefix) ?? "", field: N.prefix, flags: &flags),
                          first: keep(first, field: N.firstName, flags: &flags),
                          middle: keep(row.nonEmpty(N.middleName) ?? "", field: N.middleName, flags: &flags),
                          last: keep(row.nonEmpty(N.lastName) ?? "", field: N.lastName, flags: &flags))
    }

    // MARK: Encounters and vitals

    /// A visit from `Encounter`.
    public func encounter(_ row: WireRow) -> Encounter? {
        typealias E = EncounterRow.CodingKeys
        guard let ref = row.nonEmpty(E.encounterRefCode) else { return nil }
        var flags: [QualityFlag] = []
        let start = date(row, E.periodStart, flags: &flags)
        let end = date(row, E.periodEnd, flags: &flags)
        return Encounter(ref: ref, start: start, end: end,
                         classCode: row.nonEmpty(E.classCode), classDisplay: row.nonEmpty(E.classDisplay),
                         status: row.nonEmpty(E.status),
                         chiefComplaint: row.nonEmpty(E.encounterCcText).map { keep($0, field: E.encounterCcText, flags: &flags) },
                         diagnosisText: row.nonEmpty(E.encounterDiagnosisText).map { keep($0, field: E.encounterDiagnosisText, flags: &flags) },
                         provenance: provenance(row, E.organizationCode, E.organizationName, action: "Encounter", ref: ref),
                         flags: flags)
    }

    /// Vital signs from `VitalSign` rows.
    ///
    /// Those rows carry no unit and no visit reference, and their `period_start` is when the
    /// measurements were taken, which need not be when the visit began (SPEC's examples differ).
    /// So each row is joined to a visit of the **same day**: the one whose `Encounter` row repeats
    /// the same blood pressure and weight; among several (or none agreeing), the last visit that
    /// began at or before the measurement, else the day's first. Provenance (and pulse, waist,
    /// respiratory rate) come from that visit; a vital with no visit that day keeps
    /// `Action=VitalSign` and no unit.
    public func vitals(_ rows: [WireRow], encounters: [WireRow]) -> [Vital] {
        typealias V = VitalSignRow.CodingKeys
        let visits = VisitDays(encounters)
        return rows.compactMap { row -> Vital? in
            guard row.nonEmpty(V.periodStart) != nil else { return nil }
            var flags: [QualityFlag] = []
            let takenAt = date(row, V.periodStart, flags: &flags)
            let visit = visits.visit(for: row, at: takenAt.original)
            func measure(_ key: EncounterRow.CodingKeys, _ range: ClosedRange<Double>) -> Double? {
                var n = row.number(key)
                if case .missing = n, let visit { n = visit.number(key) }
                return quantity(n, field: key.stringValue, plausible: range, zeroIsMissing: true, flags: &flags)
            }
            typealias E = EncounterRow.CodingKeys
            let vital = Vital(
                takenAt: takenAt,
                systolic: measure(E.vitalSignBpSystolicMmhg, 50...300),
                diastolic: measure(E.vitalSignBpDiastolicMmhg, 20...200),
                pulse: measure(E.vitalSignPulse, 20...250),
                temperatureC: measure(E.vitalSignBodyTempCel, 30...45),
                weightKg: measure(E.vitalSignBodyWeightKg, 0.3...400),
                heightCm: measure(E.vitalSignBodyHeightCm, 20...250),
                waistCm: measure(E.vitalSignWaistCM, 20...250),
                respiratoryRate: measure(E.vitalSignRespiratoryRate, 4...80),
                provenance: visit.map { provenance($0, E.organizationCode, E.organizationName, action: "VitalSign",
                                                   ref: $0.nonEmpty(E.encounterRefCode)) }
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
        typealias C = ConditionRow.CodingKeys
        guard let codeText = row.nonEmpty(C.codeText) else { return nil }
        var flags: [QualityFlag] = []
        let isICD = Self.looksLikeICD10(codeText)
        let recorded = date(row, C.recordedDatetime, flags: &flags)
        return Condition(code: Code(system: isICD ? CodeSystem.icd10 : "urn:phr:moph:condition-text", value: codeText,
                                    display: row.nonEmpty(C.codeDisplayText).map { keep($0, field: C.codeDisplayText, flags: &flags) }),
                         recordedAt: recorded,
                         clinicalStatus: row.nonEmpty(C.clinicalStatusText),
                         category: row.nonEmpty(C.clinicalCategoryText),
                         isChronic: false,
                         provenance: provenance(row, C.organizationCode, nil, action: "Condition&mode=Encounter",
                                                ref: row.nonEmpty(C.encounterRefCode) ?? ref),
                         flags: flags)
    }

    /// A chronic condition from `NCD` (shape defined by phr-sandbox, docs/sandbox.md).
    public func chronicCondition(_ row: WireRow) -> Condition? {
        typealias N = NCDRow.CodingKeys
        guard let code = row.nonEmpty(N.ncdCode) else { return nil }
        var flags: [QualityFlag] = []
        let since = date(row, N.firstDiagnosisDate, flags: &flags)
        let display = row.nonEmpty(N.ncdNameTH) ?? row.nonEmpty(N.ncdName)
        return Condition(code: Code(system: CodeSystem.icd10, value: code, display: display.map { keep($0, field: N.ncdName, flags: &flags) }),
                         recordedAt: since,
                         clinicalStatus: row.nonEmpty(N.clinicalStatusText),
                         category: "chronic",
                         isChronic: true,
                         provenance: provenance(row, N.organizationCode, N.organizationName, action: "NCD", ref: row.nonEmpty(N.organizationCode)),
                         flags: flags)
    }

    /// A dispensed drug from `Medication&mode=Encounter&Code=…`. `code_text` is the unit's
    /// local name; `tmt_code` and `drug_code_24` are phr-sandbox extensions (the real read rows
    /// carry no standard code, phr-api.md §4) used when present.
    public func medication(_ row: WireRow, encounter ref: String) -> Medication? {
        typealias M = MedicationRow.CodingKeys
        guard let name = row.nonEmpty(M.codeText) else { return nil }
        var flags: [QualityFlag] = []
        var codes: [Code] = []
        if let tmt = row.nonEmpty(M.tmtCode) { codes.append(Code(system: CodeSystem.tmt, value: tmt)) }
        if let d24 = row.nonEmpty(M.drugCode24) { codes.append(Code(system: CodeSystem.drug24, value: d24)) }
        codes.append(Code(system: CodeSystem.localDrug, value: name))
        return Medication(name: keep(name, field: M.codeText, flags: &flags), codes: codes,
                          effectiveAt: date(row, M.statementEffectiveDatetime, flags: &flags),
                          status: row.nonEmpty(M.statementStatus),
                          quantity: quantity(row.number(M.financeQty), field: M.financeQty.stringValue, plausible: 0...100_000, flags: &flags),
                          instruction: (row.nonEmpty(M.refMdPatientInstruction) ?? row.nonEmpty(M.refMdStatementText))
                              .map { keep($0, field: M.refMdPatientInstruction, flags: &flags) },
                          provenance: provenance(row, M.organizationCode, nil, action: "Medication&mode=Encounter",
                                                 ref: row.nonEmpty(M.encounterRefCode) ?? ref),
                          flags: flags)
    }

    /// A drug allergy from `Allergy` (shape defined by phr-sandbox).
    public func allergy(_ row: WireRow) -> Allergy? {
        typealias A = AllergyRow.CodingKeys
        guard let substance = row.nonEmpty(A.drugName) else { return nil }
        var flags: [QualityFlag] = []
        let code = row.nonEmpty(A.tmtCode).map { Code(system: CodeSystem.tmt, value: $0) }
        return Allergy(substance: keep(substance, field: A.drugName, flags: &flags), code: code,
                       reaction: row.nonEmpty(A.reactionText).map { keep($0, field: A.reactionText, flags: &flags) },
                       severity: row.nonEmpty(A.severityText),
                       recordedAt: date(row, A.recordedDate, flags: &flags),
                       provenance: provenance(row, A.organizationCode, A.organizationName, action: "Allergy",
                                              ref: row.nonEmpty(A.encounterRefCode)),
                       flags: flags)
    }

    /// A vaccination from `Immunization&mode=Detail` (shape defined by phr-sandbox; codes are
    /// the "43 แฟ้ม" vaccine codes, system https://refcode.moph.go.th/vaccine).
    public func immunization(_ row: WireRow) -> Immunization? {
        typealias I = ImmunizationRow.CodingKeys
        guard let code = row.nonEmpty(I.vaccineCode) else { return nil }
        var flags: [QualityFlag] = []
        return Immunization(vaccine: Code(system: CodeSystem.vaccine, value: code,
                                          display: row.nonEmpty(I.vaccineName).map { keep($0, field: I.vaccineName, flags: &flags) }),
                            doseNumber: row.int(I.doseNumber),
                            givenAt: date(row, I.immunizationDate, flags: &flags),
                            lotNumber: row.nonEmpty(I.lotNumber),
                            provenance: provenance(row, I.organizationCode, I.organizationName, action: "Immunization&mode=Detail",
                                                   ref: row.nonEmpty(I.encounterRefCode)),
                            flags: flags)
    }

    /// A coverage right used at a visit, from `Coverage&mode=Detail`.
    public func coverage(_ row: WireRow) -> Coverage? {
        typealias C = CoverageDetailRow.CodingKeys
        guard let right = row.nonEmpty(C.classGroupValue) else { return nil }
        var flags: [QualityFlag] = []
        let ref = row.nonEmpty(C.encounterRefCode) ?? row.nonEmpty(C.id)
        return Coverage(right: Code(system: CodeSystem.coverageRight, value: right, display: row.nonEmpty(C.classGroupName)),
                        payer: row.nonEmpty(C.payer),
                        subgroup: row.nonEmpty(C.classSubgroupValue),
                        startedAt: date(row, C.periodStart, flags: &flags),
                        reimbursed: quantity(row.number(C.reimbursementAmount), field: C.reimbursementAmount.stringValue, plausible: 0...1e8, flags: &flags),
                        paid: quantity(row.number(C.paidAmount), field: C.paidAmount.stringValue, plausible: 0...1e8, flags: &flags),
                        provenance: provenance(unit: ref.flatMap(Self.unit(ofRef:)), unitName: nil, action: "Coverage&mode=Detail", ref: ref),
                        flags: flags)
    }

    // MARK: Helpers

    /// `E11.9`, `J47`, `N185`: a letter, two digits, optional dot and up to 4 more characters.
    public static func looksLikeICD10(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count >= 3, u.count <= 8, (65...90).contains(u[0]), (48...57).contains(u[1]), (48...57).contains(u[2]) else { return false }
        return u.dropFirst(3).allSatisfy { (48...57).contains($0) || (65...90).contains($0) || $0 == 46 }
    }

    /// The unit (hcode) of an `encounter_ref_code` such as `10699:6011140001`.
    static func unit(ofRef ref: String) -> HospitalCode? {
        ref.split(separator: ":", maxSplits: 1).first.flatMap { HospitalCode(String($0)) }
    }

    private func provenance<K: CodingKey>(_ row: WireRow, _ unit: K, _ unitName: K?, action: String, ref: String?) -> Provenance {
        provenance(unit: row.nonEmpty(unit).flatMap { HospitalCode($0) }, unitName: unitName.flatMap { row.nonEmpty($0) },
                   action: action, ref: ref)
    }

    private func provenance(unit: HospitalCode?, unitName: String?, action: String, ref: String?) -> Provenance {
        Provenance(unit: unit, unitName: unitName.map { String($0.prefix(200)) },
                   action: action, sourceRef: ref.map { String($0.prefix(200)) }, fetchedAt: fetchedAt)
    }

    private func date<K: CodingKey>(_ row: WireRow, _ key: K, flags: inout [QualityFlag]) -> SourceDate {
        let parsed = dates.parse(String((row.text(key) ?? "").prefix(64)), field: key.stringValue)
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
    private func keep<K: CodingKey>(_ text: String, field: K, flags: inout [QualityFlag]) -> String {
        keep(text, field: field.stringValue, flags: &flags)
    }

    private func keep(_ text: String, field: String, flags: inout [QualityFlag]) -> String {
        guard text.utf8.count > maxText, text.count > maxText else { return text }   // utf8 first: O(1)
        flags.append(QualityFlag(.truncatedText, field: field, detail: "cut to \(maxText) of \(text.count) characters"))
        return String(text.prefix(maxText))
    }
}
