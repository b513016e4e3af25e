import Foundation
import PHRClient
import PHRModel
import PHRStore
import PHRWire

/// What one pass over the outbox did.
public struct OutboxReport: Sendable, Equatable {
    /// Observations the server confirmed in this pass.
    public var sent = 0
    /// Observations the server refused (kept in the outbox with the server's reason).
    public var refused = 0
    /// Observations still waiting after this pass.
    public var pending = 0
    /// Why the pass stopped early (server unreachable, client refused …); the rest wait.
    public var stopped: ClientError?

    public init() {}
}

/// Sends the store's outbox of home observations to `POST /api/SelfObservation`, oldest first.
///
/// The order of events makes a reading safe: it is committed to the store before any send; it
/// leaves the outbox only after the server confirmed it. A crash between the two sends it again
/// with the same `observation_ref_code`, which the server keeps once (phr-api.md §8). Used by
/// `phr measure`, `phr sync` (first) and any front end that records readings.
public struct OutboxSender: Sendable {
    public let service: PHRService
    public let store: Store
    /// The client's Account Center account: uploads carry its JWT.
    public let account: ClientAccount
    /// `system_name`: the sending application and its version.
    public let system: String

    public init(service: PHRService, store: Store, account: ClientAccount, system: String) {
        self.service = service; self.store = store; self.account = account; self.system = system
    }

    /// One pass: every pending observation is tried once, until the server cannot be reached.
    public func flush() async throws(SyncError) -> OutboxReport {
        var report = OutboxReport()
        let loaded: (pending: [HomeObservation], owner: CitizenID?, person: Person?)
        do { loaded = try store.read { r in (try r.pendingObservations(), try r.owner(), try r.person()) } } catch { throw .store(error) }
        let (pending, owner, person) = loaded
        report.pending = pending.count
        guard !pending.isEmpty, let owner else { return report }
        let token: String
        do { token = try await service.clientToken(account) } catch {
            report.stopped = error
            return report
        }
        for item in pending {
            let body = SelfObservationBody(item.observation, cid: owner, person: person, system: system)
            do throws(ClientError) {
                try await service.sendSelfObservation(body, clientToken: token)
            } catch {
                try mark { try $0.markFailed(item.observation.refCode, reason: Self.reason(error)) }
                guard Self.isRefusalOfThisObservation(error) else {
                    report.stopped = error
                    return report
                }
                report.refused += 1
                continue
            }
            try mark { try $0.markSent(item.observation.refCode) }
            report.sent += 1
            report.pending -= 1
        }
        return report
    }

    private func mark(_ body: (StoreWriter) throws -> Void) throws(SyncError) {
        do { try store.write(body) } catch { throw .store(error) }
    }

    /// A 400/409/422-like refusal concerns this observation only; anything else (network,
    /// credential, server failing) would fail the rest too.
    static func isRefusalOfThisObservation(_ error: ClientError) -> Bool {
        switch error {
        case .refused(let status, _, _): return [400, 404, 409, 422].contains(status)
        case .unsuccessful(let code, _): return [400, 404, 409, 422].contains(code)
        default: return false
        }
    }

    static func reason(_ error: ClientError) -> String {
        switch error {
        case .refused(_, _, let message), .unsuccessful(_, let message): return message
        case .unreachable: return "server unreachable"
        case .gaveUp(_, let last): return last
        default: return "\(error)"
        }
    }
}
