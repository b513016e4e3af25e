// The floor of a full sync (issue 18, item 1): exactly the requests `phr sync` makes for every
// kind — the same list Actions (Syncer.listRequests), then per visit the same Actions one after
// another (Syncer.perVisitActions), with the same number in flight and the same client
// (PHRService over PHRClient's Transport) — with every body discarded: no store, and no parsing
// but the Encounter list's visit references, without which the per-visit requests cannot be named.
//
//   SyncFloor URL CID [JOBS]   (FLOOR_OTP and FLOOR_CLIENT_TOKEN in the environment, not argv)
// Prints one JSON line: {"requests": n, "visits": n, "seconds": s}; benchmarks/sync/run.sh
// times the whole process, as it times `phr sync`.
import Foundation
import PHRClient
import PHRModel
import PHRSync
import PHRWire

let args = CommandLine.arguments
let env = ProcessInfo.processInfo.environment
guard args.count >= 3, let otp = env["FLOOR_OTP"], let token = env["FLOOR_CLIENT_TOKEN"],
      let endpoint = try? ServerEndpoint(args[1]) else {
    FileHandle.standardError.write(Data("usage: FLOOR_OTP=… FLOOR_CLIENT_TOKEN=… SyncFloor URL CID [JOBS]\n".utf8))
    exit(64)
}
let jobs = args.count > 3 ? max(1, Int(args[3]) ?? 8) : SyncOptions().concurrency
let kinds = SyncOptions().kinds
let credential = Credential.otp(cid: args[2], otp: otp, clientToken: token)
let service = PHRService(transport: try Transport(), services: Services(phr: endpoint, account: endpoint, healthID: endpoint))

func read(_ req: ActionRequest) async throws -> ActionReply {
    try await service.read(action: req.action.rawValue, query: Array(req.query.dropFirst()), as: credential)
}

let start = DispatchTime.now().uptimeNanoseconds
// Phase 1: the lists, all at once (as Syncer.fetchAll).
let lists = Syncer.listRequests(kinds)
let encounterBody = try await withThrowingTaskGroup(of: Data?.self) { group in
    for req in lists { group.addTask { let reply = try await read(req); return req.action == .encounter ? reply.body : nil } }
    var body: Data?
    for try await b in group where b != nil { body = b }
    return body
}
let refs = try Envelope(data: encounterBody ?? Data()).rows(of: ActionRequest(.encounter)).compactMap { $0.nonEmpty("encounter_ref_code") }
// Phase 2: per visit, its Actions one after another; `jobs` visits in flight.
let perVisit = Syncer.perVisitActions(kinds)
try await withThrowingTaskGroup(of: Void.self) { group in
    var next = 0
    func launch() {
        let ref = refs[next]
        next += 1
        group.addTask { for action in perVisit { _ = try await read(.perEncounter(action, ref)) } }
    }
    while next < min(jobs, refs.count) { launch() }
    while try await group.next() != nil { if next < refs.count { launch() } }
}
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
await service.transport.shutdown()
print(#"{"requests": \#(lists.count + refs.count * perVisit.count), "visits": \#(refs.count), "seconds": \#(seconds)}"#)
