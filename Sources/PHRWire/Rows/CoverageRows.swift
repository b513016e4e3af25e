// Field names, order and JSON types as the ministry's examples show them (SPEC.md; fixtures in
// Tests/Fixtures/spec). Declared once here and used by the mapper, the sandbox and the tests.

/// `Coverage`: money per right used (`total`, unit not stated).
public struct CoverageRow: WireRowDeclaration {
    public var classGroupName: String = ""
    public var total: Double = 0

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case classGroupName = "class_group_name"
        case total
    }

    public init() {}
}

/// `Coverage&mode=Detail`: the right used at one visit. `period_start` may be `""`;
/// `class_subgroup_value` is a string ("77").
public struct CoverageDetailRow: WireRowDeclaration {
    public var id: String = ""
    public var periodStart: String = ""
    public var payer: String = ""
    public var classGroupValue: String = ""
    public var classGroupName: String = ""
    public var classSubgroupValue: String = ""
    public var classSubgroupName: String = ""
    public var contractMainIdentifier: String = ""
    public var contractMainDisplay: String = ""
    public var contractSubIdentifier: String = ""
    public var contractSubDisplay: String = ""
    public var encounterRefCode: String = ""
    public var reimbursementAmount: Double = 0
    public var paidAmount: Double = 0

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id = "_id"
        case periodStart = "period_start"
        case payer
        case classGroupValue = "class_group_value"
        case classGroupName = "class_group_name"
        case classSubgroupValue = "class_subgroup_value"
        case classSubgroupName = "class_subgroup_name"
        case contractMainIdentifier = "contract_main_identifier"
        case contractMainDisplay = "contract_main_display"
        case contractSubIdentifier = "contract_sub_identifier"
        case contractSubDisplay = "contract_sub_display"
        case encounterRefCode = "encounter_ref_code"
        case reimbursementAmount = "reimbursement_amount"
        case paidAmount = "paid_amount"
    }

    public init() {}
}
