import Crypto
import Foundation
import PHRModel
import PHRWire

extension CitizenRecord {
    /// Generates a citizen's record: the person's story (``Person``) played out visit by visit
    /// (``Course``), written in the ministry's row shapes (PHRWire's row declarations; shapes SPEC
    /// does not give are defined in docs/sandbox.md).
    init(profile: CitizenProfile) {
        let person = Person(profile)
        var writer = RecordWriter(person: person)
        self = writer.record(Course(person))
    }
}

/// Writes a played-out course as the PHR service's rows, with the real service's documented
/// faults (docs/sandbox.md): 1 in 40 VitalSign rows with numbers as text, `0` for a measurement
/// not taken in VitalSign but `null` in Encounter, 1 in 90 diagnoses with an empty
/// `recorded_datetime`, 1 in 120 drug quantities as text, 1 in 30 Coverage rows without a date,
/// and the double-converted years the course marked.
struct RecordWriter {
    let person: Person
    private var rng: SplitMix64
    private var cid: String { person.profile.cid.digits }
    private var takenTimes: Set<String> = []

    init(person: Person) {
        self.person = person
        rng = SplitMix64(seed: person.profile.recordSeed ^ 0x5EC0_4D)
    }

    mutating func record(_ course: Course) -> CitizenRecord {
        var encounters: [EncounterRow] = [], vitals: [VitalSignRow] = [], coverage: [CoverageDetailRow] = []
        var conditions: [String: [ConditionRow]] = [:], medications: [String: [MedicationRow]] = [:]
        var observations: [String: [ObservationRow]] = [:], immunizations: [ImmunizationRow] = []
        var refs: [String] = []

        for (i, visit) in course.visits.enumerated() {
            let ref = visit.unit.code + ":" + String(format: "%02d%02d%02d%06d", visit.start.buddhistYear % 100, visit.start.month,
                                                      visit.start.day, 100_000 + i)
            refs.append(ref)
            let shown = { (t: CivilDateTime) in (visit.doubleConverted ? t.doubleConverted : t) }
            var e = encounterRow(visit, ref: ref, shown: shown)
            let dx = conditionRows(visit, ref: ref, recorded: shown(visit.start).isoSeconds)
            let meds = medicationRows(visit, ref: ref, at: shown(visit.start).isoSeconds)
            let labs = observationRows(visit, ref: ref, issued: shown(visit.start.adding(minutes: 70 + rng.below(80))).isoSeconds, into: &e)
            e.conditionCount = dx.count
            e.medicationCount = meds.count
            e.observationCount = labs.count
            encounters.append(e)
            if let row = vitalSignRow(visit, at: shown(visit.vitalsAt)) { vitals.append(row) }
            coverage.append(coverageRow(visit, ref: ref))
            if !dx.isEmpty { conditions[ref] = dx }
            if !meds.isEmpty { medications[ref] = meds }
            if !labs.isEmpty { observations[ref] = labs }
            for shot in visit.shots { immunizations.append(immunizationRow(shot, on: visit.start, unit: visit.unit, ref: ref)) }
        }
        for given in course.campaignShots {
            immunizations.append(immunizationRow(given.shot, on: given.day, unit: given.unit, ref: ""))
        }

        let allDx = conditions.values.joined(), allMeds = medications.values.joined(), allLabs = observations.values.joined()
        let ncd = ncdRows()
        let allergies = allergyRows(course, refs: refs)
        let units = Array(Set(course.visits.map(\.unit.code))).sorted()
        let summary = patientSummary(course, allergies: allergies, labRows: allLabs.count, units: units)

        return CitizenRecord(
            results: [
                ActionRequest(.patientSummary): WireJSON.data(summary),
                ActionRequest(.address): WireJSON.data(addressRows(course)),
                ActionRequest(.telecom): WireJSON.data(telecomRows(course)),
                ActionRequest(.encounter): WireJSON.data(encounters),
                ActionRequest(.vitalSign): WireJSON.data(vitals),
                ActionRequest(.condition): WireJSON.data(Self.conditionSummary(allDx)),
                ActionRequest(.medication): WireJSON.data(Self.medicationSummary(allMeds)),
                ActionRequest(.observation): WireJSON.data(Self.observationSummary(allLabs)),
                ActionRequest(.coverage): WireJSON.data(Self.coverageSummary(coverage)),
                ActionRequest(.coverage, mode: "Detail"): WireJSON.data(coverage),
                ActionRequest(.immunization, mode: "Detail"): WireJSON.data(immunizations),
                ActionRequest(.allergy): WireJSON.data(allergies),
                ActionRequest(.ncd): WireJSON.data(ncd),
                ActionRequest(.appointment): WireJSON.data(appointmentRows(course, detail: false)),
                ActionRequest(.appointment, mode: "Detail"): WireJSON.data(appointmentRows(course, detail: true)),
                ActionRequest(.referral): Data("[]".utf8),
            ],
            perEncounter: [.condition: conditions.mapValues(WireJSON.data), .medication: medications.mapValues(WireJSON.data),
                           .observation: observations.mapValues(WireJSON.data)],
            rowCounts: ["Encounter": encounters.count, "VitalSign": vitals.count, "Coverage&mode=Detail": coverage.count,
                        "Condition&mode=Encounter": allDx.count, "Medication&mode=Encounter": allMeds.count,
                        "Observation&mode=Encounter": allLabs.count, "NCD": ncd.count, "Allergy": allergies.count,
                        "Immunization&mode=Detail": immunizations.count])
    }

    // MARK: Visits

    private mutating func encounterRow(_ v: ClinicalVisit, ref: String, shown: (CivilDateTime) -> CivilDateTime) -> EncounterRow {
        var e = EncounterRow()
        e.cid = cid
        e.organizationCode = v.unit.code
        e.organizationName = v.unit.name
        e.periodStart = shown(v.start).isoSeconds
        e.periodEnd = shown(v.end).isoSeconds
        e.status = "finished"
        (e.classCode, e.classDisplay) = v.setting == .inpatient ? ("IMP", "inpatient encounter") : ("AMB", "ambulatory")
        e.priorityCode = "0"
        e.priorityDisplay = "ปกติ"
        e.subjectDisplay = person.profile.nameTH.display
        (e.typeCode, e.typeDisplay) = v.byAppointment ? ("2", "มาตามนัด") : ("1", "มาเอง (ห้องบัตร)")
        e.vitalSignBodyWeightKg = v.vitals.weight
        e.vitalSignBodyHeightCm = v.vitals.height
        e.vitalSignBodyTempCel = v.vitals.temperature
        e.vitalSignBpSystolicMmhg = v.vitals.systolic
        e.vitalSignBpDiastolicMmhg = v.vitals.diastolic
        e.vitalSignRespiratoryRate = v.vitals.respiratoryRate
        e.vitalSignPulse = v.vitals.pulse
        e.vitalSignWaistCM = v.vitals.waist
        let allergic = !person.allergies.isEmpty
        (e.screenAllergyCode, e.screenAllergyText) = allergic ? ("Y", "แพ้ยา " + person.allergies.map(\.substance).joined(separator: ", "))
            : ("N", "ปฏิเสธการแพ้")
        (e.screenSmokingCode, e.screenSmokingText) = person.smoking
        (e.screenDrinkingCode, e.screenDrinkingText) = person.drinking
        e.labDtx = v.dtx
        e.labSpo2 = v.vitals.spo2
        e.encounterRefCode = ref
        (e.divisionCode, e.divisionDisplay) = v.division
        e.encounterCcText = v.complaint
        e.encounterHpiText = v.hpi
        e.encounterDiagnosisText = v.diagnoses.map(\.title).joined(separator: ", ")
        let right = person.right(on: v.start)
        e.encounterCoverageText = [right.name, right.subgroupName].filter { !$0.isEmpty }.joined(separator: " ")
        e.coverageCount = 1
        e.financeReimbursementAmount = rounded(v.cost, 2)
        e.financePaidAmount = 0
        e.financeTotalAmount = rounded(v.cost, 2)
        e.periodStartYmd = shown(v.start).year
        e.passPhrFilter = true
        e.isMark = true
        e.createDatetime = RecordStamp.at(v.end)
        e.updateDatetime = RecordStamp.at(v.end, plus: 2)
        e.regionID = 6
        if let s = v.vitals.systolic, let d = v.vitals.diastolic { e.vitalSignBPSText = "\(Int(s))/\(Int(d))" }
        e.periodStartText = v.start.thaiText()
        return e
    }

    /// The VitalSign row of a visit: taken a few minutes after registration, `0` for what was not
    /// measured, now and then numbers as text; unique times (they are the row's key).
    private mutating func vitalSignRow(_ v: ClinicalVisit, at time: CivilDateTime) -> VitalSignRow? {
        let m = v.vitals
        guard [m.weight, m.height, m.systolic, m.diastolic, m.temperature].contains(where: { $0 != nil }) else { return nil }
        var t = time
        while !takenTimes.insert(t.isoSeconds).inserted { t = t.adding(minutes: 1) }
        let asText = rng.oneIn(40)
        func n(_ x: Double?) -> LooseNumber {
            guard let x else { return 0 }
            return asText ? .text(x) : .number(x)
        }
        var row = VitalSignRow()
        row.periodStart = t.isoSeconds
        (row.periodY, row.periodM, row.periodD) = (t.year, t.month, t.day)
        row.vitalSignBodyWeightKg = n(m.weight)
        row.vitalSignBodyHeightCm = n(m.height)
        row.vitalSignBodyTempCel = n(m.temperature)
        row.vitalSignBpSystolicMmhg = n(m.systolic)
        row.vitalSignBpDiastolicMmhg = n(m.diastolic)
        return row
    }

    private mutating func coverageRow(_ v: ClinicalVisit, ref: String) -> CoverageDetailRow {
        let right = person.right(on: v.start)
        var c = CoverageDetailRow()
        c.id = Self.hexID(ref + "cov", length: 24)
        c.periodStart = rng.oneIn(30) ? "" : v.start.isoDay
        c.payer = right.payer
        c.classGroupValue = right.group
        c.classGroupName = right.name
        c.classSubgroupValue = right.subgroup
        c.classSubgroupName = right.subgroupName
        if right.group == "UCS" || right.group == "SSS" {
            c.contractMainIdentifier = person.homeUnit.code
            c.contractMainDisplay = person.homeUnit.name
        }
        c.encounterRefCode = ref
        c.reimbursementAmount = rounded(v.cost, 2)
        c.paidAmount = 0
        return c
    }

    private mutating func conditionRows(_ v: ClinicalVisit, ref: String, recorded: String) -> [ConditionRow] {
        var rows = v.diagnoses.map { dx -> ConditionRow in
            var c = conditionRow(ref: ref, unit: v.unit, recorded: recorded)
            c.conditionKeyMD5 = Self.hexID(ref + dx.code, length: 32)
            c.clinicalStatusText = "Active"
            c.clinicalCategoryText = "Diagnosis"
            c.codeText = dx.plainCode
            c.codeDisplayText = dx.title
            return c
        }
        if v.hpiCondition {
            var c = conditionRow(ref: ref, unit: v.unit, recorded: recorded)
            c.conditionKeyMD5 = Self.hexID(ref + "hpi", length: 32)
            c.clinicalStatusText = "Inactive"
            c.clinicalCategoryText = "History of present illness"
            c.codeText = "hpi"
            c.codeDisplayText = v.hpi.trimmingCharacters(in: .whitespacesAndNewlines)
            rows.append(c)
        }
        return rows
    }

    private mutating func conditionRow(ref: String, unit: Unit, recorded: String) -> ConditionRow {
        var c = ConditionRow()
        c.cid = cid
        c.isMark = true
        c.onsetDatetime = "1970-01-01"
        c.recordedDatetime = rng.oneIn(90) ? "" : recorded
        c.encounterRefCode = ref
        c.clinicalVerificationText = "Confirmed"
        c.clinicalSeverityText = "-"
        c.organizationCode = unit.code
        return c
    }

    private mutating func medicationRows(_ v: ClinicalVisit, ref: String, at time: String) -> [MedicationRow] {
        v.dispensed.map { item in
            var m = MedicationRow()
            m.cid = cid
            m.codeText = item.drug.name
            m.codeTextMD5 = Self.hexID(item.drug.name, length: 32)
            m.isMark = true
            m.statementStatus = "active"
            m.statementCategory = v.setting == .inpatient ? "Inpatient" : "Outpatient"
            m.statementEffectiveDatetime = time
            m.encounterRefCode = ref
            m.organizationCode = v.unit.code
            m.category = "medication"
            m.financeQty = rng.oneIn(120) ? .text(item.quantity) : .number(item.quantity)
            m.financeUnitPrice = item.drug.price
            m.financeTotalPrice = rounded(item.drug.price * item.quantity, 2)
            m.refMdStatementText = item.drug.sig
            m.refMdPatientInstruction = item.drug.instruction
            m.createDatetime = RecordStamp.at(v.end)
            m.updateDatetime = RecordStamp.at(v.end, plus: 5)
            m.tmtCode = item.drug.tmt
            m.drugCode24 = item.drug.code24
            return m
        }
    }

    /// The visit's lab results as Observation rows (plus the derived "CKD Stage" row after an
    /// eGFR), and the same values in the Encounter's `lab_*` fields.
    private func observationRows(_ v: ClinicalVisit, ref: String, issued: String, into e: inout EncounterRow) -> [ObservationRow] {
        var rows: [ObservationRow] = []
        let style = v.unit.labStyle
        for r in v.labs {
            var o = observationRow(v, ref: ref, issued: issued)
            o.display = r.test.display
            o.displayText = r.test.localName
            o.profileGroupText = r.test.profile
            o.valueQuantity = r.value
            o.valueString = String(format: "%.\(r.test.decimals)f", r.value)
            o.loincCode = r.test.loinc
            o.observationUnit = r.test.unit(style)
            o.displayMD5 = Self.hexID(r.test.display, length: 32)
            if style == .upperWithRanges, let range = r.test.range(female: person.female) {
                o.referenceRangeNormalLow = range.lowerBound
                o.referenceRangeNormalHigh = range.upperBound
                o.referenceRangeText = "\(WireNumber.format(range.lowerBound)) - \(WireNumber.format(range.upperBound))"
                o.interpretation = r.value > range.upperBound ? "H" : r.value < range.lowerBound ? "L" : "N"
            }
            rows.append(o)
            for key in r.test.encounterFields { if let path = EncounterRow.lab(key) { e[keyPath: path] = r.value } }
            if r.test == .egfr {
                var stage = observationRow(v, ref: ref, issued: issued)
                stage.display = "CKD Stage"
                stage.displayText = "CKD Stage"
                stage.profileGroupText = "Creatinine"
                stage.valueString = Kidney.stageText(r.value)
                stage.displayMD5 = Self.hexID("CKD Stage", length: 32)
                rows.append(stage)
            }
        }
        return rows
    }

    private func observationRow(_ v: ClinicalVisit, ref: String, issued: String) -> ObservationRow {
        var o = ObservationRow()
        o.cid = cid
        o.issued = issued
        o.isMark = true
        o.encounterRefCode = ref
        o.organizationCode = v.unit.code
        o.organizationName = v.unit.name
        o.createDatetime = RecordStamp.at(v.end, plus: 10)
        o.updateDatetime = RecordStamp.at(v.end, plus: 10)
        return o
    }

    private func immunizationRow(_ shot: Shot, on day: CivilDateTime, unit: Unit, ref: String) -> ImmunizationRow {
        var r = ImmunizationRow()
        r.cid = cid
        r.organizationCode = unit.code
        r.organizationName = unit.name
        r.vaccineCode = shot.code
        r.vaccineName = shot.name
        r.doseNumber = shot.dose
        r.immunizationDate = day.isoDay
        r.lotNumber = shot.code.prefix(1) + String(day.year % 100) + Self.hexID(shot.code + day.isoDay, length: 4).uppercased()
        r.encounterRefCode = ref
        return r
    }

    // MARK: The person

    private func ncdRows() -> [NCDRow] {
        person.chronic.map { c in
            var r = NCDRow()
            r.cid = cid
            r.organizationCode = c.unit.code
            r.organizationName = c.unit.name
            r.ncdCode = c.diagnosis.code
            r.ncdName = c.diagnosis.title
            r.ncdNameTH = c.diagnosis.thai
            // The demo citizen's second condition was registered with a Buddhist-Era year in this
            // CE field (a documented fault).
            let since = person.profile.number == 0 && c.diagnosis == person.chronic.dropFirst().first?.diagnosis
                ? CivilDateTime(year: c.onset.buddhistYear, month: c.onset.month, day: c.onset.day) : c.onset
            r.firstDiagnosisDate = since.isoDay
            // Kidney disease registered at stage 3 was superseded by stage 5 when dialysis began.
            r.clinicalStatusText = c.diagnosis == .ckd3 && person.dialysis != nil ? "Inactive" : "Active"
            r.regionID = 6
            return r
        }
    }

    private func allergyRows(_ course: Course, refs: [String]) -> [AllergyRow] {
        person.allergies.map { a in
            var r = AllergyRow()
            r.cid = cid
            r.organizationCode = a.unit.code
            r.organizationName = a.unit.name
            r.drugName = a.substance
            r.tmtCode = a.tmt
            r.reactionText = a.reaction
            r.severityText = a.severity
            r.recordedDate = a.recorded.isoDay
            let at = course.visits.indices.first { course.visits[$0].unit == a.unit && course.visits[$0].start >= a.recorded }
            r.encounterRefCode = at.map { refs[$0] } ?? ""
            return r
        }
    }

    private func patientSummary(_ course: Course, allergies: [AllergyRow], labRows: Int, units: [String]) -> PatientSummaryResult {
        let p = person.profile
        let today = CivilDateTime.sandboxToday
        let first = RecordStamp.at(person.recordStart), last = RecordStamp.at(course.visits.last?.end ?? today)
        var s = PatientSummaryResult()
        s.patient.rowID = String(10_000 + Int(p.recordSeed % 90_000))
        s.patient.cid = cid
        s.patient.birthDate = p.birthDate.isoDay
        s.patient.createDatetime = first
        s.patient.updateDatetime = last
        s.patient.gender = p.gender
        (s.patient.maritalStatus, s.patient.maritalStatusName) = person.marital
        s.patient.deceasedDate = "1970-01-01"
        s.patient.nationalityCode = "099"
        s.patient.nationalityName = "ไทย"
        s.patient.lastOrganizationCode = course.visits.last?.unit.code ?? person.homeUnit.code
        s.patient.encounterCount = course.visits.count
        s.patient.organizationCount = units.count
        s.patient.patientNameText = p.nameTH.display
        s.patient.allergyIntoleranceText = allergies.map(\.drugName).joined(separator: ",")
        s.patient.coverageText = person.right(on: today).name
        s.patient.observationCount = labRows
        s.patient.regionID = 6
        s.patient.genderText = p.female ? "หญิง" : "ชาย"
        s.patient.birthDateLongText = p.birthDate.thaiText(time: false)
        s.patient.birthDateShortText = String(format: "%02d/%02d/%04d", p.birthDate.day, p.birthDate.month, p.birthDate.buddhistYear)
        s.patient.fullAgeText = Self.ageText(from: p.birthDate, to: today)
        s.patient.fullNameTH = p.nameTH.display
        func name(_ n: PersonName, _ language: String) -> PatientNameRow {
            var r = PatientNameRow()
            r.rowID = String(10_000 + Int((p.recordSeed >> 20) % 90_000))
            (r.prefix, r.firstName, r.middleName, r.lastName) = (n.prefix, n.first, n.middle, n.last)
            r.displayName = n.display
            r.cid = cid
            r.languageCode = language
            r.createDatetime = first
            r.updateDatetime = last
            r.organizationCode = person.homeUnit.code
            r.isMark = true
            return r
        }
        s.patientNamesTH = [name(p.nameTH, "TH")]
        s.patientNamesEN = [name(p.nameEN, "EN")]
        return s
    }

    /// One Address row per unit that reported the person (rows repeat, as in SPEC).
    private func addressRows(_ course: Course) -> [AddressRow] {
        firstVisits(course).map { unit, day in
            let h = person.home
            var a = AddressRow()
            a.addressUse = "home"
            a.text = "ที่อยู่อาศัย"
            (a.line1, a.line2, a.line3) = (h.line1, h.line2, h.line3)
            (a.city, a.district, a.state, a.postalCode) = (h.city, h.district, h.state, h.postalCode)
            a.countryCode = "TH"
            a.addressCode = h.code
            a.dateStart = day.isoDay
            a.cid = cid
            a.organizationCode = unit.code
            a.isMark = true
            a.createDatetime = RecordStamp.at(day)
            a.updateDatetime = RecordStamp.at(day, plus: 7)
            a.regionID = 6
            return a
        }
    }

    private func telecomRows(_ course: Course) -> [TelecomRow] {
        firstVisits(course).prefix(1).map { unit, day in
            var t = TelecomRow()
            t.telecomSystem = "phone"
            t.telecomUse = "home"
            t.value = person.phone
            t.cid = cid
            t.organizationCode = unit.code
            t.isMark = true
            t.createDatetime = RecordStamp.at(day)
            t.updateDatetime = RecordStamp.at(day)
            return t
        }
    }

    /// Each unit the person visited, with the day of the first visit, in that order.
    private func firstVisits(_ course: Course) -> [(Unit, CivilDateTime)] {
        var seen: Set<String> = []
        return course.visits.compactMap { seen.insert($0.unit.code).inserted ? ($0.unit, $0.start) : nil }
    }

    // MARK: Summaries

    static func conditionSummary(_ rows: some Sequence<ConditionRow>) -> [ConditionSummaryRow] {
        var byCode: [String: (title: String, count: Int)] = [:]
        for r in rows where WireMapper.looksLikeICD10(r.codeText) {
            let dotted = r.codeText.count > 3 ? r.codeText.prefix(3) + "." + r.codeText.dropFirst(3) : r.codeText
            byCode[dotted, default: (r.codeDisplayText, 0)].count += 1
        }
        return byCode.sorted { $0.key < $1.key }.map { code, v in
            var s = ConditionSummaryRow(); s.codeDisplayText = v.title; s.codeText = code; s.total = v.count; return s
        }
    }

    static func medicationSummary(_ rows: some Sequence<MedicationRow>) -> [MedicationSummaryRow] {
        var totals: [String: Double] = [:]
        for r in rows { totals[r.codeText, default: 0] += r.financeQty.value }
        return totals.sorted { $0.key < $1.key }.map { name, total in
            var s = MedicationSummaryRow(); s.codeText = name; s.total = total; return s
        }
    }

    /// One row per test name and unit (units differ in case between labs, so a test can have two).
    static func observationSummary(_ rows: some Sequence<ObservationRow>) -> [ObservationSummaryRow] {
        var values: [String: (name: String, unit: String, values: [Double])] = [:]
        for r in rows {
            guard let v = r.valueQuantity else { continue }
            values[r.displayText + "|" + r.observationUnit, default: (r.displayText, r.observationUnit, [])].values.append(v)
        }
        return values.sorted { $0.key < $1.key }.map { _, g in
            var s = ObservationSummaryRow()
            s.display = g.name
            s.total = String(g.values.count)
            s.min = g.values.min() ?? 0
            s.max = g.values.max() ?? 0
            s.avg = rounded(g.values.reduce(0, +) / Double(g.values.count), 2)
            s.observationUnit = g.unit
            return s
        }
    }

    static func coverageSummary(_ rows: [CoverageDetailRow]) -> [CoverageRow] {
        var totals: [String: Double] = [:]
        for r in rows { totals[r.classGroupName, default: 0] += r.reimbursementAmount }
        return totals.sorted { $0.key < $1.key }.map { name, total in
            var s = CoverageRow(); s.classGroupName = name; s.total = rounded(total, 2); return s
        }
    }

    // MARK: Text

    /// `58 ปี 3 เดือน 2 วัน`.
    static func ageText(from birth: CivilDateTime, to day: CivilDateTime) -> String {
        var months = (day.year - birth.year) * 12 + day.month - birth.month
        var days = day.day - birth.day
        if days < 0 {
            months -= 1
            let prev = day.month == 1 ? (day.year - 1, 12) : (day.year, day.month - 1)
            days += CivilDateTime.daysIn(month: prev.1, year: prev.0)
        }
        return "\(months / 12) ปี \(months % 12) เดือน \(days) วัน"
    }

    /// The upper-case hex MD5 of text, cut to `length` (the real service's `*_md5` keys; object
    /// ids of the same shape).
    static func hexID(_ text: String, length: Int) -> String {
        String(Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02X", $0) }.joined().prefix(length))
    }
}
