// Field names, order and JSON types as the ministry's examples show them (SPEC.md; fixtures in
// Tests/Fixtures/spec). Declared once here and used by the mapper, the sandbox and the tests.

/// `Medication`: one row per local drug name, `total` the quantity dispensed.
public struct MedicationSummaryRow: WireRowDeclaration {
    public var codeText: String = ""
    public var total: Double = 0

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case codeText = "code_text"
        case total
    }

    public init() {}
}

/// `Medication&mode=Encounter&Code=…`: one dispensed item. `code_text` is the unit's local name;
/// the real rows carry no TMT or 24-digit code (phr-sandbox adds both as extensions).
public struct MedicationRow: WireRowDeclaration {
    public var cid: String = ""
    public var codeText: String = ""
    public var codeTextMD5: String = ""
    public var isMark: Bool = false
    public var statementStatus: String = ""
    public var statementCategory: String = ""
    public var statementEffectiveDatetime: String = ""
    public var encounterRefCode: String = ""
    public var organizationCode: String = ""
    public var category: String = ""
    public var financeQty: LooseNumber = 0
    public var financeUnitPrice: Double = 0
    public var financeTotalPrice: Double = 0
    public var refMdCode: String = ""
    public var refMdNoteText: String = ""
    public var refMdStatementText: String = ""
    public var refMdPatientInstruction: String = ""
    public var createDatetime: Int = 0
    public var updateDatetime: Int = 0
    public var regionID: Int = 0
    /// Extension: the drug's TMT code (optional: the real rows have none).
    public var tmtCode: String?
    /// Extension: the 24-digit drug code.
    public var drugCode24: String?

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case cid
        case codeText = "code_text"
        case codeTextMD5 = "code_text_md5"
        case isMark = "is_mark"
        case statementStatus = "statement_status"
        case statementCategory = "statement_category"
        case statementEffectiveDatetime = "statement_effective_datetime"
        case encounterRefCode = "encounter_ref_code"
        case organizationCode = "organization_code"
        case category
        case financeQty = "finance_qty"
        case financeUnitPrice = "finance_unit_price"
        case financeTotalPrice = "finance_total_price"
        case refMdCode = "ref_md_code"
        case refMdNoteText = "ref_md_note_text"
        case refMdStatementText = "ref_md_statement_text"
        case refMdPatientInstruction = "ref_md_patient_instruction"
        case createDatetime = "create_datetime"
        case updateDatetime = "update_datetime"
        case regionID = "region_id"
        case tmtCode = "tmt_code"
        case drugCode24 = "drug_code_24"
    }

    public static let extensions: [CodingKeys] = [.tmtCode, .drugCode24]

    public init() {}
}
