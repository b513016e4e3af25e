/// Which medicines a person is taking now, judged from the dispensing history of the whole
/// record the way a clinician reads a refill list (docs/show-export.md, "Current medicines"):
///
/// - a **long-term** medicine is dispensed again and again at refill intervals (at two visits
///   at least, four weeks apart or more, usually within four months of each other), and is
///   current while its last dispensing is not overdue at the latest refill visit (within twice
///   its usual interval, at least 60 days); one stopped long ago (metformin at low eGFR) is not;
/// - a medicine dispensed **once, at the latest refill visit**, is shown too, apart ("new at the
///   last follow-up"), because it may have just been started;
/// - an acute course anywhere else (ORS, an antibiotic, paracetamol for a cold) is not current.
///
/// Dates are plausible dates (``HealthRecordItem/sortDate``), so a visit sent as 1479 counts as
/// 2022. Names are the hospitals' as sent: another strength is another medicine.
public struct CurrentMedicines: Sendable {
    /// A current medicine, as its newest dispensing.
    public struct Entry: Sendable, Hashable {
        public var medication: Medication
        /// Dispensed at refill intervals (false: once, at the latest refill visit).
        public var longTerm: Bool
    }

    /// How far back, from the newest dispensing, the history is read (enough for the longest
    /// refill interval to repeat).
    public static let historyDays = 400

    /// Long-term medicines first, then the ones new at the last refill visit; newest first.
    public let entries: [Entry]

    public init(_ medications: [Medication]) {
        var byName: [String: [(day: Int, medication: Medication)]] = [:]
        for m in medications {
            guard let d = m.sortDate else { continue }
            byName[m.name, default: []].append((d.dayNumber, m))
        }
        struct Drug { var name: String; var days: [Int]; var newest: Medication; var interval: Int? }
        let drugs = byName.map { name, given -> Drug in
            let days = Array(Set(given.map(\.day))).sorted()
            let newest = given.max { $0.day < $1.day }!.medication
            return Drug(name: name, days: days, newest: newest, interval: Self.refillInterval(days))
        }
        guard let lastRefill = drugs.filter({ $0.interval != nil }).compactMap(\.days.last).max() else {
            entries = []
            return
        }
        var longTerm: [Entry] = [], newAtLastVisit: [Entry] = []
        for drug in drugs {
            if let interval = drug.interval, lastRefill - drug.days.last! <= max(60, 2 * interval) {
                longTerm.append(Entry(medication: drug.newest, longTerm: true))
            } else if drug.interval == nil, drug.days.last == lastRefill {
                newAtLastVisit.append(Entry(medication: drug.newest, longTerm: false))
            }
        }
        func newestFirst(_ a: Entry, _ b: Entry) -> Bool {
            (a.medication.sortDate ?? .init(year: 1, month: 1, day: 1), a.medication.name)
                > (b.medication.sortDate ?? .init(year: 1, month: 1, day: 1), b.medication.name)
        }
        entries = longTerm.sorted(by: newestFirst) + newAtLastVisit.sorted(by: newestFirst)
    }

    /// The median days between dispensings when they look like refills (two days at least, 28
    /// days or more from first to last, median gap up to 120 days), else nil.
    static func refillInterval(_ days: [Int]) -> Int? {
        guard days.count >= 2, let first = days.first, let last = days.last, last - first >= 28 else { return nil }
        let gaps = zip(days.dropFirst(), days).map { $0 - $1 }.sorted()
        let median = gaps[gaps.count / 2]
        return median <= 120 ? median : nil
    }

    /// Every current medicine, long-term first.
    public var medications: [Medication] { entries.map(\.medication) }
}
