/// The `Encounter` rows of a record indexed by day, for joining `VitalSign` rows (which name no
/// visit) to the visit they were measured at (``WireMapper/vitals(_:encounters:)``).
struct VisitDays {
    private typealias E = EncounterRow.CodingKeys
    /// Visits by the `YYYY-MM-DD` of their `period_start` text, in start order.
    private var byDay: [Substring: [(start: String, row: WireRow)]] = [:]

    init(_ encounters: [WireRow]) {
        for row in encounters {
            guard let start = row.nonEmpty(E.periodStart), start.count >= 10 else { continue }
            byDay[start.prefix(10), default: []].append((start, row))
        }
        for day in byDay.keys { byDay[day]?.sort { $0.start < $1.start } }
    }

    /// The visit a `VitalSign` row taken at `takenAt` (its `period_start` text) belongs to.
    func visit(for vital: WireRow, at takenAt: String) -> WireRow? {
        guard takenAt.count >= 10, let visits = byDay[takenAt.prefix(10)], !visits.isEmpty else { return nil }
        if let same = visits.first(where: { $0.start == takenAt }) { return same.row }
        let agreeing = visits.filter { Self.sameMeasurements(vital, $0.row) }
        let pool = agreeing.isEmpty ? visits : agreeing
        // Same-day ISO texts of one format order as times do.
        return (pool.last { $0.start <= takenAt } ?? pool[0]).row
    }

    /// Whether the visit repeats the vital row's blood pressure and weight (at least one of them
    /// measured in both, and none different).
    static func sameMeasurements(_ vital: WireRow, _ visit: WireRow) -> Bool {
        var compared = 0
        for key in [E.vitalSignBpSystolicMmhg, E.vitalSignBpDiastolicMmhg, E.vitalSignBodyWeightKg] {
            guard let a = vital.number(key).value, a != 0, let b = visit.number(key).value, b != 0 else { continue }
            if abs(a - b) > 0.05 { return false }
            compared += 1
        }
        return compared > 0
    }
}
