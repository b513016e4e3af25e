import Foundation
import PHRModel
import PHRWire

extension CitizenRecord {
    /// Generates a citizen's record in the real wire shapes (phr-api.md §4; shapes the
    /// ministry does not document are defined in docs/sandbox.md).
    init(profile p: CitizenProfile) {
        var rng = SplitMix64(seed: p.recordSeed)
        let cid = p.cid.digits
        let visits: Int
        let medsPerVisit: ClosedRange<Int>
        switch p.kind {
        case .adult: visits = 36; medsPerVisit = 0...4
        case .child: visits = 4; medsPerVisit = 0...2
        case .heavy: visits = 2300; medsPerVisit = 6...12
        }
        let units = p.kind == .heavy ? Records.units : Array(Records.units.prefix(2))
        let chronic = p.kind == .heavy ? Records.chronic : (p.kind == .adult ? [Records.chronic[0]] : [])
        let drugPool = p.kind == .child ? [Records.drugs[9]] : Records.drugs

        var encounters: [[String: Any]] = []
        var vitals: [[String: Any]] = []
        var coverage: [[String: Any]] = []
        var conditionsByRef: [String: [[String: Any]]] = [:]
        var medsByRef: [String: [[String: Any]]] = [:]
        let right = Records.rights[p.kind == .child ? 0 : rng.below(Records.rights.count)]
        let spanDays = p.kind == .child ? 3 * 365 : 10 * 365
        let lastDay = Records.today.dayNumber

        // Visit days: evenly spread with jitter, oldest first, unique per unit and day.
        for i in 0..<visits {
            let day = lastDay - spanDays + (spanDays * i) / max(visits, 1) + rng.below(max(1, spanDays / max(visits, 1)))
            var when = CivilDateTime(dayNumber: min(day, lastDay))
            when.hour = 8 + rng.below(8); when.minute = rng.below(60); when.second = rng.below(60)
            let unit = units[i % units.count == 0 ? 0 : rng.below(units.count)]
            let vn = String(format: "%02d%02d%02d%04d", (when.year + 543) % 100, when.month, when.day, i % 10_000)
            let ref = "\(unit.0):\(vn)"
            var startText = Self.iso(when)
            // 1 in 150 visits: the year was converted to CE twice (2022 → 1479).
            if rng.oneIn(150) { startText = Self.iso(CivilDateTime(year: when.year - 543, month: when.month, day: when.day, hour: when.hour, minute: when.minute, second: when.second)) }
            var end = when; end.hour = min(23, (when.hour ?? 8) + 1)

            let sys = 110 + rng.below(p.kind == .heavy ? 60 : 30), dia = 65 + rng.below(30)
            let weight = p.kind == .child ? 8.0 + Double(rng.below(80)) / 10 : 55.0 + Double(rng.below(300)) / 10
            let height = p.kind == .child ? 70 + rng.below(30) : 150 + rng.below(30)
            let pulse = 60 + rng.below(40)
            let hasTemp = rng.below(3) > 0
            let temp = 36.0 + Double(rng.below(15)) / 10
            let waist = p.kind == .child ? 0 : 70 + rng.below(40)

            let dx = (chronic.isEmpty ? [] : Array(chronic.prefix(1 + rng.below(chronic.count)))).map { ($0.plain, $0.en) }
                + (rng.oneIn(4) || chronic.isEmpty ? [Records.acute[rng.below(Records.acute.count)]] : [])
            var visit: [String: Any] = [
                "cid": cid, "organization_code": unit.0, "organization_name": unit.1, "is_mark": false, "region_id": 6,
                "encounter_ref_code": ref, "period_start": startText, "period_end": Self.iso(end),
                "period_start_text": Self.thaiText(when), "period_start_ymd": when.year, "period_start_ym": 0, "period_start_y": 0,
                "status": "finished", "class_code": "AMB", "class_display": "ผู้ป่วยนอก", "priority_code": "0", "type_code": "1",
                "division_code": "01", "hn": "",
                "vital_sign_body_weight_kg": weight, "vital_sign_body_height_cm": height,
                "vital_sign_body_temp_cel": hasTemp ? temp as Any : NSNull(),
                "vital_sign_bp_systolic_mmhg": sys, "vital_sign_bp_diastolic_mmhg": dia, "vital_sign_pulse": pulse,
                "vital_sign_respiratory_rate": 16 + rng.below(6), "vital_sign_body_mass_index": NSNull(),
                "vital_sign_bps_text": "\(sys)/\(dia)",
                "encounter_cc_text": p.kind == .heavy ? "มาตามนัด ติดตามอาการ" : "ไข้ ไอ เจ็บคอ 2 วัน",
                "encounter_diagnosis_text": dx.map(\.1).joined(separator: ","), "encounter_diagnosis_icd": "",
                "condition_count": dx.count, "coverage_count": 1,
            ]
            if waist > 0 { visit["vital_sign_waist_cm"] = waist }

            var conditions: [[String: Any]] = []
            for (code, title) in dx {
                conditions.append([
                    "cid": cid, "organization_code": unit.0, "encounter_ref_code": ref,
                    "code_text": code.replacingOccurrences(of: ".", with: ""), "code_display_text": title,
                    "onset_datetime": "1970-01-01", "recorded_datetime": rng.oneIn(90) ? "" : startText,
                    "condition_key_md5": Self.md5ish(ref + code, &rng), "clinical_status_text": "Active",
                    "clinical_verification_text": "Confirmed", "clinical_severity_text": "-",
                    "clinical_category_text": "Diagnosis", "asserter_reference": "", "asserter_display": "",
                ])
            }
            var meds: [[String: Any]] = []
            let nMeds = medsPerVisit.lowerBound + rng.below(medsPerVisit.count)
            var used = Set<Int>()
            for _ in 0..<nMeds {
                let d = rng.below(drugPool.count)
                guard used.insert(d).inserted else { continue }
                let drug = drugPool[d]
                let qty = [10, 30, 60, 90][rng.below(4)]
                meds.append([
                    "cid": cid, "organization_code": unit.0, "encounter_ref_code": ref,
                    "code_text": drug.name, "code_text_md5": Self.md5ish(drug.name, &rng), "tmt_code": drug.tmt,
                    "drug_code_24": drug.d24, "statement_status": "active", "statement_category": "Outpatient",
                    "statement_effective_datetime": startText, "category": "medication",
                    "finance_qty": rng.oneIn(120) ? String(qty) as Any : qty, "finance_unit_price": 0.5,
                    "finance_total_price": Double(qty) * 0.5, "ref_md_code": "",
                    "ref_md_statement_text": drug.how, "ref_md_patient_instruction": drug.how,
                ])
            }
            visit["medication_count"] = meds.count
            visit["medication_text"] = meds.compactMap { $0["code_text"] as? String }.joined(separator: ",")
            encounters.append(visit)
            conditionsByRef[ref] = conditions
            medsByRef[ref] = meds

            let asText = rng.oneIn(40)
            func v(_ x: Any) -> Any { asText ? "\(x)" : x }
            vitals.append([
                "period_start": startText, "period_y": when.year, "period_m": when.month, "period_d": when.day,
                "vital_sign_body_weight_kg": v(weight), "vital_sign_body_height_cm": v(height),
                "vital_sign_body_temp_cel": hasTemp ? v(temp) : 0,
                "vital_sign_bp_systolic_mmhg": v(sys), "vital_sign_bp_diastolic_mmhg": v(dia),
            ])
            coverage.append([
                "cid": cid, "organization_code": unit.0, "_id": Self.md5ish("cov" + ref, &rng), "period_start": startText,
                "payer": right.2, "class_group_value": right.0, "class_group_name": right.1,
                "class_subgroup_value": right.3, "class_subgroup_name": right.1,
                "contract_main_identifier": unit.0, "contract_main_display": unit.1,
                "contract_sub_identifier": "", "contract_sub_display": "", "encounter_ref_code": ref,
                "reimbursement_amount": 200 + rng.below(1200), "paid_amount": 0,
            ])
        }

        let ncd: [[String: Any]] = chronic.enumerated().map { i, c in
            let since = CivilDateTime(year: Records.today.year - 9 + i, month: 1 + i, day: 10)
            // One chronic condition is dated with a Buddhist-Era year in a CE field.
            let text = i == 1 ? Self.isoDate(CivilDateTime(year: since.year + 543, month: since.month, day: since.day)) : Self.isoDate(since)
            return ["cid": cid, "organization_code": units[0].0, "organization_name": units[0].1,
                    "ncd_code": c.dot, "ncd_name": c.en, "ncd_name_th": c.th, "first_diagnosis_date": text,
                    "clinical_status_text": "Active", "region_id": 6]
        }
        var allergies: [[String: Any]] = []
        if p.kind != .child {
            allergies.append(["cid": cid, "organization_code": units[0].0, "organization_name": units[0].1,
                              "drug_name": p.kind == .heavy ? "AMLODIPINE" : "PENICILLIN V", "tmt_code": p.kind == .heavy ? "224906" : "230801",
                              "reaction_text": "ผื่นลมพิษ คัน", "severity_text": "Moderate", "recorded_date": "2019-03-08",
                              "encounter_ref_code": encounters.first?["encounter_ref_code"] ?? ""])
        }
        let shots = p.kind == .child ? Records.vaccines : Array(Records.vaccines.prefix(3))
        let born = p.birthDate
        let immunizations: [[String: Any]] = shots.enumerated().map { i, s in
            let given = CivilDateTime(dayNumber: min(born.dayNumber + i * 45, lastDay))
            return ["cid": cid, "organization_code": units[i % units.count].0, "organization_name": units[i % units.count].1,
                    "vaccine_code": s.0, "vaccine_name": s.1, "dose_number": s.2, "immunization_date": Self.isoDate(given),
                    "lot_number": "L\(2000 + i)", "encounter_ref_code": ""]
        }
        let summary: [String: Any] = [
            "patient": [
                "cid": cid, "RowID": Int(p.recordSeed % 100_000), "birth_date": Self.isoDate(p.birthDate), "gender": p.gender,
                "gender_text": p.gender == "F" ? "หญิง" : "ชาย", "marital_status": "M", "marital_status_name": "คู่",
                "nationality_code": "099", "nationality_name": "ไทย", "deceased_boolean": false, "deceased_date": "1970-01-01",
                "blood_group": "", "blood_group_display": "", "encounter_count": encounters.count,
                "organization_count": units.count, "observation_count": 0, "last_organization_code": units[0].0,
                "patient_name_text": p.nameTH.display, "full_name_th": p.nameTH.display,
                "allergy_intolerance_text": allergies.compactMap { $0["drug_name"] as? String }.joined(separator: ","),
                "coverage_text": right.1, "birth_date_long_text": Self.thaiText(p.birthDate, time: false),
            ] as [String: Any],
            "patient_names_th": [["cid": cid, "prefix": p.nameTH.prefix, "first_name": p.nameTH.first, "middle_name": "",
                                  "last_name": p.nameTH.last, "display_name": p.nameTH.display, "language_code": "TH"]],
            "patient_names_en": [["cid": cid, "prefix": p.nameEN.prefix, "first_name": p.nameEN.first, "middle_name": "",
                                  "last_name": p.nameEN.last, "display_name": p.nameEN.display, "language_code": "EN"]],
        ]
        let address: [[String: Any]] = units.prefix(2).map { u in
            ["cid": cid, "organization_code": u.0, "address_use": "home", "text": "99 หมู่ 4 ต.ท่าเกษม อ.เมืองสระแก้ว จ.สระแก้ว 27000",
             "line1": "99 หมู่ 4", "line2": "", "line3": "", "city": "เมืองสระแก้ว", "district": "ท่าเกษม", "state": "สระแก้ว",
             "postal_code": "27000", "country_code": "TH", "address_code": "270101", "date_start": "2015-01-01", "date_end": NSNull()]
        }
        let telecom: [[String: Any]] = [["cid": cid, "organization_code": units[0].0, "telecom_system": "phone",
                                         "telecom_use": "home", "value": "08" + String(format: "%08d", Int(p.recordSeed % 100_000_000)),
                                         "date_start": NSNull(), "date_end": NSNull()]]
        let conditionSummary = Dictionary(grouping: conditionsByRef.values.joined(), by: { $0["code_text"] as? String ?? "" })
            .sorted { $0.key < $1.key }
            .map { ["code_text": $0.key, "code_display_text": $0.value.first?["code_display_text"] ?? "", "total": $0.value.count] as [String: Any] }
        let medSummary = Dictionary(grouping: medsByRef.values.joined(), by: { $0["code_text"] as? String ?? "" })
            .sorted { $0.key < $1.key }
            .map { ["code_text": $0.key, "total": $0.value.reduce(0) { $0 + ((($1["finance_qty"] as? Int) ?? Int(($1["finance_qty"] as? String) ?? "") ?? 0)) }] as [String: Any] }
        let coverageSummary: [[String: Any]] = [["class_group_name": right.1,
                                                  "total": coverage.reduce(0.0) { $0 + Double(($1["reimbursement_amount"] as? Int) ?? 0) }]]

        results = [
            ActionRequest(.patientSummary): Self.json(summary),
            ActionRequest(.address): Self.json(address),
            ActionRequest(.telecom): Self.json(telecom),
            ActionRequest(.encounter): Self.json(encounters),
            ActionRequest(.vitalSign): Self.json(vitals),
            ActionRequest(.condition): Self.json(conditionSummary),
            ActionRequest(.medication): Self.json(medSummary),
            ActionRequest(.observation): Self.json([[String: Any]]()),
            ActionRequest(.coverage): Self.json(coverageSummary),
            ActionRequest(.coverage, mode: "Detail"): Self.json(coverage),
            ActionRequest(.immunization, mode: "Detail"): Self.json(immunizations),
            ActionRequest(.allergy): Self.json(allergies),
            ActionRequest(.ncd): Self.json(ncd),
            ActionRequest(.appointment): Self.json([[String: Any]]()),
            ActionRequest(.referral): Self.json([[String: Any]]()),
        ]
        perEncounter = [.condition: conditionsByRef.mapValues(Self.json), .medication: medsByRef.mapValues(Self.json)]
        rowCounts = ["Encounter": encounters.count, "VitalSign": vitals.count, "Coverage&mode=Detail": coverage.count,
                     "Condition&mode=Encounter": conditionsByRef.values.reduce(0) { $0 + $1.count },
                     "Medication&mode=Encounter": medsByRef.values.reduce(0) { $0 + $1.count },
                     "NCD": ncd.count, "Allergy": allergies.count, "Immunization&mode=Detail": immunizations.count]
    }

    static func json(_ value: Any) -> Data {
        CanonicalJSON.data(value)
    }

    static func iso(_ t: CivilDateTime) -> String {
        String(format: "%04d-%02d-%02dT%02d:%02d:%02d", t.year, t.month, t.day, t.hour ?? 0, t.minute ?? 0, t.second ?? 0)
    }

    static func isoDate(_ t: CivilDateTime) -> String {
        String(format: "%04d-%02d-%02d", t.year, t.month, t.day)
    }

    /// `14 พฤศจิกายน 2560 08:15`: Thai month name, Buddhist-Era year.
    static func thaiText(_ t: CivilDateTime, time: Bool = true) -> String {
        let base = "\(t.day) \(ThaiDateParser.thaiMonths[t.month - 1]) \(t.buddhistYear)"
        return time ? base + String(format: " %02d:%02d", t.hour ?? 0, t.minute ?? 0) : base
    }

    /// 32 upper-case hex digits, deterministic (the real service uses MD5 keys; only the shape matters).
    static func md5ish(_ text: String, _ rng: inout SplitMix64) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(format: "%016llX%016llX", h, rng.next())
    }
}
