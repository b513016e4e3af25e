// Field names, order and JSON types as the ministry's examples show them (SPEC.md; fixtures in
// Tests/Fixtures/spec). Declared once here and used by the mapper, the sandbox and the tests.

/// `Encounter`: one visit with its vital signs, screening, lab values and Thai display text.
/// `period_start`/`period_end` are ISO CE without zone; `period_start_text` has a Thai month and a
/// BE year; `period_start_ymd` is the year alone. `lab_*` units are not stated (SILENT); phr-sandbox
/// uses the units of the visit's `Observation` rows.
public struct EncounterRow: WireRowDeclaration {
    public var cid: String = ""
    public var organizationCode: String = ""
    public var organizationName: String = ""
    public var periodStart: String = ""
    public var periodEnd: String = ""
    public var status: String = ""
    public var classCode: String = ""
    public var classDisplay: String = ""
    public var subclassCode: String = ""
    public var subclassDisplay: String = ""
    public var priorityCode: String = ""
    public var priorityDisplay: String = ""
    public var subjectDisplay: String = ""
    public var typeCode: String = ""
    public var typeDisplay: String = ""
    public var vitalSignBodyWeightKg: Double? = nil
    public var vitalSignBodyHeightCm: Double? = nil
    public var vitalSignBodyTempCel: Double? = nil
    public var vitalSignBpSystolicMmhg: Double? = nil
    public var vitalSignBpDiastolicMmhg: Double? = nil
    public var vitalSignBodyMassIndex: Double? = nil
    public var vitalSignRespiratoryRate: Double? = nil
    public var vitalSignPulse: Double? = nil
    public var screenAllergyCode: String = ""
    public var screenAllergyText: String = ""
    public var screenSmokingCode: String = ""
    public var screenSmokingText: String = ""
    public var screenDrinkingCode: String = ""
    public var screenDrinkingText: String = ""
    public var labFbs: Double? = nil
    public var labDtx: Double? = nil
    public var labHbA1c: Double? = nil
    public var labTg: Double? = nil
    public var labTc: Double? = nil
    public var labHDL: Double? = nil
    public var labLDL: Double? = nil
    public var labGlucurine: Double? = nil
    public var labBun: Double? = nil
    public var labCreatinine: Double? = nil
    public var labAst: Double? = nil
    public var labAlt: Double? = nil
    public var labCholesterol: Double? = nil
    public var labSodium: Double? = nil
    public var labChloride: Double? = nil
    public var labPotassium: Double? = nil
    public var labTco2: Double? = nil
    public var labSpo2: Double? = nil
    public var labO2sat: Double? = nil
    public var labEgfr: Double? = nil
    public var labUrineAlbumin: Double? = nil
    public var labUrineCreatinine: Double? = nil
    public var encounterRefCode: String = ""
    public var divisionCode: String = ""
    public var divisionDisplay: String = ""
    public var encounterCcText: String = ""
    public var encounterHpiText: String = ""
    public var encounterDiagnosisText: String = ""
    public var encounterCoverageText: String = ""
    public var encounterDiagnosisIcd: String = ""
    public var encounterMedicationText: String = ""
    public var encounterObservationText: String = ""
    public var conditionCount: Int = 0
    public var coverageCount: Int = 0
    public var medicationCount: Int = 0
    public var observationCount: Int = 0
    public var diagnosticReportCount: Int = 0
    public var financeReimbursementAmount: Double = 0
    public var financePaidAmount: Double = 0
    public var financeTotalAmount: Double = 0
    public var periodStartYmd: Int = 0
    public var periodStartYm: Int = 0
    public var periodStartY: Int = 0
    public var passPhrFilter: Bool = false
    public var phrFilterNote: String = ""
    public var isMark: Bool = false
    public var createDatetime: Int = 0
    public var updateDatetime: Int = 0
    public var regionID: Int = 0
    public var hn: String = ""
    public var processingNote: String = ""
    public var lastRcvData: Int = 0
    public var lastGenData: Int = 0
    public var vitalSignBPSText: String = ""
    public var periodStartText: String = ""
    /// Extension: waist circumference (cm), measured at chronic-clinic visits.
    public var vitalSignWaistCM: Double? = nil

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case cid
        case organizationCode = "organization_code"
        case organizationName = "organization_name"
        case periodStart = "period_start"
        case periodEnd = "period_end"
        case status
        case classCode = "class_code"
        case classDisplay = "class_display"
        case subclassCode = "subclass_code"
        case subclassDisplay = "subclass_display"
        case priorityCode = "priority_code"
        case priorityDisplay = "priority_display"
        case subjectDisplay = "subject_display"
        case typeCode = "type_code"
        case typeDisplay = "type_display"
        case vitalSignBodyWeightKg = "vital_sign_body_weight_kg"
        case vitalSignBodyHeightCm = "vital_sign_body_height_cm"
        case vitalSignBodyTempCel = "vital_sign_body_temp_cel"
        case vitalSignBpSystolicMmhg = "vital_sign_bp_systolic_mmhg"
        case vitalSignBpDiastolicMmhg = "vital_sign_bp_diastolic_mmhg"
        case vitalSignBodyMassIndex = "vital_sign_body_mass_index"
        case vitalSignRespiratoryRate = "vital_sign_respiratory_rate"
        case vitalSignPulse = "vital_sign_pulse"
        case screenAllergyCode = "screen_allergy_code"
        case screenAllergyText = "screen_allergy_text"
        case screenSmokingCode = "screen_smoking_code"
        case screenSmokingText = "screen_smoking_text"
        case screenDrinkingCode = "screen_drinking_code"
        case screenDrinkingText = "screen_drinking_text"
        case labFbs = "lab_fbs"
        case labDtx = "lab_dtx"
        case labHbA1c = "lab_hba1c"
        case labTg = "lab_tg"
        case labTc = "lab_tc"
        case labHDL = "lab_hdl"
        case labLDL = "lab_ldl"
        case labGlucurine = "lab_glucurine"
        case labBun = "lab_bun"
        case labCreatinine = "lab_creatinine"
        case labAst = "lab_ast"
        case labAlt = "lab_alt"
        case labCholesterol = "lab_cholesterol"
        case labSodium = "lab_sodium"
        case labChloride = "lab_chloride"
        case labPotassium = "lab_potassium"
        case labTco2 = "lab_tco2"
        case labSpo2 = "lab_spo2"
        case labO2sat = "lab_o2sat"
        case labEgfr = "lab_egfr"
        case labUrineAlbumin = "lab_urine_albumin"
        case labUrineCreatinine = "lab_urine_creatinine"
        case encounterRefCode = "encounter_ref_code"
        case divisionCode = "division_code"
        case divisionDisplay = "division_display"
        case encounterCcText = "encounter_cc_text"
        case encounterHpiText = "encounter_hpi_text"
        case encounterDiagnosisText = "encounter_diagnosis_text"
        case encounterCoverageText = "encounter_coverage_text"
        case encounterDiagnosisIcd = "encounter_diagnosis_icd"
        case encounterMedicationText = "encounter_medication_text"
        case encounterObservationText = "encounter_observation_text"
        case conditionCount = "condition_count"
        case coverageCount = "coverage_count"
        case medicationCount = "medication_count"
        case observationCount = "observation_count"
        case diagnosticReportCount = "diagnostic_report_count"
        case financeReimbursementAmount = "finance_reimbursement_amount"
        case financePaidAmount = "finance_paid_amount"
        case financeTotalAmount = "finance_total_amount"
        case periodStartYmd = "period_start_ymd"
        case periodStartYm = "period_start_ym"
        case periodStartY = "period_start_y"
        case passPhrFilter = "pass_phr_filter"
        case phrFilterNote = "phr_filter_note"
        case isMark = "is_mark"
        case createDatetime = "create_datetime"
        case updateDatetime = "update_datetime"
        case regionID = "region_id"
        case hn
        case processingNote = "processing_note"
        case lastRcvData = "last_rcv_data"
        case lastGenData = "last_gen_data"
        case vitalSignBPSText = "vital_sign_bps_text"
        case periodStartText = "period_start_text"
        case vitalSignWaistCM = "vital_sign_waist_cm"
    }

    public static let extensions: [CodingKeys] = [.vitalSignWaistCM]

    /// The property of a `lab_*` field (nil for other keys), so results are set by their key.
    public static func lab(_ key: CodingKeys) -> WritableKeyPath<EncounterRow, Double?>? {
        switch key {
        case .labFbs: return \.labFbs
        case .labDtx: return \.labDtx
        case .labHbA1c: return \.labHbA1c
        case .labTg: return \.labTg
        case .labTc: return \.labTc
        case .labHDL: return \.labHDL
        case .labLDL: return \.labLDL
        case .labGlucurine: return \.labGlucurine
        case .labBun: return \.labBun
        case .labCreatinine: return \.labCreatinine
        case .labAst: return \.labAst
        case .labAlt: return \.labAlt
        case .labCholesterol: return \.labCholesterol
        case .labSodium: return \.labSodium
        case .labChloride: return \.labChloride
        case .labPotassium: return \.labPotassium
        case .labTco2: return \.labTco2
        case .labSpo2: return \.labSpo2
        case .labO2sat: return \.labO2sat
        case .labEgfr: return \.labEgfr
        case .labUrineAlbumin: return \.labUrineAlbumin
        case .labUrineCreatinine: return \.labUrineCreatinine
        default: return nil
        }
    }

    public init() {}
}
