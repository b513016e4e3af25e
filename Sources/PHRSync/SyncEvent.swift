import PHRModel
import PHRStore
import PHRWire

/// What happened during a sync, for the CLI to render (PHRSync itself never prints).
public enum SyncEvent: Sendable {
    /// A phase starts with `steps` requests at most.
    case planned(steps: Int)
    /// One request of the current phase finished.
    case progress(done: Int, total: Int, action: String)
    /// A kind's records are stored; `counts` so far.
    case stored(RecordKind, UpsertCounts)
}

/// The outcome of a sync: counts per kind, and what could not be fetched.
public struct SyncSummary: Sendable {
    public var counts: [RecordKind: UpsertCounts] = [:]
    /// Whether the person summary changed.
    public var personUpdated = false
    /// Requests that failed after every retry, with the reason; their kinds are incomplete
    /// and the next `phr sync` fetches them again.
    public var failures: [(action: String, reason: String)] = []
    /// Actions answered "not modified" and visits already complete.
    public var skipped = 0
    /// Requests sent.
    public var requests = 0
    /// Tests of which the service's per-test totals count more results than are stored (they
    /// were not delivered per visit); the next `phr sync --full --kind labs` fetches them again.
    public var labsShort: [(total: LabTotal, stored: Int)] = []

    public init() {}

    /// Kinds with at least one failed request.
    public var incompleteKinds: Set<RecordKind> {
        Set(failures.flatMap { f -> [RecordKind] in
            let name = f.action.split(separator: "&").first.map(String.init) ?? f.action
            switch Action(wireName: name) {
            case .vitalSign?: return [.vitals]
            case .encounter?: return [.encounters, .vitals, .conditions, .meds, .labs]
            case .observation?: return [.labs]
            case .condition?, .ncd?: return [.conditions]
            case .medication?: return [.meds]
            case .allergy?: return [.allergies]
            case .immunization?: return [.vaccines]
            case .coverage?: return [.coverage]
            default: return []
            }
        })
    }
}
