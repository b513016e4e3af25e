import PHRModel

/// Data-quality flags in words a citizen understands (Thai and English): one line per problem
/// of a record, the field named as people name it (never the wire name), a doubtful date quoted
/// as sent with what it probably was, and what to do next. The one catalog of these texts.
public enum FlagText {
    /// How a wire field is named to people, and whether it holds a date.
    struct Field {
        var en: String
        var th: String
        var isDate = false
    }

    /// The wire fields `WireMapper` flags. A field missing here is named generically.
    static let fields: [String: Field] = [
        "period_start": Field(en: "the date", th: "วันที่", isDate: true),
        "period_end": Field(en: "the end of the visit", th: "เวลาสิ้นสุดการรับบริการ", isDate: true),
        "recorded_datetime": Field(en: "the date recorded", th: "วันที่บันทึก", isDate: true),
        "recorded_date": Field(en: "the date recorded", th: "วันที่บันทึก", isDate: true),
        "first_diagnosis_date": Field(en: "the date first diagnosed", th: "วันที่วินิจฉัยครั้งแรก", isDate: true),
        "statement_effective_datetime": Field(en: "the date dispensed", th: "วันที่จ่ายยา", isDate: true),
        "immunization_date": Field(en: "the vaccination date", th: "วันที่ฉีดวัคซีน", isDate: true),
        "birth_date": Field(en: "the birth date", th: "วันเกิด", isDate: true),
        "vital_sign_bp_systolic_mmhg": Field(en: "systolic blood pressure", th: "ความดันตัวบน"),
        "vital_sign_bp_diastolic_mmhg": Field(en: "diastolic blood pressure", th: "ความดันตัวล่าง"),
        "vital_sign_pulse": Field(en: "pulse", th: "ชีพจร"),
        "vital_sign_body_temp_cel": Field(en: "temperature", th: "อุณหภูมิ"),
        "vital_sign_body_weight_kg": Field(en: "weight", th: "น้ำหนัก"),
        "vital_sign_body_height_cm": Field(en: "height", th: "ส่วนสูง"),
        "vital_sign_waist_cm": Field(en: "waist", th: "รอบเอว"),
        "vital_sign_respiratory_rate": Field(en: "breathing rate", th: "อัตราการหายใจ"),
        "finance_qty": Field(en: "the quantity", th: "จำนวนยา"),
        "reimbursement_amount": Field(en: "the amount reimbursed", th: "ยอดเบิกได้"),
        "paid_amount": Field(en: "the amount paid", th: "ยอดที่ชำระ"),
        "encounter_cc_text": Field(en: "the chief complaint", th: "อาการสำคัญ"),
        "encounter_diagnosis_text": Field(en: "the diagnosis", th: "การวินิจฉัย"),
        "code_display_text": Field(en: "the condition's name", th: "ชื่อโรค"),
        "ncd_name": Field(en: "the condition's name", th: "ชื่อโรค"),
        "code_text": Field(en: "the medicine's name", th: "ชื่อยา"),
        "ref_md_patient_instruction": Field(en: "the directions", th: "วิธีใช้ยา"),
        "drug_name": Field(en: "the drug", th: "ชื่อยาที่แพ้"),
        "reaction_text": Field(en: "the reaction", th: "อาการแพ้"),
        "vaccine_name": Field(en: "the vaccine's name", th: "ชื่อวัคซีน"),
        "prefix": Field(en: "the name", th: "ชื่อ"),
        "first_name": Field(en: "the name", th: "ชื่อ"),
        "middle_name": Field(en: "the name", th: "ชื่อ"),
        "last_name": Field(en: "the name", th: "ชื่อ"),
        "address": Field(en: "the address", th: "ที่อยู่"),
        "allergy_intolerance_text": Field(en: "the allergy summary", th: "สรุปการแพ้ยา"),
        "issued": Field(en: "the date of the result", th: "วันที่รายงานผล", isDate: true),
        "value_quantity": Field(en: "the result", th: "ผลตรวจ"),
        "value_string": Field(en: "the result as text", th: "ผลตรวจที่เป็นข้อความ"),
        "observation_unit": Field(en: "the unit", th: "หน่วย"),
        "display": Field(en: "the test's name", th: "ชื่อการตรวจ"),
        "display_text": Field(en: "the test's name", th: "ชื่อการตรวจ"),
        "note": Field(en: "the lab's note", th: "หมายเหตุของห้องปฏิบัติการ"),
    ]

    static func name(_ field: String, _ language: DisplayLanguage) -> String {
        let f = fields[field] ?? Field(en: "a value", th: "ข้อมูล")
        return language.pick(f.en, f.th)
    }

    static func isDate(_ flag: QualityFlag) -> Bool {
        switch flag.kind {
        case .doubleConvertedYear, .buddhistYearInGregorianField, .gregorianYearInBuddhistField, .futureDate, .sentinelDate, .unparsableDate:
            return true
        default:
            return fields[flag.field]?.isDate ?? false
        }
    }

    /// One readable line per problem of a record: each doubtful date on its own line (what was
    /// sent, why it is doubtful, what it probably was and, for `sorting`, that the record is
    /// ordered by that), then each other kind of problem once with the fields it affects.
    /// `dates` are the record's dates as sent (to quote a doubtful one); `sorting` is the one
    /// that orders the record.
    public static func lines(_ flags: [QualityFlag], dates: [SourceDate], sorting: SourceDate?, options: DisplayOptions) -> [String] {
        let text = DateText(era: options.era)
        return lines(flags, dates: dates, sorting: sorting, language: options.language) { text.text($0, time: false) }
    }

    /// The lines in English with ISO dates, for exports read by programs and other systems
    /// (the `date_doubt` column, FHIR notes).
    public static func exportLines(_ flags: [QualityFlag], dates: [SourceDate], sorting: SourceDate?) -> [String] {
        lines(flags, dates: dates, sorting: sorting, language: .en) { String($0.iso.prefix(10)) }
    }

    static func lines(_ flags: [QualityFlag], dates: [SourceDate], sorting: SourceDate?, language: DisplayLanguage,
                      format: (CivilDateTime) -> String) -> [String] {
        var out: [String] = []
        var doneDates = Set<String>()
        for flag in flags where isDate(flag) && doneDates.insert(flag.field).inserted {
            let sent = dates.first { d in d.flags.contains { $0.field == flag.field } }
            let kinds = Set(flags.filter { $0.field == flag.field }.map(\.kind))
            out.append(dateLine(field: name(flag.field, language), kinds: kinds, sent: sent,
                                sorted: sent != nil && sent == sorting, language: language, format: format))
        }
        var order: [QualityFlag.Kind] = []
        var affected: [QualityFlag.Kind: [String]] = [:]
        for flag in flags where !isDate(flag) {
            if affected[flag.kind] == nil { order.append(flag.kind) }
            let field = name(flag.field, language)
            if !(affected[flag.kind] ?? []).contains(field) { affected[flag.kind, default: []].append(field) }
        }
        for kind in order {
            let names = (affected[kind] ?? []).joined(separator: ", ")
            switch kind {
            case .numberAsText:
                out.append(language.pick("numbers sent as text, read correctly: \(names)", "ส่งตัวเลขมาเป็นตัวอักษร อ่านค่าได้ถูกต้อง: \(names)"))
            case .implausibleValue:
                out.append(language.pick("a value that cannot be right: \(names)", "ค่าที่เป็นไปไม่ได้: \(names)"))
            case .missingValue:
                out.append(language.pick("missing: \(names)", "ไม่มีข้อมูล: \(names)"))
            case .truncatedText:
                out.append(language.pick("text too long, cut short: \(names)", "ข้อความยาวเกินไป ถูกตัดให้สั้นลง: \(names)"))
            case .unexpectedUnit:
                out.append(language.pick("in another unit than this test's other results — compare with care: \(names)",
                                         "หน่วยต่างจากผลตรวจเดียวกันครั้งอื่น เปรียบเทียบอย่างระมัดระวัง: \(names)"))
            default:
                out.append(language.pick("doubtful: \(names)", "ข้อมูลน่าสงสัย: \(names)"))
            }
        }
        return out
    }

    /// A doubtful date: what was sent, why, and what it probably was.
    static func dateLine(field: String, kinds: Set<QualityFlag.Kind>, sent: SourceDate?, sorted: Bool,
                         language: DisplayLanguage, format: (CivilDateTime) -> String) -> String {
        let quoted = sent.map { "\"" + Sanitize.line($0.original, limit: 40) + "\"" } ?? ""
        let what = language.pick("\(field) was sent as \(quoted)", "\(field)ส่งมาเป็น \(quoted)")
        let why: String
        if kinds.contains(.doubleConvertedYear) {
            why = language.pick("the year looks converted between Buddhist Era and Common Era twice",
                                "ปีน่าจะถูกแปลงระหว่าง พ.ศ. กับ ค.ศ. ซ้ำสองครั้ง")
        } else if kinds.contains(.buddhistYearInGregorianField) {
            why = language.pick("the year looks Buddhist Era where a Common-Era year belongs", "ปีเป็น พ.ศ. ในช่องที่ควรเป็น ค.ศ.")
        } else if kinds.contains(.gregorianYearInBuddhistField) {
            why = language.pick("the year looks Common Era where a Buddhist-Era year belongs", "ปีเป็น ค.ศ. ในช่องที่ควรเป็น พ.ศ.")
        } else if kinds.contains(.futureDate) {
            why = language.pick("a date in the future", "เป็นวันที่ในอนาคต")
        } else if kinds.contains(.sentinelDate) {
            why = language.pick("a placeholder that means unknown", "เป็นค่าแทนที่หมายถึงไม่ทราบวันที่")
        } else if kinds.contains(.unparsableDate) {
            why = language.pick("not a date phr can read", "อ่านเป็นวันที่ไม่ได้")
        } else {
            why = language.pick("the year is impossible", "ปีเป็นไปไม่ได้")
        }
        var line = what + ": " + why
        if let guess = sent?.guess {
            let probable = format(guess)
            line += sorted ? language.pick(" — probably \(probable); listed by that date", " — น่าจะเป็น \(probable) จึงเรียงตามวันนั้น")
                           : language.pick(" — probably \(probable)", " — น่าจะเป็น \(probable)")
        }
        return line
    }

    /// All lines of a record as the note under its table row (`⚠ ` before each), or "".
    public static func note(_ flags: [QualityFlag], dates: [SourceDate], sorting: SourceDate?, options: DisplayOptions) -> String {
        lines(flags, dates: dates, sorting: sorting, options: options).map { "⚠ " + $0 }.joined(separator: "\n")
    }

    /// What the citizen can do about a record's problems, the most pressing first.
    public static func nextStep(_ flags: [QualityFlag], _ language: DisplayLanguage) -> String {
        let kinds = Set(flags.map(\.kind))
        if flags.contains(where: isDate) {
            return language.pick("ask the health unit to correct the date at the source; phr shows it as sent",
                                 "ขอให้หน่วยบริการแก้วันที่ที่ต้นทาง phr แสดงตามที่ได้รับ")
        }
        if kinds.contains(.unexpectedUnit) {
            return language.pick("read the unit before comparing it with other results; ask the health unit if unsure",
                                 "ดูหน่วยก่อนเปรียบเทียบกับผลครั้งอื่น หากไม่แน่ใจให้สอบถามหน่วยบริการ")
        }
        if kinds.contains(.implausibleValue) {
            return language.pick("check the value with the health unit; it may be a typing error",
                                 "ตรวจสอบค่ากับหน่วยบริการ อาจพิมพ์ผิด")
        }
        if kinds.contains(.missingValue) {
            return language.pick("ask the health unit if the missing value matters to you", "สอบถามหน่วยบริการหากข้อมูลที่ขาดสำคัญกับท่าน")
        }
        if kinds.contains(.truncatedText) {
            return language.pick("the whole text is kept at the health unit", "ข้อความเต็มอยู่ที่หน่วยบริการ")
        }
        return language.pick("nothing to do: the values were read correctly", "ไม่ต้องทำอะไร อ่านค่าได้ถูกต้องแล้ว")
    }
}
