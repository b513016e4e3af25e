/// One laboratory result of a visit (`Observation&mode=Encounter&Code=…`), kept as the lab
/// sent it: the value as a number and as text, the unit in the lab's spelling, the lab's own
/// reference range and interpretation, if any.
public struct LabResult: HealthRecordItem {
    public static let kind = RecordKind.labs
    /// The test: its LOINC code (system ``CodeSystem/loinc``) with the LOINC short name the
    /// service sends (`Glucose SerPl-mCnc`), or, when the row has no LOINC code, the name as sent
    /// (system ``CodeSystem/labName``), e.g. the derived "CKD Stage" row.
    public var test: Code
    /// The laboratory's own name for the test (`display_text`: `HbA1C`, `LDL-C`).
    public var name: String
    /// When the result was issued.
    public var issuedAt: SourceDate
    /// The value when it is a number.
    public var value: Double?
    /// The value as the lab wrote it (`"161"`, or text such as `ระดับที่ 3b (GFR 30 - 44)`).
    public var valueText: String?
    /// The unit as the lab wrote it (`mg/dl`, `mg/dL`, `%`); see ``LabUnit``.
    public var unit: String?
    /// The lab's reference range, when it sent one.
    public var referenceLow: Double?
    public var referenceHigh: Double?
    public var referenceText: String?
    /// The lab's interpretation as sent (`H`, `L`, `N` …), if any.
    public var interpretation: String?
    /// The panel the test belongs to (`Lipid profile`), as sent.
    public var group: String?
    /// The lab's note on the result, as sent.
    public var note: String?
    public var provenance: Provenance
    public var flags: [QualityFlag]

    public init(test: Code, name: String, issuedAt: SourceDate, value: Double? = nil, valueText: String? = nil, unit: String? = nil,
                referenceLow: Double? = nil, referenceHigh: Double? = nil, referenceText: String? = nil, interpretation: String? = nil,
                group: String? = nil, note: String? = nil, provenance: Provenance, flags: [QualityFlag] = []) {
        self.test = test; self.name = name; self.issuedAt = issuedAt; self.value = value; self.valueText = valueText
        self.unit = unit; self.referenceLow = referenceLow; self.referenceHigh = referenceHigh; self.referenceText = referenceText
        self.interpretation = interpretation; self.group = group; self.note = note
        self.provenance = provenance; self.flags = flags
    }

    /// The test, the visit it belongs to and when it was issued: a re-sent result updates the
    /// stored one. The test comes first so the store can pick one test's results by key.
    public var naturalKey: String { "\(test.value)|\(provenance.sourceRef ?? provenance.unit?.value ?? "")|\(issuedAt.original)" }
    public var date: SourceDate { issuedAt }

    /// The test of ``LabTest/catalog`` this result is, if any.
    public var knownTest: LabTest? { LabTest.matching(self) }

    /// Whether the value is in the unit its test is read in (``LabTest/unit``), letter case
    /// aside; true for a test phr does not know or one without a unit.
    public var isInUsualUnit: Bool {
        guard let test = knownTest, !test.unit.isEmpty else { return true }
        return LabUnit.ucum(unit ?? "") == test.unit
    }

    /// Whether the value can be compared with the test's other results and reference interval:
    /// a number, in the usual unit, not flagged as impossible.
    public var isComparable: Bool {
        value != nil && isInUsualUnit && !flags.contains { $0.kind == .implausibleValue || $0.kind == .unexpectedUnit }
    }
}

/// Whether a result is outside its reference range, and who said so.
public struct LabAssessment: Hashable, Sendable {
    public enum Level: String, Sendable {
        /// Above the range (`H`; `HH` is ``critical``).
        case high
        /// Below the range (`L`; `LL` is ``critical``).
        case low
        /// Abnormal without a direction (`A`, or an interpretation phr does not know).
        case abnormal
        /// Within the range (`N`).
        case normal
    }

    /// Who judged the value.
    public enum Source: String, Sendable {
        /// The lab's own interpretation (`interpretation`).
        case lab
        /// The lab's reference range, compared by phr.
        case labRange
        /// phr's table of adult reference intervals (``LabTest/reference``): the lab sent none.
        case catalog
    }

    public var level: Level
    /// `HH`/`LL` (or `AA`): a critical value.
    public var critical: Bool
    public var source: Source

    public init(level: Level, critical: Bool, source: Source) {
        self.level = level; self.critical = critical; self.source = source
    }

    /// Whether a clinician's eye should be drawn to it.
    public var isOutOfRange: Bool { level != .normal }
}

extension LabResult {
    /// The result judged against the lab's interpretation, else the lab's range, else phr's
    /// table of adult reference intervals (only for a value in the test's usual unit and
    /// unflagged). `female` picks sex-specific intervals (nil: the widest of both). Nil when
    /// there is nothing to judge by (a text result, no range at all).
    public func assessment(female: Bool?) -> LabAssessment? {
        if let code = interpretation?.trimmingSpaces.uppercased(), !code.isEmpty {
            switch code {
            case "H", "HU", ">": return LabAssessment(level: .high, critical: false, source: .lab)
            case "HH": return LabAssessment(level: .high, critical: true, source: .lab)
            case "L", "LU", "<": return LabAssessment(level: .low, critical: false, source: .lab)
            case "LL": return LabAssessment(level: .low, critical: true, source: .lab)
            case "N": return LabAssessment(level: .normal, critical: false, source: .lab)
            case "AA": return LabAssessment(level: .abnormal, critical: true, source: .lab)
            default: return LabAssessment(level: .abnormal, critical: false, source: .lab)
            }
        }
        guard let value else { return nil }
        if referenceLow != nil || referenceHigh != nil {
            return Self.compare(value, low: referenceLow, high: referenceHigh, source: .labRange)
        }
        guard isComparable, let reference = knownTest?.reference else { return nil }
        let range = reference.range(female: female)
        return Self.compare(value, low: range.low, high: range.high, source: .catalog)
    }

    static func compare(_ value: Double, low: Double?, high: Double?, source: LabAssessment.Source) -> LabAssessment {
        if let high, value > high { return LabAssessment(level: .high, critical: false, source: source) }
        if let low, value < low { return LabAssessment(level: .low, critical: false, source: source) }
        return LabAssessment(level: .normal, critical: false, source: source)
    }
}

/// One line of the service's per-test summary (`Observation`): how many numeric results of a
/// test it holds in one unit, and their range. phr checks the results it stored against it.
public struct LabTotal: Hashable, Sendable {
    /// The lab's name of the test (`display`, e.g. `HbA1C`).
    public var name: String
    /// The unit as sent; a test reported in two spellings has two lines.
    public var unit: String
    public var count: Int
    public var min: Double?
    public var max: Double?
    public var average: Double?

    public init(name: String, unit: String, count: Int, min: Double? = nil, max: Double? = nil, average: Double? = nil) {
        self.name = name; self.unit = unit; self.count = count; self.min = min; self.max = max; self.average = average
    }
}
