import Foundation
import PHRClient
import PHRModel
import PHRStore
import PHRWire

/// Why a sync stopped before the end (partial failures of single Actions are reported in
/// ``SyncSummary/failures`` instead).
public enum SyncError: Error, Sendable {
    /// The server refused the credential (expired, locked, other citizen) or could not be
    /// reached at all: nothing more can be fetched now.
    case client(ClientError)
    /// The store could not be written (disk full, damaged), or it belongs to another citizen
    /// (``StoreError/otherCitizen(owner:given:)``); the last batch was rolled back.
    case store(StoreError)
    /// The server answered `action` with rows about another citizen than `asked`. Nothing of
    /// that answer was stored (nor anything else of a list answer set).
    case otherCitizen(asked: CitizenID, action: String)
}

/// What to sync and how.
public struct SyncOptions: Sendable {
    /// Kinds to fetch; the person summary is always refreshed.
    public var kinds: Set<RecordKind>
    /// Requests in flight at once.
    public var concurrency: Int
    /// Ignore ETags and per-visit markers: fetch everything again.
    public var full: Bool
    /// Visits whose details are stored in one transaction.
    public var batchSize: Int

    public init(kinds: Set<RecordKind> = Set(RecordKind.allCases), concurrency: Int = 8, full: Bool = false, batchSize: Int = 50) {
        self.kinds = kinds; self.concurrency = max(1, concurrency); self.full = full; self.batchSize = max(1, batchSize)
    }
}

/// One sync of a citizen's PHR into the store.
///
/// The service has no paging and no `since` (phr-api.md §5), so:
/// 1. list Actions are fetched whole, concurrently, with `If-None-Match` when the server gave
///    an ETag (a sandbox extension; without it, rows are diffed by natural key + hash);
/// 2. diagnoses, drugs and lab results come per visit (`mode=Encounter&Code=…`); a visit's Action
///    is fetched again only when its Encounter row changed, and its marker (one per visit and
///    Action) is committed in the same transaction as its rows, so an interrupted sync resumes
///    where it stopped and a kind added later (labs) fetches only what it lacks;
/// 3. the Encounter list's own ETag is stored last, only when every visit is done, under a key
///    naming the per-visit Actions it was done for.
///
/// One store holds one citizen: the store is bound to the credential's citizen (or refused if it
/// belongs to another), and every answer naming another citizen stops the sync before any of it
/// is stored.
public struct Syncer: Sendable {
    public let service: PHRService
    public let store: Store
    public let credential: Credential
    public let options: SyncOptions
    public let mapper: WireMapper

    public init(service: PHRService, store: Store, credential: Credential, options: SyncOptions = SyncOptions(),
                mapper: WireMapper = WireMapper()) {
        self.service = service; self.store = store; self.credential = credential; self.options = options; self.mapper = mapper
    }

    /// Runs the sync; `events` is called from any task (keep it cheap and thread-safe).
    public func run(events: @escaping @Sendable (SyncEvent) -> Void = { _ in }) async throws(SyncError) -> SyncSummary {
        var summary = SyncSummary()
        guard let citizen = try? CitizenID(credential.cid) else { throw .client(.wrongCitizen) }
        try storeCall { try store.claim(for: citizen) }
        let kinds = options.kinds
        let perVisit = Self.perVisitActions(kinds)
        // The Encounter list's ETag stands for "every visit done" of these per-visit Actions only.
        func stateKey(_ req: ActionRequest) -> String {
            req.action == .encounter ? req.label + "|" + perVisit.map(\.rawValue).joined(separator: "+") : req.label
        }
        let lists = Self.listRequests(kinds)
        events(.planned(steps: lists.count))

        // Phase 1: list Actions.
        let previous = try storeCall { try store.read { r in try Dictionary(uniqueKeysWithValues: lists.map { ($0.label, try r.syncState(stateKey($0))) }) } }
        var fetched: [ActionRequest: ActionReply] = [:]
        // The hash of each answer's `result` text, and the bodies found unchanged by it.
        var resultHashes: [ActionRequest: Int64] = [:]
        var unchangedBodies: [ActionRequest: Data] = [:]
        var done = 0
        let results = try await fetchAll(lists.map { req in (req, options.full ? nil : previous[req.label]??.etag) })
        for (req, outcome) in results {
            done += 1
            events(.progress(done: done, total: lists.count, action: req.label))
            switch outcome {
            case .success(var reply):
                // Without an ETag (the real service), a `result` that reads byte for byte as the
                // last one stored is unchanged as surely as a 304 says so: not parsed again.
                if let body = reply.body, let text = Envelope.resultText(of: body) {
                    let hash = Coding.hash(text)
                    resultHashes[req] = hash
                    if !options.full, previous[req.label]??.hash == hash { unchangedBodies[req] = body; reply.body = nil }
                }
                fetched[req] = reply
            case .failure(let error): summary.failures.append((req.label, Self.describe(error)))
            }
        }
        /// The state to store for a list answer once its records are stored (a 304 keeps the last hash).
        func state(_ req: ActionRequest) -> SyncState {
            SyncState(etag: fetched[req]?.etag, hash: resultHashes[req] ?? previous[req.label]??.hash)
        }
        summary.requests += lists.count

        // The person is made of three answers: when one changed, those found unchanged by their
        // hash are read again too (their bodies are at hand).
        let personReqs = [ActionRequest(.patientSummary), ActionRequest(.address), ActionRequest(.telecom)]
        if personReqs.contains(where: { fetched[$0]?.body != nil }) {
            for req in personReqs { if let body = unchangedBodies[req] { fetched[req]?.body = body } }
        }
        // Vitals need the Encounter rows for provenance: refetch them if only VitalSign changed.
        let encounterReq = ActionRequest(.encounter)
        if kinds.contains(.vitals), fetched[ActionRequest(.vitalSign)]?.body != nil, let e = fetched[encounterReq], e.body == nil {
            if let kept = unchangedBodies[encounterReq] { fetched[encounterReq]?.body = kept } else {
                fetched[encounterReq] = try await fetchOne(encounterReq, etag: nil, summary: &summary)
            }
        }

        // Every answer is read once and must be about this citizen before anything is stored.
        let summaryReq = ActionRequest(.patientSummary)
        var parsed: [ActionRequest: Result<[WireRow], WireError>] = [:]
        for (req, reply) in fetched {
            guard let body = reply.body else { continue }
            do throws(WireError) {
                let envelope = try Envelope(data: body)
                parsed[req] = .success(req == summaryReq ? [try envelope.object(of: req)] : try envelope.rows(of: req))
            } catch {
                parsed[req] = .failure(error)
            }
        }
        let answers = parsed
        try Self.requireCitizen(citizen, in: answers.compactMapValues { try? $0.get() })
        func rows(_ req: ActionRequest) throws(WireError) -> [WireRow] { try answers[req]?.get() ?? [] }

        // Person.
        if let patient = try? rows(summaryReq).first {
            do {
                let person = try mapper.person(summary: patient, addresses: try rows(ActionRequest(.address)),
                                               telecoms: try rows(ActionRequest(.telecom)))
                summary.personUpdated = try storeCall { try store.write { w in
                    let changed = try w.savePerson(person)
                    for req in [summaryReq, ActionRequest(.address), ActionRequest(.telecom)] {
                        try w.setSyncState(req.label, state(req))
                    }
                    return changed
                } }
            } catch let error as WireError {
                summary.failures.append((summaryReq.label, error.description))
            } catch let error as SyncError {
                throw error
            } catch {
                summary.failures.append((summaryReq.label, "\(error)"))
            }
        } else if case .failure(let error)? = answers[summaryReq] {
            summary.failures.append((summaryReq.label, error.description))
        }

        // Encounter rows (kept unparsed-by-model for vitals provenance and the visit phase).
        var encounterRows: [WireRow] = []
        do { encounterRows = try rows(encounterReq) } catch {
            summary.failures.append((encounterReq.label, error.description))
        }

        // Other list Actions → records.
        try store(kind: .encounters, request: encounterReq, reply: nil, state: nil, summary: &summary, events: events) {
            encounterRows.compactMap(mapper.encounter)
        } when: { kinds.contains(.encounters) && fetched[encounterReq]?.body != nil }
        let vitalsReq = ActionRequest(.vitalSign), ncdReq = ActionRequest(.ncd), allergyReq = ActionRequest(.allergy)
        try store(kind: .vitals, request: vitalsReq, reply: fetched[vitalsReq], state: state(vitalsReq), summary: &summary, events: events) {
            mapper.vitals(try rows(vitalsReq), encounters: encounterRows)
        }
        try store(kind: .conditions, request: ncdReq, reply: fetched[ncdReq], state: state(ncdReq), summary: &summary, events: events) {
            try rows(ncdReq).compactMap(mapper.chronicCondition)
        }
        try store(kind: .allergies, request: allergyReq, reply: fetched[allergyReq], state: state(allergyReq), summary: &summary, events: events) {
            try rows(allergyReq).compactMap(mapper.allergy)
        }
        let vaccinesReq = ActionRequest(.immunization, mode: "Detail")
        try store(kind: .vaccines, request: vaccinesReq, reply: fetched[vaccinesReq], state: state(vaccinesReq), summary: &summary, events: events) {
            try rows(vaccinesReq).compactMap(mapper.immunization)
        }
        let coverageReq = ActionRequest(.coverage, mode: "Detail")
        try store(kind: .coverage, request: coverageReq, reply: fetched[coverageReq], state: state(coverageReq), summary: &summary, events: events) {
            try rows(coverageReq).compactMap(mapper.coverage)
        }

        // Phase 2: diagnoses, drugs and lab results per visit.
        var visitsComplete = true
        if !perVisit.isEmpty, fetched[encounterReq]?.body != nil {
            visitsComplete = try await syncVisits(encounterRows, actions: perVisit, citizen: citizen, summary: &summary, events: events)
        }
        if let reply = fetched[encounterReq], reply.body != nil, visitsComplete, !summary.failures.contains(where: { $0.action == encounterReq.label }) {
            try storeCall { try store.write { w in try w.setSyncState(stateKey(encounterReq), state(encounterReq)) } }
        }

        // The service's per-test totals against the results stored (only when they changed).
        let totalsReq = ActionRequest(.observation)
        if kinds.contains(.labs), fetched[totalsReq]?.body != nil {
            switch answers[totalsReq] {
            case .success(let rows)?:
                let labs = try storeCall { try store.record(RecordQuery(kinds: [.labs])).labs }
                summary.labsShort = Self.shortfall(rows.compactMap(mapper.labTotal), stored: labs)
                if summary.labsShort.isEmpty, visitsComplete {
                    try storeCall { try store.write { w in try w.setSyncState(totalsReq.label, state(totalsReq)) } }
                }
            case .failure(let error)?:
                summary.failures.append((totalsReq.label, error.description))
            case nil:
                break
            }
        }
        summary.skipped += fetched.values.filter { $0.body == nil }.count
        // Kinds the server reported unchanged (ETag) count their stored records as unchanged.
        let untouched = kinds.filter { summary.counts[$0] == nil }
        if !untouched.isEmpty {
            let stored = try storeCall { try store.read { try $0.counts() } }
            for kind in untouched { summary.counts[kind] = UpsertCounts(unchanged: stored[kind] ?? 0) }
        }
        return summary
    }

    // MARK: The plan

    /// The list Actions a sync of `kinds` fetches in phase 1 (the person's three always).
    public static func listRequests(_ kinds: Set<RecordKind>) -> [ActionRequest] {
        var lists: [ActionRequest] = [ActionRequest(.patientSummary), ActionRequest(.address), ActionRequest(.telecom)]
        if !kinds.isDisjoint(with: [.encounters, .vitals, .conditions, .meds, .labs]) { lists.append(ActionRequest(.encounter)) }
        if kinds.contains(.vitals) { lists.append(ActionRequest(.vitalSign)) }
        if kinds.contains(.conditions) { lists.append(ActionRequest(.ncd)) }
        if kinds.contains(.allergies) { lists.append(ActionRequest(.allergy)) }
        if kinds.contains(.vaccines) { lists.append(ActionRequest(.immunization, mode: "Detail")) }
        if kinds.contains(.coverage) { lists.append(ActionRequest(.coverage, mode: "Detail")) }
        if kinds.contains(.labs) { lists.append(ActionRequest(.observation)) }
        return lists
    }

    /// The Actions a sync of `kinds` fetches per visit in phase 2, one after another per visit.
    public static func perVisitActions(_ kinds: Set<RecordKind>) -> [Action] {
        (kinds.contains(.conditions) ? [.condition] : []) + (kinds.contains(.meds) ? [.medication] : [])
            + (kinds.contains(.labs) ? [.observation] : [])
    }

    // MARK: Phase 2

    private struct VisitResult: Sendable {
        var ref: String
        var hash: Int64
        /// The Actions fetched (their rows are below); the visit's others failed or were done before.
        var completed: [Action] = []
        var conditions: [Condition] = []
        var medications: [Medication] = []
        var labs: [LabResult] = []
        var failure: (action: String, reason: String)?
    }

    /// Fetches, for every new or changed visit, the per-visit Actions not done for it yet;
    /// returns whether all succeeded.
    private func syncVisits(_ rows: [WireRow], actions: [Action], citizen: CitizenID, summary: inout SyncSummary,
                            events: @escaping @Sendable (SyncEvent) -> Void) async throws(SyncError) -> Bool {
        let marked = options.full ? [:] : try storeCall { try store.read { Self.visitMarkers(try $0.syncStates(prefix: Self.markerPrefix)) } }
        var todo: [(ref: String, hash: Int64, actions: [Action])] = []
        for row in rows {
            guard let ref = row.nonEmpty("encounter_ref_code") else { continue }
            let hash = Self.rowHash(row)
            let missing = actions.filter { marked[$0.rawValue]?[ref] != hash }
            if !missing.isEmpty { todo.append((ref, hash, missing)) }
        }
        summary.skipped += rows.count - todo.count
        guard !todo.isEmpty else { return true }
        events(.planned(steps: todo.count))

        let service = self.service, credential = self.credential, mapper = self.mapper
        var pending: [VisitResult] = []
        var done = 0
        var allOK = true
        var counts: [RecordKind: UpsertCounts] = [:]
        do {
            try await withThrowingTaskGroup(of: VisitResult.self) { group in
                var next = 0
                func launch() {
                    let (ref, hash, visitActions) = todo[next]
                    next += 1
                    group.addTask {
                        var result = VisitResult(ref: ref, hash: hash)
                        for action in visitActions {
                            let req = ActionRequest.perEncounter(action, ref)
                            do {
                                let reply = try await service.read(action: action.rawValue, query: Array(req.query.dropFirst()), as: credential)
                                let rows = try Envelope(data: reply.body ?? Data()).rows(of: req)
                                try Self.requireCitizen(citizen, in: [req: rows])
                                switch action {
                                case .condition: result.conditions = rows.compactMap { mapper.condition($0, encounter: ref) }
                                case .medication: result.medications = rows.compactMap { mapper.medication($0, encounter: ref) }
                                default: result.labs = rows.compactMap { mapper.labResult($0, encounter: ref) }
                                }
                                result.completed.append(action)
                            } catch let error as ClientError where Self.isFatal(error) {
                                throw SyncError.client(error)
                            } catch let error as SyncError {
                                throw error
                            } catch {
                                result.failure = (req.description, Self.describe(error))
                                break
                            }
                        }
                        return result
                    }
                }
                while next < min(options.concurrency, todo.count) { launch() }
                while let result = try await group.next() {
                    done += 1
                    events(.progress(done: done, total: todo.count, action: "visit \(result.ref)"))
                    if let failure = result.failure { summary.failures.append(failure); allOK = false }
                    if !result.completed.isEmpty { pending.append(result) }
                    if pending.count >= options.batchSize { try commit(&pending, counts: &counts) }
                    if next < todo.count { launch() }
                }
            }
            try commit(&pending, counts: &counts)
        } catch let error as SyncError {
            try? commit(&pending, counts: &counts)   // keep what arrived before the stop
            merge(counts, into: &summary, events: events)
            throw error
        } catch {
            try? commit(&pending, counts: &counts)   // keep, and count, what arrived before the stop
            merge(counts, into: &summary, events: events)
            throw .client(.unreachable("interrupted"))
        }
        summary.requests += todo.reduce(0) { $0 + $1.actions.count }
        merge(counts, into: &summary, events: events)
        return allOK
    }

    private func merge(_ counts: [RecordKind: UpsertCounts], into summary: inout SyncSummary, events: (SyncEvent) -> Void) {
        for (kind, c) in counts.sorted(by: { $0.key < $1.key }) {
            summary.counts[kind, default: UpsertCounts()] += c
            events(.stored(kind, summary.counts[kind]!))
        }
    }

    /// Stores a batch of visits and their markers in one transaction.
    private func commit(_ pending: inout [VisitResult], counts: inout [RecordKind: UpsertCounts]) throws(SyncError) {
        guard !pending.isEmpty else { return }
        let batch = pending
        let (c, m, l) = try storeCall { try store.write { w in
            let c = try w.upsert(batch.flatMap(\.conditions))
            let m = try w.upsert(batch.flatMap(\.medications))
            let l = try w.upsert(batch.flatMap(\.labs))
            for v in batch {
                for action in v.completed { try w.setSyncState(Self.markerPrefix + action.rawValue + ":" + v.ref, SyncState(hash: v.hash)) }
            }
            return (c, m, l)
        } }
        let done = Set(batch.flatMap(\.completed))
        if done.contains(.condition) { counts[.conditions, default: UpsertCounts()] += c }
        if done.contains(.medication) { counts[.meds, default: UpsertCounts()] += m }
        if done.contains(.observation) { counts[.labs, default: UpsertCounts()] += l }
        pending.removeAll(keepingCapacity: true)
    }

    static let markerPrefix = "visit:"

    /// The hash each visit's Encounter row had when each per-visit Action was done for it, by
    /// Action name and visit: from the markers `visit:<Action>:<hcode:vn>`, and the earlier
    /// `visit:Condition+Medication:<hcode:vn>` that count for each Action they name.
    static func visitMarkers(_ states: [String: SyncState]) -> [String: [String: Int64]] {
        var out: [String: [String: Int64]] = [:]
        for (key, state) in states {
            guard let hash = state.hash else { continue }
            let parts = key.dropFirst(markerPrefix.count).split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            for action in parts[0].split(separator: "+") { out[String(action), default: [:]][String(parts[1])] = hash }
        }
        return out
    }

    /// The tests of the service's per-test totals (`Observation`) of which fewer numeric results
    /// (by the lab's name and the unit as sent) are stored than it counts.
    static func shortfall(_ totals: [LabTotal], stored: [LabResult]) -> [(total: LabTotal, stored: Int)] {
        var counts: [String: Int] = [:]
        for r in stored where r.value != nil { counts[r.name + "|" + (r.unit ?? ""), default: 0] += 1 }
        return totals.compactMap { t in
            let have = counts[t.name + "|" + t.unit] ?? 0
            return have < t.count ? (t, have) : nil
        }
    }

    // MARK: Helpers

    private enum Outcome: Sendable {
        case success(ActionReply)
        case failure(ClientError)
    }

    /// Fetches list Actions concurrently. Fatal client errors (expired, locked, other citizen,
    /// unreachable) stop the whole sync.
    private func fetchAll(_ requests: [(ActionRequest, String?)]) async throws(SyncError) -> [(ActionRequest, Outcome)] {
        let service = self.service, credential = self.credential
        do {
            return try await withThrowingTaskGroup(of: (ActionRequest, Outcome).self) { group in
                for (req, etag) in requests {
                    group.addTask {
                        do throws(ClientError) {
                            return (req, .success(try await service.read(action: req.action.rawValue, query: Array(req.query.dropFirst()),
                                                                         as: credential, etag: etag)))
                        } catch {
                            if Self.isFatal(error) { throw SyncError.client(error) }
                            return (req, .failure(error))
                        }
                    }
                }
                var out: [(ActionRequest, Outcome)] = []
                for try await r in group { out.append(r) }
                return out.sorted { $0.0.label < $1.0.label }
            }
        } catch let error as SyncError {
            throw error
        } catch {
            throw .client(.unreachable("interrupted"))
        }
    }

    private func fetchOne(_ req: ActionRequest, etag: String?, summary: inout SyncSummary) async throws(SyncError) -> ActionReply? {
        summary.requests += 1
        do throws(ClientError) {
            return try await service.read(action: req.action.rawValue, query: Array(req.query.dropFirst()), as: credential, etag: etag)
        } catch {
            if Self.isFatal(error) { throw .client(error) }
            summary.failures.append((req.label, Self.describe(error)))
            return nil
        }
    }

    /// Maps and stores one list Action's records with its sync state (`state`, for an answer
    /// `reply`), in one transaction.
    private func store<R: HealthRecordItem>(kind: RecordKind, request: ActionRequest, reply: ActionReply?, state: SyncState?,
                                            summary: inout SyncSummary,
                                            events: (SyncEvent) -> Void, map: () throws -> [R],
                                            when: () -> Bool = { true }) throws(SyncError) {
        guard options.kinds.contains(kind), when() else { return }
        let hasBody = reply == nil || reply?.body != nil
        guard hasBody else { return }
        let records: [R]
        do { records = try map() } catch let error as WireError {
            summary.failures.append((request.label, error.description)); return
        } catch {
            summary.failures.append((request.label, "\(error)")); return
        }
        let counts = try storeCall { try store.write { w in
            let c = try w.upsert(records)
            if let state { try w.setSyncState(request.label, state) }
            return c
        } }
        summary.counts[kind, default: UpsertCounts()] += counts
        events(.stored(kind, summary.counts[kind]!))
    }

    /// Throws ``SyncError/otherCitizen(asked:action:)`` when a row of an answer names another
    /// citizen than `citizen` (or a citizen ID that cannot be read).
    static func requireCitizen(_ citizen: CitizenID, in answers: [ActionRequest: [WireRow]]) throws(SyncError) {
        for (req, rows) in answers.sorted(by: { $0.key.description < $1.key.description }) {
            // The common case, the citizen's 13 digits as such, needs no parsing.
            if rows.contains(where: { $0.citizenIDs.contains { $0 != citizen.digits && (try? CitizenID($0)) != citizen } }) {
                throw .otherCitizen(asked: citizen, action: req.label)
            }
        }
    }

    private func storeCall<T>(_ body: () throws -> T) throws(SyncError) -> T {
        do { return try body() } catch let error as StoreError { throw .store(error) } catch { throw .store(.io("\(error)")) }
    }

    /// Errors after which no other request can succeed now.
    static func isFatal(_ error: ClientError) -> Bool {
        switch error {
        case .sessionExpired, .lockedOut, .wrongCitizen, .invalidToken, .unreachable: return true
        default: return false
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let e as ClientError:
            switch e {
            case .gaveUp(let attempts, let last): return "\(last) after \(attempts) tries"
            case .refused(let status, _, let message): return "refused (\(status)): \(message.prefix(80))"
            case .unsuccessful(let code, let message): return "HTTP 200 but MessageCode \(code): \(message.prefix(80))"
            case .malformedResponse(let what): return "unreadable answer (\(what.prefix(80)))"
            case .responseTooLarge(let limit): return "answer larger than \(limit >> 20) MB"
            case .consentRefused(let reason, let message, _): return "consent \(reason.rawValue): \(message.prefix(80))"
            default: return "\(e)"
            }
        case let e as WireError: return e.description
        default: return "\(error)"
        }
    }

    /// A content hash of a wire row (keys sorted), to notice a changed visit.
    static func rowHash(_ row: WireRow) -> Int64 {
        Coding.hash(CanonicalJSON.data(row.fields))
    }
}
