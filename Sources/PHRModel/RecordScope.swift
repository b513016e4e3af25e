/// Which part of a citizen's record a view or an export shows, and which part it could show at
/// all. Views and exports use it to say so: a filter narrows the tables only (allergies,
/// chronic conditions and current medicines always come from the whole record), and a kind a
/// consent did not share reads "not shared", never "none".
public struct RecordScope: Sendable, Equatable {
    /// Only records dated on or after this day (their plausible date; undated ones are kept).
    public var since: CivilDateTime?
    /// Only records from this health unit.
    public var unit: HospitalCode?
    /// At most this many records per kind, newest first.
    public var limit: Int?
    /// Only the lab results of this test (`phr show labs --test hba1c`).
    public var test: LabTest?
    /// The kinds whose tables are shown, in order.
    public var kinds: [RecordKind]
    /// The kinds the record can hold at all: every kind for the citizen's own store, the
    /// consented kinds for a clinic reading under a consent code.
    public var shared: Set<RecordKind>

    public init(since: CivilDateTime? = nil, unit: HospitalCode? = nil, limit: Int? = nil, test: LabTest? = nil,
                kinds: [RecordKind] = RecordKind.allCases, shared: Set<RecordKind> = Set(RecordKind.allCases)) {
        self.since = since; self.unit = unit; self.limit = limit; self.test = test; self.kinds = kinds; self.shared = shared
    }

    /// The whole record, every kind.
    public static let whole = RecordScope()

    /// Whether some records of the shown kinds are left out (by date, unit or count).
    public var narrowsRecords: Bool { since != nil || unit != nil || limit != nil || (test != nil && kinds.contains(.labs)) }

    /// Whether the tables shown are fewer than every kind the record holds.
    public var narrowsKinds: Bool { !shared.isSubset(of: Set(kinds)) }

    /// Whether a view or export under this scope must say it is partial.
    public var isFiltered: Bool { narrowsRecords || narrowsKinds }
}
