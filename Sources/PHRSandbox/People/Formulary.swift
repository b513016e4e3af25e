/// The drugs units dispense in the synthetic records, as a Thai hospital's drug list names them
/// (`code_text` is the unit's local name, SPEC.md's style "MFM_METFORMIN 500 mg.").
///
/// TMT and 24-digit codes are illustrative values in the real formats (sandbox extensions,
/// docs/sandbox.md); prices are in baht per unit.
struct Drug: Hashable, Sendable {
    let name: String
    /// The drug family an allergy to it extends to (a penicillin allergy forbids amoxicillin).
    let family: Family
    let tmt: String
    let form: Form
    /// Units per day for regular use (0 for "when needed" and single doses).
    let perDay: Double
    let price: Double
    /// The sig code as HIS print it, and the patient's instruction (Thai).
    let sig: String
    let instruction: String

    enum Form: Sendable { case tablet, capsule, syrup, sachet, cream, injection, infusion }

    enum Family: String, Sendable {
        case penicillin, macrolide, dihydropyridine, aceInhibitor, angiotensinBlocker, thiazide, vasodilator, alphaBlocker
        case biguanide, sulfonylurea, insulin, statin, nsaid, paracetamol, antihistamine, protonPump, antacid
        case rehydration, muscleRelaxant, antivertigo, antiemetic, corticosteroid, phosphateBinder, alkali, vitamin
        case iron, erythropoietin, anticoagulant, fluid, bisphosphonate
    }

    /// The 24-digit drug code (illustrative, derived from the TMT code).
    var code24: String { "10101010" + String(repeating: "0", count: 10) + tmt }

    /// Whether this is a children's form (syrup, sachet) given by volume or sachet.
    var isPaediatricForm: Bool { form == .syrup }

    /// The same product at another daily dose (two tablets twice a day …).
    func dosed(perDay: Double, sig: String, instruction: String) -> Drug {
        Drug(name: name, family: family, tmt: tmt, form: form, perDay: perDay, price: price, sig: sig, instruction: instruction)
    }
}

enum Formulary {
    typealias D = Drug
    private static let tabletBID = "รับประทานครั้งละ 1 เม็ด วันละ 2 ครั้ง หลังอาหาร เช้า เย็น"
    private static let tabletOD = "รับประทานครั้งละ 1 เม็ด วันละ 1 ครั้ง หลังอาหารเช้า"

    // Hypertension
    static let amlodipine5 = D(name: "AML_AMLODIPINE 5 mg.", family: .dihydropyridine, tmt: "224906", form: .tablet, perDay: 1, price: 0.3,
                               sig: "1x1pc", instruction: tabletOD)
    static let amlodipine10 = D(name: "AML_AMLODIPINE 10 mg.", family: .dihydropyridine, tmt: "224907", form: .tablet, perDay: 1, price: 0.5,
                                sig: "1x1pc", instruction: tabletOD)
    static let enalapril5 = D(name: "ENA_ENALAPRIL 5 mg.", family: .aceInhibitor, tmt: "226011", form: .tablet, perDay: 1, price: 0.2,
                              sig: "1x1pc", instruction: tabletOD)
    static let enalapril20 = D(name: "ENA_ENALAPRIL 20 mg.", family: .aceInhibitor, tmt: "226013", form: .tablet, perDay: 1, price: 0.5,
                               sig: "1x1pc", instruction: tabletOD)
    static let losartan50 = D(name: "LOS_LOSARTAN 50 mg.", family: .angiotensinBlocker, tmt: "229540", form: .tablet, perDay: 1, price: 0.8,
                              sig: "1x1pc", instruction: tabletOD)
    static let losartan100 = losartan50.dosed(perDay: 2, sig: "2x1pc", instruction: "รับประทานครั้งละ 2 เม็ด วันละ 1 ครั้ง หลังอาหารเช้า")
    static let hctz = D(name: "HCTZ_HYDROCHLOROTHIAZIDE 25 mg.", family: .thiazide, tmt: "227999", form: .tablet, perDay: 0.5, price: 0.1,
                        sig: "1/2x1pc", instruction: "รับประทานครั้งละ ครึ่งเม็ด วันละ 1 ครั้ง หลังอาหารเช้า")
    static let hydralazine = D(name: "HYDRALAZINE 25 mg.", family: .vasodilator, tmt: "227870", form: .tablet, perDay: 3, price: 0.6,
                               sig: "1x3pc", instruction: "รับประทานครั้งละ 1 เม็ด วันละ 3 ครั้ง หลังอาหาร เช้า กลางวัน เย็น")
    static let doxazosin = D(name: "DOXAZOSIN 2 mg.", family: .alphaBlocker, tmt: "225805", form: .tablet, perDay: 1, price: 0.9,
                             sig: "1xhs", instruction: "รับประทานครั้งละ 1 เม็ด ก่อนนอน")

    // Diabetes
    static let metformin = D(name: "MFM_METFORMIN 500 mg.", family: .biguanide, tmt: "211547", form: .tablet, perDay: 2, price: 0.4,
                             sig: "1x2pc", instruction: tabletBID)
    static let metforminHigh = metformin.dosed(perDay: 4, sig: "2x2pc",
                                               instruction: "รับประทานครั้งละ 2 เม็ด วันละ 2 ครั้ง หลังอาหาร เช้า เย็น")
    static let glipizide = D(name: "GPZ_GLIPIZIDE 5 mg.", family: .sulfonylurea, tmt: "227390", form: .tablet, perDay: 1, price: 0.2,
                             sig: "1x1ac", instruction: "รับประทานครั้งละ 1 เม็ด วันละ 1 ครั้ง ก่อนอาหารเช้า 30 นาที")
    static let glipizideHigh = glipizide.dosed(perDay: 2, sig: "1x2ac",
                                               instruction: "รับประทานครั้งละ 1 เม็ด วันละ 2 ครั้ง ก่อนอาหาร เช้า เย็น 30 นาที")
    static let insulinNPH = D(name: "INSULIN NPH (HUMAN) 100 IU/ml 10 ml", family: .insulin, tmt: "228471", form: .injection, perDay: 0.05, price: 150,
                              sig: "SC 12u hs", instruction: "ฉีดใต้ผิวหนัง 12 ยูนิต ก่อนนอน")

    // Lipids
    static let simvastatin20 = D(name: "SIMVASTATIN 20 mg.", family: .statin, tmt: "231563", form: .tablet, perDay: 1, price: 0.4,
                                 sig: "1xhs", instruction: "รับประทานครั้งละ 1 เม็ด ก่อนนอน")
    static let simvastatin40 = D(name: "SIMVASTATIN 40 mg.", family: .statin, tmt: "231564", form: .tablet, perDay: 1, price: 0.7,
                                 sig: "1xhs", instruction: "รับประทานครั้งละ 1 เม็ด ก่อนนอน")
    static let atorvastatin40 = D(name: "ATORVASTATIN 40 mg.", family: .statin, tmt: "214632", form: .tablet, perDay: 1, price: 1.5,
                                  sig: "1xhs", instruction: "รับประทานครั้งละ 1 เม็ด ก่อนนอน")

    // Kidneys and dialysis
    static let calciumCarbonate = D(name: "CAC_CALCIUM CARBONATE 1000 mg.", family: .phosphateBinder, tmt: "215131", form: .tablet, perDay: 3, price: 0.6,
                                    sig: "1x3c", instruction: "รับประทานครั้งละ 1 เม็ด วันละ 3 ครั้ง พร้อมอาหาร")
    static let sodiumBicarbonate = D(name: "SODIUM BICARBONATE 300 mg.", family: .alkali, tmt: "231771", form: .tablet, perDay: 6, price: 0.3,
                                     sig: "2x3pc", instruction: "รับประทานครั้งละ 2 เม็ด วันละ 3 ครั้ง หลังอาหาร")
    static let folicAcid = D(name: "FOLIC ACID 5 mg.", family: .vitamin, tmt: "226720", form: .tablet, perDay: 1, price: 0.1,
                             sig: "1x1pc", instruction: tabletOD)
    static let vitaminB = D(name: "VITAMIN B COMPLEX", family: .vitamin, tmt: "233420", form: .tablet, perDay: 1, price: 0.2,
                            sig: "1x1pc", instruction: tabletOD)
    static let ferrous = D(name: "FBC_FERROUS FUMARATE 200 mg.", family: .iron, tmt: "226697", form: .tablet, perDay: 1, price: 0.3,
                           sig: "1x1pc", instruction: tabletOD)
    static let epoetin = D(name: "EPOETIN ALFA 4000 IU inj.", family: .erythropoietin, tmt: "226140", form: .injection, perDay: 0, price: 420,
                           sig: "SC 4000u", instruction: "ฉีดใต้ผิวหนัง 4000 ยูนิต หลังฟอกเลือด")
    static let ironSucrose = D(name: "IRON SUCROSE 100 mg/5 ml inj.", family: .iron, tmt: "228601", form: .injection, perDay: 0, price: 180,
                               sig: "IV 100mg", instruction: "หยดเข้าหลอดเลือดดำ ระหว่างฟอกเลือด")
    static let heparin = D(name: "HEPARIN 5000 IU/ml 5 ml inj.", family: .anticoagulant, tmt: "227640", form: .injection, perDay: 0, price: 95,
                           sig: "IV HD", instruction: "ใช้ระหว่างฟอกเลือด")
    static let saline = D(name: "NSS 0.9% 1000 ml", family: .fluid, tmt: "231640", form: .infusion, perDay: 0, price: 38,
                          sig: "IV HD", instruction: "ใช้ระหว่างฟอกเลือด")

    // Older age
    static let paracetamol = D(name: "PAR_PARACETAMOL 500 mg.", family: .paracetamol, tmt: "230355", form: .tablet, perDay: 0, price: 0.25,
                               sig: "1-2 prn q4-6h", instruction: "รับประทานครั้งละ 1-2 เม็ด เวลาปวดหรือมีไข้ ห่างกัน 4-6 ชั่วโมง")
    static let alendronate = D(name: "ALENDRONATE 70 mg.", family: .bisphosphonate, tmt: "211210", form: .tablet, perDay: 1.0 / 7, price: 12,
                               sig: "1x1/wk ac", instruction: "รับประทานครั้งละ 1 เม็ด สัปดาห์ละ 1 ครั้ง ตอนเช้าก่อนอาหาร ดื่มน้ำตามมากๆ")
    static let calciumVitD = D(name: "CALCIUM CARBONATE 1250 mg. + VIT D", family: .vitamin, tmt: "215140", form: .tablet, perDay: 1, price: 1.2,
                               sig: "1x1pc", instruction: tabletOD)

    // Pregnancy
    static let triferdine = D(name: "TRIFERDINE 150", family: .iron, tmt: "232910", form: .tablet, perDay: 1, price: 0.6,
                              sig: "1x1pc", instruction: tabletOD)

    // Acute illness, adult forms
    static let cpm = D(name: "CPM_CHLORPHENIRAMINE 4 mg.", family: .antihistamine, tmt: "215750", form: .tablet, perDay: 3, price: 0.1,
                       sig: "1x3pc", instruction: "รับประทานครั้งละ 1 เม็ด วันละ 3 ครั้ง หลังอาหาร อาจทำให้ง่วง")
    static let amoxicillin = D(name: "AMOXICILLIN 500 mg.", family: .penicillin, tmt: "211790", form: .capsule, perDay: 3, price: 1.0,
                               sig: "1x3pc", instruction: "รับประทานครั้งละ 1 แคปซูล วันละ 3 ครั้ง หลังอาหาร จนหมด")
    static let roxithromycin = D(name: "ROXITHROMYCIN 150 mg.", family: .macrolide, tmt: "231250", form: .tablet, perDay: 2, price: 2.0,
                                 sig: "1x2ac", instruction: "รับประทานครั้งละ 1 เม็ด วันละ 2 ครั้ง ก่อนอาหาร เช้า เย็น จนหมด")
    static let omeprazole = D(name: "OME_OMEPRAZOLE 20 mg.", family: .protonPump, tmt: "230077", form: .capsule, perDay: 1, price: 0.5,
                              sig: "1x1ac", instruction: "รับประทานครั้งละ 1 แคปซูล ก่อนอาหารเช้า 30 นาที")
    static let antacid = D(name: "ALUMINIUM HYDROXIDE + MAGNESIUM HYDROXIDE susp. 240 ml", family: .antacid, tmt: "211390", form: .syrup, perDay: 0,
                           price: 25, sig: "15ml pc hs", instruction: "รับประทานครั้งละ 1 ช้อนโต๊ะ หลังอาหารและก่อนนอน เขย่าขวดก่อนใช้")
    static let ors = D(name: "ORS (ผงน้ำตาลเกลือแร่)", family: .rehydration, tmt: "230230", form: .sachet, perDay: 0, price: 2,
                       sig: "1 ซอง ละลายน้ำ", instruction: "ละลายผง 1 ซองในน้ำสุก 1 แก้ว จิบบ่อยๆ แทนน้ำ")
    static let ibuprofen = D(name: "IBUPROFEN 400 mg.", family: .nsaid, tmt: "227990", form: .tablet, perDay: 3, price: 0.5,
                             sig: "1x3pc", instruction: "รับประทานครั้งละ 1 เม็ด วันละ 3 ครั้ง หลังอาหารทันที")
    static let tolperisone = D(name: "TOLPERISONE 50 mg.", family: .muscleRelaxant, tmt: "233010", form: .tablet, perDay: 3, price: 1.0,
                               sig: "1x3pc", instruction: "รับประทานครั้งละ 1 เม็ด วันละ 3 ครั้ง หลังอาหาร")
    static let betahistine = D(name: "BETAHISTINE MESILATE 6 mg.", family: .antivertigo, tmt: "213770", form: .tablet, perDay: 3, price: 1.0,
                               sig: "13pt(1เม็ด*3pc)", instruction: "รับประทานครั้งละ  1  เม็ด\r\nวันละ  3  ครั้ง   หลังอาหาร\r\nเช้า     กลางวัน     เย็น")
    static let dimenhydrinate = D(name: "DIMENHYDRINATE 50 mg.", family: .antiemetic, tmt: "225520", form: .tablet, perDay: 3, price: 0.5,
                                  sig: "13pt(1เม็ด*3pc)", instruction: "รับประทานครั้งละ  1  เม็ด\r\nวันละ  3  ครั้ง   หลังอาหาร\r\nเช้า     กลางวัน     เย็น")
    static let triamcinolone = D(name: "TA CREAM 0.1% 5 g", family: .corticosteroid, tmt: "233150", form: .cream, perDay: 0, price: 10,
                                 sig: "apply bid", instruction: "ทาบางๆ บริเวณที่เป็นผื่น วันละ 2 ครั้ง")

    // Acute illness, children's forms
    static let paracetamolSyrup = D(name: "PARACETAMOL SYR. 120 mg/5 ml 60 ml", family: .paracetamol, tmt: "230360", form: .syrup, perDay: 0, price: 8,
                                    sig: "prn q4-6h", instruction: "รับประทานตามขนาดที่แพทย์สั่ง เวลามีไข้ ห่างกัน 4-6 ชั่วโมง")
    static let cpmSyrup = D(name: "CPM SYR. 2 mg/5 ml 60 ml", family: .antihistamine, tmt: "215760", form: .syrup, perDay: 0, price: 6,
                            sig: "tid pc", instruction: "รับประทานวันละ 3 ครั้ง หลังอาหาร ตามขนาดที่แพทย์สั่ง")
    static let amoxicillinSyrup = D(name: "AMOXICILLIN DRY SYR. 125 mg/5 ml 60 ml", family: .penicillin, tmt: "211800", form: .syrup, perDay: 0,
                                    price: 18, sig: "tid pc", instruction: "รับประทานวันละ 3 ครั้ง หลังอาหาร ผสมน้ำตามขีด เก็บในตู้เย็น จนหมด")
    static let erythromycinSyrup = D(name: "ERYTHROMYCIN SUSP. 125 mg/5 ml 60 ml", family: .macrolide, tmt: "226330", form: .syrup, perDay: 0,
                                     price: 30, sig: "qid ac", instruction: "รับประทานวันละ 4 ครั้ง ก่อนอาหาร จนหมด")

    /// What a drug is for in an acute illness; the prescriber picks the form and the substitute.
    enum Role: Sendable {
        case antipyretic, antihistamine, antibiotic, oralRehydration, acidSuppressant, analgesic, muscleRelaxant
        case antivertigo, antiemetic, topicalSteroid
    }

    /// The drug for a role, for this patient: a children's form under 6, an alternative when the
    /// usual choice is one they are allergic to or one their kidneys or age forbid; nil when
    /// none fits.
    static func acute(_ role: Role, age: Int, allergies: Set<Drug.Family>, eGFR: Double?) -> Drug? {
        let child = age < 6
        let candidates: [Drug]
        switch role {
        case .antipyretic: candidates = child ? [paracetamolSyrup] : [paracetamol]
        case .antihistamine: candidates = child ? [cpmSyrup] : [cpm]
        case .antibiotic: candidates = child ? [amoxicillinSyrup, erythromycinSyrup] : [amoxicillin, roxithromycin]
        case .oralRehydration: candidates = [ors]
        case .acidSuppressant: candidates = [omeprazole, antacid]
        case .analgesic:
            // No NSAID for the old or for weak kidneys.
            candidates = age >= 60 || (eGFR ?? 90) < 60 ? [paracetamol] : [ibuprofen, paracetamol]
        case .muscleRelaxant: candidates = [tolperisone]
        case .antivertigo: candidates = [betahistine]
        case .antiemetic: candidates = [dimenhydrinate]
        case .topicalSteroid: candidates = [triamcinolone]
        }
        return candidates.first { !allergies.contains($0.family) }
    }
}
