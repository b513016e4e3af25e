/// A data-quality problem noticed in a value as the source sent it.
///
/// Flags never change the value: the record keeps what the unit recorded, and the flag says
/// why it looks wrong so that screens and exports can mark it.
public struct QualityFlag: Hashable, Sendable, Codable {
    /// What kind of problem it is. Raw values are stable: they are stored and exported.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A CE year had 543 subtracted again (2022 → 1479).
        case doubleConvertedYear = "double-converted-year"
        /// A Buddhist-Era year sits in a field that should hold CE (2565 for 2022).
        case buddhistYearInGregorianField = "be-year-in-ce-field"
        /// A CE year sits in a field that should hold a Buddhist-Era year.
        case gregorianYearInBuddhistField = "ce-year-in-be-field"
        /// The date is later than the time it was fetched.
        case futureDate = "future-date"
        /// The date is a placeholder meaning "unknown" (`1970-01-01`).
        case sentinelDate = "sentinel-date"
        /// The date text could not be read at all.
        case unparsableDate = "unparsable-date"
        /// A required field is empty or missing.
        case missingValue = "missing-value"
        /// A number arrived as text (`"1"`).
        case numberAsText = "number-as-text"
        /// A measurement outside what is physiologically possible.
        case implausibleValue = "implausible-value"
        /// Text was longer than we keep and was cut.
        case truncatedText = "truncated-text"
        /// A lab result in another unit than its test is read in (creatinine in µmol/L among
        /// mg/dL): right as sent, but misread when compared with the others. A unit that differs
        /// only in letter case (`mg/dl`, `mg/dL`) is the same unit and is not flagged.
        case unexpectedUnit = "unexpected-unit"
    }

    public var kind: Kind
    /// The wire field the flag is about (`period_start`, `vital_sign_bp_systolic_mmhg` …).
    public var field: String
    /// A short English explanation, e.g. "year 1479 looks double-converted (2022?)".
    public var detail: String

    public init(_ kind: Kind, field: String, detail: String) {
        self.kind = kind
        self.field = field
        self.detail = detail
    }
}
