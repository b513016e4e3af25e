// Field names, order and JSON types as the ministry's examples show them (SPEC.md; fixtures in
// Tests/Fixtures/spec). Declared once here and used by the mapper, the sandbox and the tests.

/// `VitalSign`: measurements only, with no unit (hcode) and no visit reference; a missing value
/// is `0` here (`null` in Encounter). Real rows send numbers as text now and then (``LooseNumber``).
public struct VitalSignRow: WireRowDeclaration {
    public var periodStart: String = ""
    public var periodY: Int = 0
    public var periodM: Int = 0
    public var periodD: Int = 0
    public var vitalSignBodyWeightKg: LooseNumber = 0
    public var vitalSignBodyHeightCm: LooseNumber = 0
    public var vitalSignBodyTempCel: LooseNumber = 0
    public var vitalSignBpSystolicMmhg: LooseNumber = 0
    public var vitalSignBpDiastolicMmhg: LooseNumber = 0

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case periodStart = "period_start"
        case periodY = "period_y"
        case periodM = "period_m"
        case periodD = "period_d"
        case vitalSignBodyWeightKg = "vital_sign_body_weight_kg"
        case vitalSignBodyHeightCm = "vital_sign_body_height_cm"
        case vitalSignBodyTempCel = "vital_sign_body_temp_cel"
        case vitalSignBpSystolicMmhg = "vital_sign_bp_systolic_mmhg"
        case vitalSignBpDiastolicMmhg = "vital_sign_bp_diastolic_mmhg"
    }

    public init() {}
}
