import Foundation

/// The kinds of record `phr` syncs, shows and exports. Raw values are stable (CLI, store, exports);
/// a new kind goes at the end (the order is the order of tables and lists).
public enum RecordKind: String, Sendable, Codable, CaseIterable, Comparable {
    case vitals, conditions, meds, allergies, vaccines, coverage, encounters, labs

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Where a record came from: which unit recorded it, which Action delivered it, when.
public struct Provenance: Hashable, Sendable, Codable {
    /// The health unit that recorded it, if the source says.
    public var unit: HospitalCode?
    /// The unit's name as the source gave it.
    public var unitName: String?
    /// The Action it was read from (`VitalSign`, `Condition&mode=Encounter` …).
    public var action: String
    /// The source's reference: `encounter_ref_code` ("hcode:vn"), `_id` or `RowID`.
    public var sourceRef: String?
    /// When `phr` fetched it.
    public var fetchedAt: Date

    public init(unit: HospitalCode? = nil, unitName: String? = nil, action: String, sourceRef: String? = nil, fetchedAt: Date) {
        self.unit = unit; self.unitName = unitName; self.action = action
        self.sourceRef = sourceRef; self.fetchedAt = fetchedAt
    }
}

/// A record of one kind: it has a natural key, provenance and quality flags.
public protocol HealthRecordItem: Sendable, Codable, Hashable {
    static var kind: RecordKind { get }
    /// Identifies the same fact across syncs, so a re-sync updates instead of duplicating.
    var naturalKey: String { get }
    /// The record's own date as the source sent it (a visit's start, a dose's day …).
    var date: SourceDate { get }
    var provenance: Provenance { get set }
    var flags: [QualityFlag] { get set }
}

extension HealthRecordItem {
    /// The date that orders the record ("newest first") and places it in a date range: its
    /// ``SourceDate/plausible`` date, so a year sent as 1479 sorts as 2022 (and says so where
    /// it is shown), never below 2016.
    public var sortDate: CivilDateTime? { date.plausible }
}

/// A person's name in one language, split as the card and the service split it.
public struct PersonName: Hashable, Sendable, Codable {
    public var prefix: String
    public var first: String
    public var middle: String
    public var last: String

    public init(prefix: String = "", first: String, middle: String = "", last: String) {
        self.prefix = prefix; self.first = first; self.middle = middle; self.last = last
    }

    /// "นาย สมชาย ใจดี" style: prefix joined without space when Thai, with a space otherwise.
    public var display: String {
        let body = [first, middle, last].filter { !$0.isEmpty }.joined(separator: " ")
        guard !prefix.isEmpty else { return body }
        let thaiPrefix = prefix.unicodeScalars.first.map { (0x0E00...0x0E7F).contains($0.value) } ?? false
        return thaiPrefix ? prefix + body : prefix + " " + body
    }
}

/// The person the record is about (PatientSummary, Address, Telecom).
public struct Person: Hashable, Sendable, Codable {
    public var cid: CitizenID
    public var nameTH: PersonName?
    public var nameEN: PersonName?
    public var birthDate: SourceDate
    /// `M`, `F` or the source's code.
    public var gender: String?
    public var bloodGroup: String?
    public var nationality: String?
    public var address: String?
    public var phone: String?
    /// Allergy text from the summary (`allergy_intolerance_text`).
    public var allergySummary: String?
    public var provenance: Provenance
    public var flags: [QualityFlag]

    public init(cid: CitizenID, nameTH: PersonName? = nil, nameEN: PersonName? = nil, birthDate: SourceDate,
                gender: String? = nil, bloodGroup: String? = nil, nationality: String? = nil,
                address: String? = nil, phone: String? = nil, allergySummary: String? = nil,
                provenance: Provenance, flags: [QualityFlag] = []) {
        self.cid = cid; self.nameTH = nameTH; self.nameEN = nameEN; self.birthDate = birthDate
        self.gender = gender; self.bloodGroup = bloodGroup; self.nationality = nationality
        self.address = address; self.phone = phone; self.allergySummary = allergySummary
        self.provenance = provenance; self.flags = flags
    }
}

extension Person {
    /// Whether the person is a woman (`F`, or `2` as some units code it); nil when not said.
    public var isFemale: Bool? { gender.map { $0.uppercased().hasPrefix("F") || $0 == "2" } }
}

/// One set of vital-sign measurements taken at one time.
public struct Vital: HealthRecordItem {
    public static let kind = RecordKind.vitals
    public var takenAt: SourceDate
    public var systolic: Double?
    public var diastolic: Double?
    public var pulse: Double?
    public var temperatureC: Double?
    public var weightKg: Double?
    public var heightCm: Double?
    public var waistCm: Double?
    public var respiratoryRate: Double?
    public var provenance: Provenance
    public var flags: [QualityFlag]

    public init(takenAt: SourceDate, systolic: Double? = nil, diastolic: Double? = nil, pulse: Double? = nil,
                temperatureC: Double? = nil, weightKg: Double? = nil, heightCm: Double? = nil, waistCm: Double? = nil,
                respiratoryRate: Double? = nil, provenance: Provenance, flags: [QualityFlag] = []) {
        self.takenAt = takenAt; self.systolic = systolic; self.diastolic = diastolic; self.pulse = pulse
        self.temperatureC = temperatureC; self.weightKg = weightKg; self.heightCm = heightCm; self.waistCm = waistCm
        self.respiratoryRate = respiratoryRate; self.provenance = provenance; self.flags = flags
    }

    public var naturalKey: String { takenAt.original }
    public var date: SourceDate { takenAt }

    /// Body-mass index from weight and height, when both are known.
    public var bmi: Double? {
        guard let w = weightKg, let h = heightCm, h > 0 else { return nil }
        return w / ((h / 100) * (h / 100))
    }
}

/// A diagnosis or a chronic disease registered at a unit's chronic clinic.
public struct Condition: HealthRecordItem {
    public static let kind = RecordKind.conditions
    /// ICD-10 code (or the source's pseudo-code) with its title.
    public var code: Code
    public var recordedAt: SourceDate
    /// Active / Inactive, as the source says.
    public var clinicalStatus: String?
    /// Diagnosis, History of present illness, Chronic …
    public var category: String?
    /// Registered at a chronic (NCD) clinic.
    public var isChronic: Bool
    public var provenance: Provenance
    public var flags: [QualityFlag]

    public init(code: Code, recordedAt: SourceDate, clinicalStatus: String? = nil, category: String? = nil,
                isChronic: Bool, provenance: Provenance, flags: [QualityFlag] = []) {
        self.code = code; self.recordedAt = recordedAt; self.clinicalStatus = clinicalStatus
        self.category = category; self.isChronic = isChronic; self.provenance = provenance; self.flags = flags
    }

    public var naturalKey: String {
        "\(isChronic ? "ncd" : "dx")|\(provenance.sourceRef ?? provenance.unit?.value ?? "")|\(code.value)"
    }
    public var date: SourceDate { recordedAt }
}

/// A medicine dispensed or prescribed at a visit.
public struct Medication: HealthRecordItem {
    public static let kind = RecordKind.meds
    /// The hospital's name for the drug (`MFM_METFORMIN 500 mg.`).
    public var name: String
    /// National codes when known (TMT, 24-digit).
    public var codes: [Code]
    public var effectiveAt: SourceDate
    public var status: String?
    public var quantity: Double?
    /// Directions for the patient (Thai).
    public var instruction: String?
    public var provenance: Provenance
    public var flags: [QualityFlag]

    public init(name: String, codes: [Code] = [], effectiveAt: SourceDate, status: String? = nil, quantity: Double? = nil,
                instruction: String? = nil, provenance: Provenance, flags: [QualityFlag] = []) {
        self.name = name; self.codes = codes; self.effectiveAt = effectiveAt; self.status = status
        self.quantity = quantity; self.instruction = instruction; self.provenance = provenance; self.flags = flags
    }

    public var naturalKey: String { "\(provenance.sourceRef ?? "")|\(name)" }
    public var date: SourceDate { effectiveAt }
}

/// A drug allergy reported by a unit.
public struct Allergy: HealthRecordItem {
    public static let kind = RecordKind.allergies
    /// The drug or substance as recorded.
    public var substance: String
    public var code: Code?
    public var reaction: String?
    public var severity: String?
    public var recordedAt: SourceDate
    public var provenance: Provenance
    public var flags: [QualityFlag]

    public init(substance: String, code: Code? = nil, reaction: String? = nil, severity: String? = nil,
                recordedAt: SourceDate, provenance: Provenance, flags: [QualityFlag] = []) {
        self.substance = substance; self.code = code; self.reaction = reaction; self.severity = severity
        self.recordedAt = recordedAt; self.provenance = provenance; self.flags = flags
    }

    public var naturalKey: String { "\(provenance.unit?.value ?? "")|\(substance)" }
    public var date: SourceDate { recordedAt }
}

/// A vaccine dose received.
public struct Immunization: HealthRecordItem {
    public static let kind = RecordKind.vaccines
    /// EPI / 43-file vaccine code with its name.
    public var vaccine: Code
    public var doseNumber: Int?
    public var givenAt: SourceDate
    public var lotNumber: String?
    public var provenance: Provenance
    public var flags: [QualityFlag]

    public init(vaccine: Code, doseNumber: Int? = nil, givenAt: SourceDate, lotNumber: String? = nil,
                provenance: Provenance, flags: [QualityFlag] = []) {
        self.vaccine = vaccine; self.doseNumber = doseNumber; self.givenAt = givenAt; self.lotNumber = lotNumber
        self.provenance = provenance; self.flags = flags
    }

    public var naturalKey: String { "\(vaccine.value)|\(givenAt.original)" }
    public var date: SourceDate { givenAt }
}

/// A health-coverage right used (UCS, SSS, OFC, LGO …), summary or per encounter.
public struct Coverage: HealthRecordItem {
    public static let kind = RecordKind.coverage
    /// The right's class code (`UCS`) and name.
    public var right: Code
    public var payer: String?
    public var subgroup: String?
    public var startedAt: SourceDate
    /// Amount reimbursed (baht; the service does not state the unit).
    public var reimbursed: Double?
    public var paid: Double?
    public var provenance: Provenance
    public var flags: [QualityFlag]

    public init(right: Code, payer: String? = nil, subgroup: String? = nil, startedAt: SourceDate,
                reimbursed: Double? = nil, paid: Double? = nil, provenance: Provenance, flags: [QualityFlag] = []) {
        self.right = right; self.payer = payer; self.subgroup = subgroup; self.startedAt = startedAt
        self.reimbursed = reimbursed; self.paid = paid; self.provenance = provenance; self.flags = flags
    }

    public var naturalKey: String { "\(provenance.sourceRef ?? "")|\(right.value)|\(subgroup ?? "")" }
    public var date: SourceDate { startedAt }
}

/// A visit to a health unit; `ref` is the service's `encounter_ref_code` (`hcode:vn`).
public struct Encounter: HealthRecordItem {
    public static let kind = RecordKind.encounters
    public var ref: String
    public var start: SourceDate
    public var end: SourceDate
    /// AMB, IMP … with its display text.
    public var classCode: String?
    public var classDisplay: String?
    public var status: String?
    /// Chief complaint.
    public var chiefComplaint: String?
    /// ICD-10 titles joined by commas, as the service sends them.
    public var diagnosisText: String?
    public var provenance: Provenance
    public var flags: [QualityFlag]

    public init(ref: String, start: SourceDate, end: SourceDate, classCode: String? = nil, classDisplay: String? = nil,
                status: String? = nil, chiefComplaint: String? = nil, diagnosisText: String? = nil,
                provenance: Provenance, flags: [QualityFlag] = []) {
        self.ref = ref; self.start = start; self.end = end; self.classCode = classCode; self.classDisplay = classDisplay
        self.status = status; self.chiefComplaint = chiefComplaint; self.diagnosisText = diagnosisText
        self.provenance = provenance; self.flags = flags
    }

    public var naturalKey: String { ref }
    public var date: SourceDate { start }
}

/// Everything known about one citizen, in the shape screens and exports consume.
public struct HealthRecord: Sendable, Codable, Hashable {
    public var person: Person?
    public var vitals: [Vital]
    public var conditions: [Condition]
    public var medications: [Medication]
    public var allergies: [Allergy]
    public var immunizations: [Immunization]
    public var coverage: [Coverage]
    public var encounters: [Encounter]
    public var labs: [LabResult]

    public init(person: Person? = nil, vitals: [Vital] = [], conditions: [Condition] = [], medications: [Medication] = [],
                allergies: [Allergy] = [], immunizations: [Immunization] = [], coverage: [Coverage] = [],
                encounters: [Encounter] = [], labs: [LabResult] = []) {
        self.person = person; self.vitals = vitals; self.conditions = conditions; self.medications = medications
        self.allergies = allergies; self.immunizations = immunizations; self.coverage = coverage
        self.encounters = encounters; self.labs = labs
    }

    /// Whether nothing at all has been synced.
    public var isEmpty: Bool {
        person == nil && vitals.isEmpty && conditions.isEmpty && medications.isEmpty && allergies.isEmpty
            && immunizations.isEmpty && coverage.isEmpty && encounters.isEmpty && labs.isEmpty
    }
}

/// How many records there are per kind, and how many of them carry a data-quality flag.
public struct RecordTally: Sendable, Equatable {
    public var counts: [RecordKind: Int]
    /// Records with at least one data-quality flag, per kind.
    public var flaggedCounts: [RecordKind: Int]

    public init(counts: [RecordKind: Int] = [:], flaggedCounts: [RecordKind: Int] = [:]) {
        self.counts = counts
        self.flaggedCounts = flaggedCounts
    }
}

extension RecordTally {
    /// Whether there are no records of any kind.
    public var isEmpty: Bool { counts.values.allSatisfy { $0 == 0 } }

    /// Records with a data-quality flag, all kinds together.
    public var flagged: Int { flaggedCounts.values.reduce(0, +) }
}

extension HealthRecord {
    /// The provenance of every record, visits first (their rows carry unit names).
    public var provenances: [Provenance] {
        encounters.map(\.provenance) + vitals.map(\.provenance) + medications.map(\.provenance)
            + conditions.map(\.provenance) + coverage.map(\.provenance) + immunizations.map(\.provenance)
            + allergies.map(\.provenance) + labs.map(\.provenance)
    }

    /// The tally of this record's own arrays.
    public var tally: RecordTally {
        func n<R: HealthRecordItem>(_ items: [R]) -> (Int, Int) { (items.count, items.filter { !$0.flags.isEmpty }.count) }
        let parts: [(RecordKind, (Int, Int))] = [(.vitals, n(vitals)), (.conditions, n(conditions)), (.meds, n(medications)),
                                                 (.allergies, n(allergies)), (.vaccines, n(immunizations)),
                                                 (.coverage, n(coverage)), (.encounters, n(encounters)), (.labs, n(labs))]
        return RecordTally(counts: Dictionary(uniqueKeysWithValues: parts.map { ($0.0, $0.1.0) }),
                           flaggedCounts: Dictionary(uniqueKeysWithValues: parts.map { ($0.0, $0.1.1) }))
    }
}
