import PHRModel

/// Why a person comes to a unit on a day.
enum Purpose: Sendable {
    /// A yearly check-up (blood pressure, sugar) before any chronic disease.
    case screening
    /// A chronic-clinic follow-up, "มาตามนัด".
    case chronic
    /// A haemodialysis session; `review` is the month's doctor review with blood tests and tablets.
    case dialysis(review: Bool)
    case acute(AcuteIllness)
    /// A well-child visit with the EPI shots due.
    case wellChild([Shot])
    /// Birth in hospital: the newborn's first shots.
    case newborn([Shot])
    case antenatal(week: Int, first: Bool)
    case delivery
    case postnatal
}

/// A visit the story calls for, before it happens.
struct PlannedVisit: Sendable {
    var start: CivilDateTime
    var unit: Unit
    var purpose: Purpose
}

/// The visits of a person's story, in time order: chronic follow-ups, dialysis three times a
/// week, short illnesses, the EPI schedule, pregnancies.
enum Planner {
    static func visits(for person: Person, rng: inout SplitMix64) -> [PlannedVisit] {
        let today = CivilDateTime.sandboxToday
        var plan: [PlannedVisit] = []
        func add(_ day: CivilDateTime, _ hour: ClosedRange<Int>, _ unit: Unit, _ purpose: Purpose) {
            guard day >= person.recordStart, day <= today else { return }
            plan.append(PlannedVisit(start: day.at(rng.int(hour), rng.below(60), rng.below(60)), unit: unit, purpose: purpose))
        }

        // Chronic care: monthly at first and while kidneys fail, then every two or three months.
        if let firstOnset = person.chronic.map(\.onset).min() {
            let dialysisStart = person.dialysis?.start
            var day = max(firstOnset, person.recordStart).adding(days: rng.below(10))
            var sinceDiagnosis = 0
            // A screening visit a fortnight before a diagnosis made within the record.
            if firstOnset > person.recordStart {
                var check = person.recordStart.adding(days: 30 + rng.below(60))
                while check < firstOnset.adding(days: -60) {
                    add(check, 8...10, person.homeUnit, .screening)
                    check = check.adding(days: 350 + rng.below(30))
                }
                add(firstOnset.adding(days: -14), 8...10, person.homeUnit, .screening)
                day = firstOnset
            }
            while day <= today, dialysisStart.map({ day < $0 }) ?? true {
                // The year before dialysis, a failing kidney is followed at the provincial hospital.
                let unit = dialysisStart.map { day >= $0.adding(days: -365) } == true ? Unit.sakaeo : person.homeUnit
                add(day, 7...9, unit, .chronic)
                sinceDiagnosis += 1
                let monthly = sinceDiagnosis < 3 || person.kidneyCourse != nil
                day = day.adding(days: monthly ? 28 + rng.below(7) : (person.profile.kind == .elderly ? 56 : 63 + rng.below(28)))
            }
        }

        // Haemodialysis: Monday, Wednesday, Friday (Tuesday, Thursday, Saturday while at the other unit).
        if let dialysis = person.dialysis {
            var day = dialysis.start
            var month = 0
            while day <= today {
                let moved = dialysis.moved.map { day >= $0.from && day < $0.to } ?? false
                let weekday = (day.dayNumber + 4) % 7   // 0 = Sunday (1970-01-01 was a Thursday)
                let days = moved ? [2, 4, 6] : [1, 3, 5]
                if days.contains(weekday) {
                    let review = day.year * 12 + day.month != month
                    month = day.year * 12 + day.month
                    add(day, 6...7, moved ? dialysis.moved!.unit : dialysis.unit, .dialysis(review: review))
                }
                day = day.adding(days: 1)
            }
        }

        // Children: born at the provincial hospital, then the EPI schedule at the home unit.
        let kind = person.profile.kind
        if kind == .child || kind == .infant {
            for visit in EPI.schedule(born: person.birth) {
                if visit.ageDays == 0 {
                    add(person.birth, 9...15, .sakaeo, .newborn(visit.shots))
                } else {
                    add(person.birth.adding(days: visit.ageDays + rng.below(8)), 8...10, person.homeUnit, .wellChild(visit.shots))
                }
            }
        }

        // Pregnancies: antenatal care at the home unit, delivery at the provincial hospital.
        for birth in person.births {
            let conception = birth.adding(days: -266)
            for (i, week) in [10, 16, 22, 28, 32, 36, 38].enumerated() {
                add(conception.adding(days: week * 7 - 14 + rng.below(4)), 8...10, person.homeUnit, .antenatal(week: week, first: i == 0))
            }
            add(birth, 2...20, .sakaeo, .delivery)
            add(birth.adding(days: 42 + rng.below(5)), 8...10, person.homeUnit, .postnatal)
        }

        // Short illnesses, spread over the record, mostly at the home unit.
        let age0 = max(person.recordStart, person.birth.adding(days: 60))
        let span = max(1, today.dayNumber - age0.dayNumber)
        for i in 0..<person.acuteIllnesses {
            let day = age0.adding(days: rng.below(span))
            let age = person.ageYears(on: day)
            let fitting = AcuteIllness.catalog.filter { $0.ages.contains(age) }
            // Each of the other units sees the person at least once (a relative's town, a referral).
            let unit = i < person.otherUnits.count ? person.otherUnits[i] : (rng.chance(0.8) ? person.homeUnit : rng.pick(person.otherUnits))
            add(day, 8...16, unit, .acute(rng.pick(fitting)))
        }

        plan.sort { $0.start < $1.start }
        return plan
    }
}
