import PHRModel

/// Short reasons for data-quality flags, for a note column or a footer.
public enum FlagText {
    /// One flag as a short reason, e.g. "year 1479 looks double-converted (2022?)".
    public static func reason(_ flag: QualityFlag, _ language: DisplayLanguage) -> String {
        guard language == .th else { return Sanitize.line(flag.detail, limit: 80) }
        let field = Sanitize.line(flag.field, limit: 30)
        switch flag.kind {
        case .doubleConvertedYear: return "ปีใน \(field) น่าจะถูกแปลง พ.ศ./ค.ศ. ซ้ำสองครั้ง"
        case .buddhistYearInGregorianField: return "\(field) ใช้ปี พ.ศ. ในช่อง ค.ศ."
        case .gregorianYearInBuddhistField: return "\(field) ใช้ปี ค.ศ. ในช่อง พ.ศ."
        case .futureDate: return "\(field) เป็นวันในอนาคต"
        case .sentinelDate: return "\(field) เป็นวันที่แทนค่าว่าง"
        case .unparsableDate: return "อ่านวันที่ใน \(field) ไม่ได้"
        case .missingValue: return "ไม่มีค่า \(field)"
        case .numberAsText: return "\(field) ส่งมาเป็นข้อความ"
        case .implausibleValue: return "ค่า \(field) ผิดปกติเกินจริง"
        case .truncatedText: return "ข้อความ \(field) ยาวเกิน ถูกตัด"
        }
    }

    /// All flags of a record joined for a note column; empty when there are none.
    public static func note(_ flags: [QualityFlag], _ language: DisplayLanguage) -> String {
        flags.isEmpty ? "" : "⚠ " + flags.map { reason($0, language) }.joined(separator: "; ")
    }
}
