import PHRModel

/// A health unit that sends records (real hcodes of Sa Kaeo province, mor-prom.md).
struct Unit: Hashable, Sendable {
    let code: String
    let name: String
    /// How the unit's lab writes units and ranges (real data mixes them, phr-api.md §6).
    let labStyle: LabStyle

    static let sakaeo = Unit(code: "10699", name: "โรงพยาบาลสมเด็จพระยุพราชสระแก้ว", labStyle: .upperWithRanges)
    static let klongHad = Unit(code: "10866", name: "โรงพยาบาลคลองหาด", labStyle: .lowerPlain)
    static let aranyaprathet = Unit(code: "10870", name: "โรงพยาบาลอรัญประเทศ", labStyle: .lowerPlain)
    static let khaoChakan = Unit(code: "13817", name: "โรงพยาบาลเขาฉกรรจ์", labStyle: .lowerPlain)
    static let khokSung = Unit(code: "28850", name: "โรงพยาบาลโคกสูง", labStyle: .upperWithRanges)
    static let all = [sakaeo, klongHad, aranyaprathet, khaoChakan, khokSung]
}

/// A unit's lab conventions: `mg/dL` with reference ranges and H/L flags, or `mg/dl` and no
/// ranges (as in SPEC's example rows).
enum LabStyle: Sendable {
    case upperWithRanges, lowerPlain
}

/// A diagnosis: ICD-10 (WHO) code with its dot, its English title and, for chronic ones, the
/// Thai name a chronic-clinic register shows.
struct Diagnosis: Hashable, Sendable {
    let code: String
    let title: String
    let thai: String

    /// `E119`: how per-visit Condition rows send ICD-10 (phr-api.md §4).
    var plainCode: String { code.replacingOccurrences(of: ".", with: "") }

    static let hypertension = Diagnosis(code: "I10", title: "Essential (primary) hypertension", thai: "ความดันโลหิตสูง")
    static let diabetes = Diagnosis(code: "E11.9", title: "Type 2 diabetes mellitus - Type 2 diabetes mellitus, without complications",
                                    thai: "เบาหวานชนิดที่ 2")
    static let diabeticKidney = Diagnosis(code: "E11.2", title: "Type 2 diabetes mellitus - Type 2 diabetes mellitus, with renal complications",
                                          thai: "เบาหวานชนิดที่ 2 มีภาวะแทรกซ้อนทางไต")
    static let dyslipidaemia = Diagnosis(code: "E78.5", title: "Disorders of lipoprotein metabolism and other lipidaemias - Hyperlipidaemia, unspecified",
                                         thai: "ไขมันในเลือดสูง")
    static let hypertensiveKidney = Diagnosis(code: "I12.0", title: "Hypertensive renal disease with renal failure",
                                              thai: "โรคไตจากความดันโลหิตสูง")
    static let hypertensiveKidneyEarly = Diagnosis(code: "I12.9", title: "Hypertensive renal disease without renal failure",
                                                   thai: "โรคไตจากความดันโลหิตสูง")
    static let newborn = Diagnosis(code: "Z38.0", title: "Singleton, born in hospital", thai: "ทารกเกิดในโรงพยาบาล")
    static let ckd3 = Diagnosis(code: "N18.3", title: "Chronic kidney disease, stage 3", thai: "ไตวายเรื้อรัง ระยะที่ 3")
    static let ckd4 = Diagnosis(code: "N18.4", title: "Chronic kidney disease, stage 4", thai: "ไตวายเรื้อรัง ระยะที่ 4")
    static let ckd5 = Diagnosis(code: "N18.5", title: "Chronic kidney disease, stage 5", thai: "ไตวายเรื้อรัง ระยะที่ 5")
    static let dialysis = Diagnosis(code: "Z49.1", title: "Extracorporeal dialysis", thai: "การฟอกเลือดด้วยเครื่องไตเทียม")
    static let renalAnaemia = Diagnosis(code: "D63.8", title: "Anaemia in other chronic diseases classified elsewhere", thai: "ภาวะซีดจากโรคไต")
    static let kneeOA = Diagnosis(code: "M17.9", title: "Gonarthrosis, unspecified", thai: "ข้อเข่าเสื่อม")
    static let prostate = Diagnosis(code: "N40", title: "Hyperplasia of prostate", thai: "ต่อมลูกหมากโต")
    static let osteoporosis = Diagnosis(code: "M81.0", title: "Postmenopausal osteoporosis", thai: "กระดูกพรุน")
    static let wellChild = Diagnosis(code: "Z00.1", title: "Routine child health examination", thai: "ตรวจสุขภาพเด็ก")
    static let immunisation = Diagnosis(code: "Z27.8", title: "Need for immunization against other combinations of infectious diseases",
                                        thai: "รับวัคซีน")
    static let antenatal = Diagnosis(code: "Z34.9", title: "Supervision of normal pregnancy, unspecified", thai: "ฝากครรภ์")
    static let delivery = Diagnosis(code: "O80.0", title: "Spontaneous vertex delivery", thai: "คลอดปกติ")
    static let postnatal = Diagnosis(code: "Z39.2", title: "Routine postpartum follow-up", thai: "ตรวจหลังคลอด")
    static let ncdScreening = Diagnosis(code: "Z13.6", title: "Special screening examination for cardiovascular disorders",
                                        thai: "คัดกรองโรคความดันโลหิตสูง")
}

/// A short illness: what the patient says, what the doctor writes, and what is given.
struct AcuteIllness: Sendable {
    let complaint: String
    let hpi: String
    let diagnosis: Diagnosis
    /// Drugs by therapeutic role; the prescriber picks forms and substitutes (allergy, kidneys).
    let treatment: [Formulary.Role]
    /// Fever on the day (°C above 37.5 when true).
    let fever: Bool
    /// Who gets it: adults, children, or both.
    let ages: ClosedRange<Int>

    static let catalog: [AcuteIllness] = [
        AcuteIllness(complaint: "ไข้ ไอ มีน้ำมูก 2 วัน", hpi: "2 วันก่อนมา มีไข้ต่ำๆ ไอ มีน้ำมูกใส\r\n",
                     diagnosis: Diagnosis(code: "J00", title: "Acute nasopharyngitis [common cold]", thai: "ไข้หวัด"),
                     treatment: [.antipyretic, .antihistamine], fever: true, ages: 0...120),
        AcuteIllness(complaint: "เจ็บคอ กลืนเจ็บ ไข้ 2 วัน", hpi: "2 วันก่อนมา เจ็บคอ กลืนเจ็บ มีไข้ ไม่ไอ\r\n",
                     diagnosis: Diagnosis(code: "J02.9", title: "Acute pharyngitis, unspecified", thai: "คออักเสบ"),
                     treatment: [.antibiotic, .antipyretic], fever: true, ages: 3...120),
        AcuteIllness(complaint: "ถ่ายเหลว 4 ครั้ง ปวดท้อง 1 วัน", hpi: "1 วันก่อนมา ถ่ายเหลวเป็นน้ำ ไม่มีมูกเลือด คลื่นไส้\r\n",
                     diagnosis: Diagnosis(code: "A09.9", title: "Gastroenteritis and colitis of unspecified origin", thai: "ท้องร่วง"),
                     treatment: [.oralRehydration], fever: false, ages: 0...120),
        AcuteIllness(complaint: "ปวดจุกแน่นลิ้นปี่ 3 วัน", hpi: "3 วันก่อนมา ปวดแสบลิ้นปี่หลังอาหาร ไม่มีถ่ายดำ\r\n",
                     diagnosis: Diagnosis(code: "K30", title: "Functional dyspepsia", thai: "อาหารไม่ย่อย"),
                     treatment: [.acidSuppressant], fever: false, ages: 15...120),
        AcuteIllness(complaint: "ปวดหลังส่วนล่าง 1 สัปดาห์", hpi: "1 สัปดาห์ก่อนมา ยกของหนัก ปวดหลัง ไม่ร้าวลงขา\r\n",
                     diagnosis: Diagnosis(code: "M54.5", title: "Low back pain", thai: "ปวดหลัง"),
                     treatment: [.analgesic, .muscleRelaxant], fever: false, ages: 18...120),
        AcuteIllness(complaint: "เวียนศีรษะ บ้านหมุน 1 วัน", hpi: "1 วันก่อนมา เวียนศีรษะบ้านหมุนเวลาเปลี่ยนท่า คลื่นไส้\r\n",
                     diagnosis: Diagnosis(code: "H81.1", title: "Benign paroxysmal vertigo", thai: "เวียนศีรษะบ้านหมุน"),
                     treatment: [.antivertigo, .antiemetic], fever: false, ages: 30...120),
        AcuteIllness(complaint: "ผื่นคันที่แขนขา 5 วัน", hpi: "5 วันก่อนมา มีผื่นแดงคันที่แขนและขา\r\n",
                     diagnosis: Diagnosis(code: "L30.9", title: "Dermatitis, unspecified", thai: "ผิวหนังอักเสบ"),
                     treatment: [.topicalSteroid, .antihistamine], fever: false, ages: 1...120),
    ]
}

/// Coverage rights (NHSO "สิทธิ"): `class_group_value`, its name, the payer. UCS sub-rights
/// follow age (71 child, 89 age 12–59, 77 over 60; 77 is SPEC's example).
struct Right: Sendable {
    let group: String
    let name: String
    let payer: String
    let subgroup: String
    let subgroupName: String

    static func ucs(age: Int) -> Right {
        let (sub, subName) = age < 12 ? ("71", "เด็กอายุไม่เกิน 12 ปีบริบูรณ์")
            : age < 60 ? ("89", "ช่วงอายุ 12-59 ปี") : ("77", "ผู้มีอายุเกิน 60 ปีบริบูรณ์")
        return Right(group: "UCS", name: "สิทธิหลักประกันสุขภาพแห่งชาติ", payer: "สำนักงานหลักประกันสุขภาพแห่งชาติ",
                     subgroup: sub, subgroupName: subName)
    }
    static let socialSecurity = Right(group: "SSS", name: "สิทธิประกันสังคม", payer: "สำนักงานประกันสังคม", subgroup: "", subgroupName: "")
    static let civilServant = Right(group: "OFC", name: "สิทธิข้าราชการ", payer: "กรมบัญชีกลาง", subgroup: "", subgroupName: "")
}
