import Foundation
import Hummingbird
import Logging
import PHRModel
import Testing
@testable import PHRClient

/// A 5xx after a request that creates something (a consent code), spends something (a
/// redemption) or sends something (an OTP) may come after the server acted: such requests are
/// not sent again. Reads are.
@Suite(.serialized) struct IdempotencyTests {
    actor Hits {
        var paths: [String] = []
        func record(_ path: String) { paths.append(path) }
        func count(_ path: String) -> Int { paths.filter { $0 == path }.count }
    }

    /// A loopback server that answers every `/api/…` call 503 while `body` runs.
    static func withFailingServer(_ body: (PHRService, Hits) async throws -> Void) async throws {
        let hits = Hits()
        let router = Router()
        router.post("/api/:action") { request, _ -> Response in
            await hits.record(request.uri.path)
            let envelope = #"{"result":null,"MessageCode":503,"Message":"unavailable"}"#
            return Response(status: .serviceUnavailable, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: envelope)))
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var quiet = Logger(label: "idempotency-server")
        quiet.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: quiet)
        let server = Task { try await app.runService() }
        var port = 0
        for await p in ports { port = p; break }
        let transport = try Transport(retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05))
        let endpoint = try ServerEndpoint("http://127.0.0.1:\(port)")
        let service = PHRService(transport: transport, services: Services(phr: endpoint, account: endpoint, healthID: endpoint))
        do { try await body(service, hits) } catch { await transport.shutdown(); server.cancel(); throw error }
        await transport.shutdown()
        server.cancel()
    }

    static let citizen = Credential.otp(cid: "1103700012346", otp: "AA999999", clientToken: "a.b.c")

    @Test func creatingAConsentCodeIsSentOnce() async throws {
        try await Self.withFailingServer { service, hits in
            let grant = PHRService.ConsentRequest(kinds: [.vitals], audience: nil, lifetime: 3600, maxUses: 1)
            await #expect(throws: ClientError.self) { _ = try await service.createConsent(grant, as: Self.citizen) }
            #expect(await hits.count("/api/ConsentCreate") == 1)
        }
    }

    @Test func redeemingAndAskingForAnOTPAreSentOnce() async throws {
        try await Self.withFailingServer { service, hits in
            var generator = SystemRandomNumberGenerator()
            let code = ConsentCode.random(using: &generator)
            await #expect(throws: ClientError.self) {
                _ = try await service.redeemConsent(cid: try CitizenID("1103700012346"), code: code, clientToken: "a.b.c")
            }
            await #expect(throws: ClientError.self) { try await service.requestOTP(cid: "1103700012346", clientToken: "a.b.c") }
            #expect(await hits.count("/api/ConsentRedeem") == 1)
            #expect(await hits.count("/api/RequestTokenv1") == 1)
        }
    }

    @Test func readsAreRetried() async throws {
        try await Self.withFailingServer { service, hits in
            await #expect(throws: ClientError.self) { _ = try await service.consents(as: Self.citizen) }
            #expect(await hits.count("/api/ConsentList") == 3, "the policy's three tries")
        }
    }
}
