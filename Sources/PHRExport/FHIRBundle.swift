import Foundation
import PHRModel
import PHRRender

/// The record as a FHIR R4 document Bundle shaped as an International Patient Summary (IPS):
/// a Composition (problems, medications, allergies, immunizations, results, vital signs,
/// payers), Patient (Thai CID identifier), Condition, MedicationStatement, AllergyIntolerance,
/// Immunization, vital-sign and laboratory Observations (LOINC + UCUM), Coverage (one per
/// distinct right, payor the insurer), one Organization per unit (hcode) and one Provenance per
/// unit. Codes and identifiers use the systems a receiving system validates (``FHIRCodes``).
/// Ids are derived from natural keys, so exporting the same record twice gives the same bundle.
///
/// Dates follow the one date rule (``SourceDate``): a doubtful date is left out of the dateTime
/// element (FHIR would read it as true) and given as sent, with the reason, in a `note`.
///
/// The three sections an IPS must have — problems, medications, allergies — never deny what
/// the whole record holds: with `safety` (the whole record's summary) they always carry every
/// allergy, chronic condition and current medicine, whatever filter `scope` put on the rest; a
/// kind a consent did not share is an empty section with the reason "withheld".
public struct FHIRBundle {
    public var record: HealthRecord
    public var scope: RecordScope
    /// The whole record's summary (``RecordScope`` filters never narrow it), if known.
    public var safety: HealthRecord?
    public var now: Date

    public init(_ record: HealthRecord, scope: RecordScope = .whole, safety: HealthRecord? = nil, now: Date) {
        self.record = record; self.scope = scope; self.safety = safety; self.now = now
    }

    typealias JSON = [String: Any]

    /// The bundle as JSON bytes (sorted keys).
    public func data() -> Data {
        CanonicalJSON.data(bundle())
    }

    func bundle() -> JSON {
        var entries: [JSON] = []
        // Per unit: its name, the resources it is the source of, the latest fetch time.
        var unitNames: [String: String] = [:]
        var unitTargets: [String: [String]] = [:]
        var unitFetched: [String: Date] = [:]
        let patientURL = Self.url("Patient", record.person?.cid.digits ?? "unknown")
        func add(_ url: String, _ resource: JSON, _ p: Provenance? = nil) {
            entries.append(["fullUrl": url, "resource": resource])
            if let p, let unit = p.unit?.value {
                unitTargets[unit, default: []].append(url)   // in place: no copy per resource
                unitFetched[unit] = max(unitFetched[unit] ?? p.fetchedAt, p.fetchedAt)
                if unitNames[unit] == nil, let name = p.unitName, !name.isEmpty { unitNames[unit] = name }
            }
        }
        let kinds = Set(scope.kinds).intersection(scope.shared)
        var sections: [JSON] = []
        func section(_ title: String, _ loinc: String, _ display: String, _ urls: [String], _ kind: RecordKind) {
            var s: JSON = ["title": title, "code": Self.concept(CodeSystem.loinc, loinc, display)]
            if urls.isEmpty {
                let reason: (String, String, String) = !scope.shared.contains(kind) ? ("withheld", "Information Withheld", "Not shared under the citizen's consent.")
                    : kinds.contains(kind) || safety != nil ? ("unavailable", "Unavailable", "No information in the synced record.")
                    : ("notasked", "Not Asked", "Not part of this export.")
                s["emptyReason"] = Self.concept("http://terminology.hl7.org/CodeSystem/list-empty-reason", reason.0, reason.1)
                s["text"] = Self.narrative(reason.2)
            } else {
                s["entry"] = urls.map { ["reference": $0] }
                s["text"] = Self.narrative("\(urls.count) entries, see the resources.")
            }
            sections.append(s)
        }
        func org(_ p: Provenance) -> JSON? { p.unit.map { ["reference": Self.url("Organization", $0.value)] } }

        // Patient
        if let person = record.person { add(patientURL, patient(person, url: patientURL)) }
        let subject: JSON = ["reference": patientURL]

        // The safety facts of the whole record join whatever the filter kept.
        func union<R: HealthRecordItem>(_ kept: [R], _ whole: [R]) -> [R] {
            var seen = Set(kept.map(\.naturalKey))
            return kept + whole.filter { seen.insert($0.naturalKey).inserted }
        }
        let shared = scope.shared
        let conditions = union(kinds.contains(.conditions) ? record.conditions : [],
                               shared.contains(.conditions) ? safety?.conditions.filter(\.isChronic) ?? [] : [])
        let medications = union(kinds.contains(.meds) ? record.medications : [],
                                shared.contains(.meds) ? safety.map { CurrentMedicines($0.medications).medications } ?? [] : [])
        let allergyList = union(kinds.contains(.allergies) ? record.allergies : [], shared.contains(.allergies) ? safety?.allergies ?? [] : [])

        var problems: [String] = [], meds: [String] = [], allergies: [String] = [], vaccines: [String] = [],
            vitals: [String] = [], payers: [String] = [], results: [String] = []
        for c in conditions {
            let url = Self.url("Condition", c.naturalKey)
            var code: JSON = ["text": c.code.display ?? c.code.value]
            let codings = FHIRCodes.conditionCodings(c.code)
            if !codings.isEmpty { code["coding"] = codings }
            var r: JSON = ["resourceType": "Condition", "id": Self.id(url), "subject": subject, "code": code,
                           "category": [Self.concept("http://terminology.hl7.org/CodeSystem/condition-category",
                                                     c.isChronic ? "problem-list-item" : "encounter-diagnosis",
                                                     c.isChronic ? "Problem List Item" : "Encounter Diagnosis")]]
            if c.isChronic || c.clinicalStatus?.lowercased() == "active" {
                r["clinicalStatus"] = Self.concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active")
            }
            Self.date(c.recordedAt, into: &r, key: "recordedDate", dateOnly: true)
            Self.notes(c.flags, c.recordedAt, into: &r)
            add(url, r, c.provenance); problems.append(url)
        }
        for m in medications {
            let url = Self.url("MedicationStatement", m.naturalKey)
            var concept: JSON = ["text": m.name]
            if !m.standardCodes.isEmpty { concept["coding"] = m.standardCodes.map { ["system": $0.system, "code": $0.value] } }
            var r: JSON = ["resourceType": "MedicationStatement", "id": Self.id(url), "status": "completed",
                           "subject": subject, "medicationCodeableConcept": concept]
            if let s = Self.dateTime(m.effectiveAt) { r["effectiveDateTime"] = s }
            if let i = m.instruction, !i.isEmpty { r["dosage"] = [["text": i]] }
            if let source = org(m.provenance) { r["informationSource"] = source }
            Self.notes(m.flags, m.effectiveAt, into: &r)
            add(url, r, m.provenance); meds.append(url)
        }
        for a in allergyList {
            let url = Self.url("AllergyIntolerance", a.naturalKey)
            var r: JSON = ["resourceType": "AllergyIntolerance", "id": Self.id(url), "patient": subject,
                           "clinicalStatus": Self.concept("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", "Active"),
                           "verificationStatus": Self.concept("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "confirmed", "Confirmed"),
                           "category": ["medication"],
                           "code": a.code.map { Self.concept($0.system, $0.value, a.substance) } ?? ["text": a.substance]]
            if let reaction = a.reaction, !reaction.isEmpty { r["reaction"] = [["manifestation": [["text": reaction]]]] }
            Self.date(a.recordedAt, into: &r, key: "recordedDate")
            Self.notes(a.flags, a.recordedAt, into: &r)
            add(url, r, a.provenance); allergies.append(url)
        }
        if kinds.contains(.vaccines) {
            for i in record.immunizations {
                let url = Self.url("Immunization", i.naturalKey)
                var r: JSON = ["resourceType": "Immunization", "id": Self.id(url), "status": "completed", "patient": subject,
                               "vaccineCode": Self.concept(i.vaccineCode.system, i.vaccineCode.value, i.vaccineCode.display)]
                if let s = Self.dateTime(i.givenAt) { r["occurrenceDateTime"] = s } else { r["occurrenceString"] = i.givenAt.original }
                if let lot = i.lotNumber, !lot.isEmpty { r["lotNumber"] = lot }
                if let dose = i.doseNumber, dose > 0 { r["protocolApplied"] = [["doseNumberPositiveInt": dose]] }
                if let performer = org(i.provenance) { r["performer"] = [["actor": performer]] }
                Self.notes(i.flags, i.givenAt, into: &r)
                add(url, r, i.provenance); vaccines.append(url)
            }
        }
        if kinds.contains(.vitals) {
            for v in record.vitals {
                for (suffix, r) in observations(v, subject: subject) {
                    let url = Self.url("Observation", v.naturalKey + "|" + suffix)
                    var r = r
                    r["id"] = Self.id(url)
                    if let performer = org(v.provenance) { r["performer"] = [performer] }
                    Self.notes(v.flags, v.takenAt, into: &r)
                    add(url, r, v.provenance); vitals.append(url)
                }
            }
        }
        if kinds.contains(.labs) {
            let female = record.person?.isFemale
            for l in record.labs {
                let url = Self.url("Observation", "lab|" + l.naturalKey)
                var r = labObservation(l, subject: subject, female: female)
                r["id"] = Self.id(url)
                if let performer = org(l.provenance) { r["performer"] = [performer] }
                add(url, r, l.provenance); results.append(url)
            }
        }
        if kinds.contains(.coverage) {
            for (key, rows) in Self.rights(record.coverage) {
                let url = Self.url("Coverage", key)
                add(url, coverage(rows, url: url, subject: subject, newestVisit: record.coverage.compactMap(\.sortDate).max()),
                    rows.first!.provenance)
                payers.append(url)
            }
        }
        section("Active Problems", "11450-4", "Problem list - Reported", problems, .conditions)
        section("Medication", "10160-0", "History of Medication use Narrative", meds, .meds)
        section("Allergies and Intolerances", "48765-2", "Allergies and adverse reactions Document", allergies, .allergies)
        if kinds.contains(.vaccines) { section("Immunizations", "11369-6", "History of Immunization Narrative", vaccines, .vaccines) }
        if kinds.contains(.labs) { section("Results", "30954-2", "Relevant diagnostic tests/laboratory data Narrative", results, .labs) }
        if kinds.contains(.vitals) { section("Vital Signs", "8716-3", "Vital signs", vitals, .vitals) }
        if kinds.contains(.coverage) { section("Health insurance and payers", "48768-6", "Payment sources Document", payers, .coverage) }

        // Organizations and provenance, one per unit.
        let deviceURL = Self.url("Device", "phr")
        add(deviceURL, ["resourceType": "Device", "id": Self.id(deviceURL), "deviceName": [["name": "phr", "type": "user-friendly-name"]]])
        for (code, targets) in unitTargets.sorted(by: { $0.key < $1.key }) {
            let url = Self.url("Organization", code)
            var r: JSON = ["resourceType": "Organization", "id": Self.id(url),
                           "identifier": [["type": FHIRCodes.identifierType("hcode", "รหัส HCODE ของกระทรวงสาธารณสุข"),
                                           "system": CodeSystem.hcode, "value": code]]]
            if let name = unitNames[code] { r["name"] = name }
            add(url, r)
            let provURL = Self.url("Provenance", code)
            add(provURL, ["resourceType": "Provenance", "id": Self.id(provURL), "target": targets.map { ["reference": $0] },
                          "recorded": Self.instant(unitFetched[code]!),
                          "agent": [["type": Self.concept("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author"),
                                     "who": ["reference": url]],
                                    ["type": Self.concept("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "assembler", "Assembler"),
                                     "who": ["reference": deviceURL]]]])
        }
        let compositionURL = Self.url("Composition", record.person?.cid.digits ?? "unknown")
        let composition: JSON = [
            "resourceType": "Composition", "id": Self.id(compositionURL), "status": "final",
            "type": Self.concept(CodeSystem.loinc, "60591-5", "Patient summary Document"),
            "subject": subject, "date": Self.instant(now), "author": [["reference": deviceURL]],
            "title": "International Patient Summary", "section": sections,
        ]
        entries.insert(["fullUrl": compositionURL, "resource": composition], at: 0)
        return ["resourceType": "Bundle", "id": Self.id(Self.url("Bundle", compositionURL)),
                "identifier": ["system": "urn:ietf:rfc:3986", "value": Self.url("Bundle", "\(record.person?.cid.digits ?? "")|\(now.timeIntervalSince1970)")],
                "type": "document", "timestamp": Self.instant(now), "entry": entries]
    }

    func patient(_ p: Person, url: String) -> JSON {
        var r: JSON = ["resourceType": "Patient", "id": Self.id(url),
                       "identifier": [["use": "official", "type": FHIRCodes.identifierType("cid", "เลขประจำตัวประชาชนไทย"),
                                       "system": CodeSystem.citizenID, "value": p.cid.digits]]]
        var names: [JSON] = []
        for (n, lang) in [(p.nameTH, "th"), (p.nameEN, "en")] {
            guard let n else { continue }
            var h: JSON = ["use": "official", "text": n.display, "family": n.last,
                           "given": [n.first, n.middle].filter { !$0.isEmpty },
                           "extension": [["url": "http://hl7.org/fhir/StructureDefinition/language", "valueCode": lang]]]
            if !n.prefix.isEmpty { h["prefix"] = [n.prefix] }
            names.append(h)
        }
        if !names.isEmpty { r["name"] = names }
        if let g = p.gender?.uppercased() { r["gender"] = g.hasPrefix("M") || g == "1" ? "male" : g.hasPrefix("F") || g == "2" ? "female" : "unknown" }
        if p.birthDate.flags.isEmpty, let b = p.birthDate.value { r["birthDate"] = String(b.iso.prefix(10)) }
        if let a = p.address, !a.isEmpty { r["address"] = [["text": a, "country": "TH"]] }
        if let t = p.phone, !t.isEmpty { r["telecom"] = [["system": "phone", "value": t]] }
        return r
    }

    /// Vital-sign Observations of one measurement time (LOINC codes, UCUM units).
    func observations(_ v: Vital, subject: JSON) -> [(String, JSON)] {
        func base(_ code: String, _ display: String) -> JSON {
            var r: JSON = ["resourceType": "Observation", "status": "final", "subject": subject,
                           "category": [Self.concept("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "Vital Signs")],
                           "code": Self.concept(CodeSystem.loinc, code, display)]
            if let s = Self.dateTime(v.takenAt) { r["effectiveDateTime"] = s }
            return r
        }
        func quantity(_ value: Double, _ unit: String) -> JSON {
            ["value": value, "unit": unit, "system": CodeSystem.ucum, "code": unit]
        }
        var out: [(String, JSON)] = []
        if v.systolic != nil || v.diastolic != nil {
            var r = base("85354-9", "Blood pressure panel with all children optional")
            r["component"] = [(v.systolic, "8480-6", "Systolic blood pressure"), (v.diastolic, "8462-4", "Diastolic blood pressure")]
                .compactMap { value, code, display in value.map { ["code": Self.concept(CodeSystem.loinc, code, display), "valueQuantity": quantity($0, "mm[Hg]")] } }
            out.append(("bp", r))
        }
        let singles: [(Double?, String, String, String, String)] = [
            (v.pulse, "pulse", "8867-4", "Heart rate", "/min"),
            (v.respiratoryRate, "resp", "9279-1", "Respiratory rate", "/min"),
            (v.temperatureC, "temp", "8310-5", "Body temperature", "Cel"),
            (v.weightKg, "weight", "29463-7", "Body weight", "kg"),
            (v.heightCm, "height", "8302-2", "Body height", "cm"),
            (v.waistCm, "waist", "8280-0", "Waist Circumference at umbilicus by Tape measure", "cm"),
            (v.bmi.map { ($0 * 10).rounded() / 10 }, "bmi", "39156-5", "Body mass index (BMI) [Ratio]", "kg/m2"),
        ]
        for (value, suffix, code, display, unit) in singles {
            guard let value else { continue }
            var r = base(code, display)
            r["valueQuantity"] = quantity(value, unit)
            out.append((suffix, r))
        }
        return out
    }

    /// A laboratory Observation (TH Core's Observation Lab): LOINC when the row has one (else
    /// the name as text), the value as a UCUM Quantity or as text, the lab's range and
    /// interpretation, or phr's judgement against its adult interval, said to be phr's.
    func labObservation(_ l: LabResult, subject: JSON, female: Bool?) -> JSON {
        var code: JSON = ["text": l.name]
        if l.test.system == CodeSystem.loinc { code["coding"] = [FHIRCodes.coding(CodeSystem.loinc, l.test.value, l.test.display)] }
        var r: JSON = ["resourceType": "Observation", "status": "final", "subject": subject, "code": code,
                       "category": [Self.concept("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Laboratory")]]
        if let s = Self.dateTime(l.issuedAt) { r["effectiveDateTime"] = s; r["issued"] = s.count > 10 ? s : s + "T00:00:00+07:00" }
        if let value = l.value { r["valueQuantity"] = FHIRCodes.quantity(value, unit: l.unit) }
        else if let text = l.valueText { r["valueString"] = text }
        else { r["dataAbsentReason"] = Self.concept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown", "Unknown") }
        if l.referenceLow != nil || l.referenceHigh != nil || !(l.referenceText ?? "").isEmpty {
            var range: JSON = [:]
            if let low = l.referenceLow { range["low"] = FHIRCodes.quantity(low, unit: l.unit) }
            if let high = l.referenceHigh { range["high"] = FHIRCodes.quantity(high, unit: l.unit) }
            if let text = l.referenceText, !text.isEmpty { range["text"] = text }
            r["referenceRange"] = [range]
        }
        if let sent = l.interpretation, !sent.isEmpty {
            r["interpretation"] = [FHIRCodes.interpretation(sent)]
        } else if let a = l.assessment(female: female), a.source != .lab, a.isOutOfRange {
            var i = FHIRCodes.interpretation(a.level == .high ? "H" : a.level == .low ? "L" : "A")
            if a.source == .catalog { i["text"] = "outside the usual adult range (phr; the lab sent no range)" }
            r["interpretation"] = [i]
        }
        var notes: [[String: Any]] = []
        if let n = l.note, !n.isEmpty { notes.append(["text": n]) }
        Self.notes(l.flags, l.issuedAt, into: &r)
        if let quality = r["note"] as? [[String: Any]] { notes += quality }
        if !notes.isEmpty { r["note"] = notes }
        return r
    }

    /// The coverage rows grouped by distinct right (class, sub-group, payer), oldest use first,
    /// keyed for a stable id: one Coverage per right, not one per visit.
    static func rights(_ rows: [Coverage]) -> [(key: String, rows: [Coverage])] {
        let groups = Dictionary(grouping: rows) { "\($0.right.value)|\($0.subgroup ?? "")|\($0.payer ?? "")" }
        return groups.map { key, rows in
            (key, rows.sorted { ($0.sortDate?.sortKey ?? .max) < ($1.sortDate?.sortKey ?? .max) })
        }.sorted { $0.key < $1.key }
    }

    /// One right as a Coverage: its type (SIL-TH coverage type), the insurer as `payor` (the
    /// rows' `payer`), the sub-group as a class, and the period the record shows it used — open
    /// at the end when it was used at the newest visit with a coverage row.
    func coverage(_ rows: [Coverage], url: String, subject: JSON, newestVisit: CivilDateTime?) -> JSON {
        let c = rows.last!
        var r: JSON = ["resourceType": "Coverage", "id": Self.id(url), "status": "active", "beneficiary": subject,
                       "type": FHIRCodes.coverageType(c.right),
                       "payor": [["display": c.payer ?? c.right.display ?? c.right.value]]]
        let used = rows.compactMap { $0.startedAt.trusted }
        if let first = used.min(), let last = used.max() {
            var period: JSON = ["start": String(first.iso.prefix(10))]
            if let newestVisit, last.dayNumber < newestVisit.dayNumber { period["end"] = String(last.iso.prefix(10)) }
            r["period"] = period
        }
        if let g = c.subgroup, !g.isEmpty {
            r["class"] = [["type": Self.concept("http://terminology.hl7.org/CodeSystem/coverage-class", "subgroup", "SubGroup"), "value": g]]
        }
        return r
    }

    // MARK: Helpers

    static func concept(_ system: String, _ code: String, _ display: String?) -> JSON {
        var coding: JSON = ["system": system, "code": code]
        if let display, !display.isEmpty { coding["display"] = display }
        var c: JSON = ["coding": [coding]]
        if let display, !display.isEmpty { c["text"] = display }
        return c
    }

    static func narrative(_ text: String) -> JSON {
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        return ["status": "generated", "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\">\(escaped)</div>"]
    }

    /// A FHIR dateTime for a trusted date (Thailand time, +07:00), else nil.
    static func dateTime(_ d: SourceDate) -> String? {
        guard let v = d.trusted, v.isValidDay, (1...9999).contains(v.year) else { return nil }
        return v.hour == nil ? String(v.iso.prefix(10)) : v.iso + "+07:00"
    }

    static func date(_ d: SourceDate, into r: inout JSON, key: String, dateOnly: Bool = false) {
        guard let s = dateTime(d) else { return }
        r[key] = dateOnly ? String(s.prefix(10)) : s
    }

    static func instant(_ date: Date) -> String { CivilDateTime.from(date).iso + "+07:00" }

    /// Data-quality flags as an Annotation, in the words views use (``FlagText``): a doubtful
    /// date is quoted as sent, with the reason and what it probably was.
    static func notes(_ flags: [QualityFlag], _ date: SourceDate, into r: inout JSON) {
        guard !flags.isEmpty else { return }
        r["note"] = [["text": "Data quality (phr): " + FlagText.exportLines(flags, dates: [date], sorting: nil).joined(separator: "; ")]]
    }

    /// A stable `urn:uuid:` for a resource, from its type and natural key (FNV-1a 128-bit),
    /// version 8 (custom) with the RFC 4122 variant.
    static func url(_ type: String, _ key: String) -> String {
        var h1: UInt64 = 0xcbf2_9ce4_8422_2325, h2: UInt64 = 0x8422_2325_cbf2_9ce4
        func mix(_ b: UInt8) {
            h1 = (h1 ^ UInt64(b)) &* 0x0000_0100_0000_01B3
            h2 = (h2 ^ UInt64(b)) &* 0x0000_0100_0000_01B3 &+ h1
        }
        for b in type.utf8 { mix(b) }
        mix(UInt8(ascii: "|"))
        for b in key.utf8 { mix(b) }
        let hex = Array("0123456789abcdef".utf8)
        var out = Array("urn:uuid:".utf8)
        out.reserveCapacity(45)
        for i in 0..<32 {
            let word = i < 16 ? h1 : h2
            var nibble = Int((word >> UInt64(60 - 4 * (i % 16))) & 0xF)
            if i == 12 { nibble = 8 }                       // version
            if i == 16 { nibble = 0xA }                     // variant
            if i == 8 || i == 12 || i == 16 || i == 20 { out.append(UInt8(ascii: "-")) }
            out.append(hex[nibble])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The id of a resource: its uuid without the urn prefix.
    static func id(_ url: String) -> String { String(url.dropFirst("urn:uuid:".count)) }
}
