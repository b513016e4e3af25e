import PHRModel

/// One vaccine dose with its "43 แฟ้ม" (THCC) code, as in SIL-TH's terminology IG
/// (`CS_THCC_VaccineCode`, https://terms.sil-th.org/CodeSystem/cs-thcc-vaccine-code).
struct Shot: Hashable, Sendable {
    let code: String
    let name: String
    let dose: Int
}

/// The Thai Expanded Programme on Immunization as children born now receive it (DDC,
/// "กำหนดการให้วัคซีนตามแผนงานสร้างเสริมภูมิคุ้มกันโรค" 2566), with the vaccines of earlier years
/// for children born before a change; see docs/sandbox.md for the sources.
enum EPI {
    /// A visit of the schedule: the age it is due at and the shots given together.
    struct Visit: Sendable {
        let ageDays: Int
        let shots: [Shot]
    }

    /// The visits due for a child born on `birth`, with the vaccines in use at each visit's date:
    /// DTP-HB (091–093) until the pentavalent DTP-HB-Hib (D21–D23) replaced it in 2019; IPV from
    /// October 2015; rotavirus (Rotarix, R11–R12) from 2020; MMR2 at 18 months from 2020 (at 2½
    /// years before); live JE (J11, J12) from 2013.
    static func schedule(born birth: CivilDateTime) -> [Visit] {
        func on(_ days: Int) -> CivilDateTime { birth.adding(days: days) }
        func since(_ days: Int, _ y: Int, _ m: Int = 1) -> Bool { on(days) >= CivilDateTime(year: y, month: m, day: 1) }
        func pentavalent(_ dose: Int, _ days: Int) -> Shot {
            since(days, 2019, 6) ? Shot(code: "D2\(dose)", name: "DTP-HB-Hib \(dose)", dose: dose)
                : Shot(code: "09\(dose)", name: "DTPHB \(dose)", dose: dose)
        }
        func opv(_ dose: Int) -> Shot { Shot(code: "08\(dose)", name: "OPV\(dose)", dose: dose) }
        let mmr2Early = since(548, 2020)
        var visits: [Visit] = [
            Visit(ageDays: 0, shots: [Shot(code: "010", name: "BCG", dose: 1), Shot(code: "041", name: "HBV1", dose: 1)]),
            Visit(ageDays: 61, shots: [pentavalent(1, 61), opv(1)] + (since(61, 2020) ? [Shot(code: "R11", name: "RV2-1", dose: 1)] : [])),
            Visit(ageDays: 122, shots: [pentavalent(2, 122), opv(2)] + (since(122, 2015, 10) ? [Shot(code: "401", name: "IPV-P", dose: 1)] : [])
                    + (since(61, 2020) ? [Shot(code: "R12", name: "RV2-2", dose: 2)] : [])),
            Visit(ageDays: 183, shots: [pentavalent(3, 183), opv(3)]),
            Visit(ageDays: 274, shots: [Shot(code: "061", name: "MMR1", dose: 1)]),
            Visit(ageDays: 365, shots: [since(365, 2013) ? Shot(code: "J11", name: "LAJE1", dose: 1) : Shot(code: "051", name: "JE1", dose: 1)]),
            Visit(ageDays: 548, shots: [Shot(code: "034", name: "DTP4", dose: 4), opv(4)]
                    + (mmr2Early ? [Shot(code: "073", name: "MMR2", dose: 2)] : [])),
            Visit(ageDays: 913, shots: [since(365, 2013) ? Shot(code: "J12", name: "LAJE2", dose: 2) : Shot(code: "052", name: "JE2", dose: 2)]
                    + (mmr2Early ? [] : [Shot(code: "073", name: "MMR2", dose: 2)])),
            Visit(ageDays: 1461, shots: [Shot(code: "035", name: "DTP5", dose: 5), opv(5)]),
        ]
        visits.removeAll { $0.shots.isEmpty }
        return visits
    }

    /// Adults' COVID-19 doses of 2021–2022 (a common Thai course: Sinovac then AstraZeneca, or two
    /// AstraZeneca; a Pfizer booster; mRNA for pregnant women), as THCC codes.
    static func covidCourse(born: CivilDateTime, pregnantIn2021: Bool, rng: inout SplitMix64) -> [(CivilDateTime, Shot)] {
        let elderly = born.years(on: CivilDateTime(year: 2021, month: 6, day: 1)) >= 60
        let first = CivilDateTime(year: 2021, month: elderly ? 6 : 7, day: 1).adding(days: rng.below(40))
        if pregnantIn2021 {
            let d1 = CivilDateTime(year: 2021, month: 9, day: 1).adding(days: rng.below(20))
            return [(d1, Shot(code: "CP1", name: "Covid-19 (Pfizer)", dose: 1)),
                    (d1.adding(days: 21 + rng.below(7)), Shot(code: "CP2", name: "Covid-19 (Pfizer)", dose: 2)),
                    (CivilDateTime(year: 2022, month: 3, day: 1).adding(days: rng.below(50)), Shot(code: "CP3", name: "Covid-19 (Pfizer)", dose: 3))]
        }
        var doses: [(CivilDateTime, Shot)]
        if elderly || rng.chance(0.4) {
            doses = [(first, Shot(code: "CA1", name: "Covid-19 (AstraZeneca)", dose: 1)),
                     (first.adding(days: 70 + rng.below(14)), Shot(code: "CA2", name: "Covid-19 (AstraZeneca)", dose: 2))]
        } else {
            doses = [(first, Shot(code: "CS1", name: "Covid-19 (Sinovac)", dose: 1)),
                     (first.adding(days: 21 + rng.below(14)), Shot(code: "CA2", name: "Covid-19 (AstraZeneca)", dose: 2))]
        }
        let booster = doses[1].0.adding(days: 100 + rng.below(60))
        doses.append((booster, Shot(code: "CP3", name: "Covid-19 (Pfizer)", dose: 3)))
        if rng.chance(0.5) {
            doses.append((booster.adding(days: 150 + rng.below(60)), Shot(code: "CM4", name: "Covid-19 (Moderna)", dose: 4)))
        }
        return doses
    }

    /// The yearly influenza vaccine given to people over 65 and to the chronically ill before the rainy season.
    static let influenza = Shot(code: "815", name: "Flu", dose: 1)
    /// The diphtheria–tetanus booster adults and pregnant women receive.
    static let dT = Shot(code: "106", name: "dT", dose: 1)
}
