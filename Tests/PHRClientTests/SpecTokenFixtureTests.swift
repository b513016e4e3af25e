import Foundation
import Hummingbird
import Logging
import PHRFixtures
import Testing
@testable import PHRClient

/// The client against the ministry's token replies and request bodies (Tests/Fixtures/spec),
/// over real HTTP: a loopback server answers each call with SPEC's example and records what
/// the client sent.
@Suite(.serialized) struct SpecTokenFixtureTests {
    actor Sent {
        var bodies: [String: Data] = [:]
        func record(_ path: String, _ body: Data) { bodies[path] = body }
    }

    /// Serves SPEC's replies on a free loopback port while `body` runs.
    static func withSpecServer(_ body: (PHRService, Sent) async throws -> Void) async throws {
        let sent = Sent()
        let router = Router()
        func reply(_ method: HTTPRequest.Method, _ path: RouterPath, _ fixture: String, type: String) {
            router.on(path, method: method) { request, _ -> Response in
                let received = try await request.body.collect(upTo: 1 << 20)
                await sent.record(request.uri.path, Data(buffer: received))
                let data = try SpecFixtures.data(fixture)
                return Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(data: data)))
            }
        }
        reply(.post, "/token", "account-center-token.txt", type: "text/plain")
        reply(.post, "/api/GetPHROTP", "get-phr-otp.json", type: "application/json")
        reply(.post, "/oauth2/token", "oauth2-token.json", type: "application/json")
        // The card agent's approval: a 302 to the redirect URI with SPEC's code and the state sent.
        router.get("/oauth2/auth") { request, _ -> Response in
            let state = request.uri.queryParameters["state"].map(String.init) ?? ""
            let location = "http://127.0.0.1:8080/?code=73403a71fe6b4aae938a22338a476e7c&state=\(state)"
            return Response(status: .found, headers: [.location: location])
        }
        reply(.post, "/api/WebApp", "patient-summary.json", type: "application/json")
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var quiet = Logger(label: "spec-fixture-server")
        quiet.logLevel = .critical   // stopping by cancellation logs an "already closed" error
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: quiet)
        let server = Task { try await app.runService() }
        var port = 0
        for await p in ports { port = p; break }
        let transport = try Transport(retry: .none)
        let endpoint = try ServerEndpoint("http://127.0.0.1:\(port)")
        let services = Services(phr: endpoint, account: endpoint, healthID: endpoint)
        do { try await body(PHRService(transport: transport, services: services), sent) } catch {
            await transport.shutdown(); server.cancel(); throw error
        }
        await transport.shutdown()
        server.cancel()
    }

    static func keys(_ data: Data) -> Set<String> {
        Set(((try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]).keys)
    }

    @Test func accountCenterTokenIsReadAsTextAndTheRequestHasSPECsFields() async throws {
        try await Self.withSpecServer { service, sent in
            let token = try await service.clientToken(ClientAccount(user: "cvp_user", passwordHash: "FFFFFFFFFFFFFFFF", hospitalCode: "00000"))
            #expect(token == String(decoding: try SpecFixtures.data("account-center-token.txt"), as: UTF8.self))
            let body = try #require(await sent.bodies["/token"])
            #expect(Self.keys(body) == Self.keys(try SpecFixtures.data("account-center-request.json")))
        }
    }

    @Test func getPHROTPsResultIsTheOTPAndTheRequestHasSPECsFields() async throws {
        try await Self.withSpecServer { service, sent in
            let otp = try await service.phrOTP(cid: "1103700012346", accessToken: "bbbbbbbbbbbbbb", clientToken: "a.b.c")
            #expect(otp == "XY123456")
            let body = try #require(await sent.bodies["/api/GetPHROTP"])
            #expect(Self.keys(body) == Self.keys(try SpecFixtures.data("get-phr-otp-request.json")))
        }
    }

    /// Way 2 over SPEC's replies: the token reply's `otp` is `cid:access_token`, and GetPHROTP
    /// is sent those two parts (SPEC's `aaa…`/`bbb…` examples), with the form SPEC shows.
    @Test func cardLoginSendsGetPHROTPTheOTPsTwoParts() async throws {
        try await Self.withSpecServer { service, sent in
            let otp = try await service.cardOTP(cid: "aaaaaaaaaaa", client: .specTestClient, clientToken: "a.b.c")
            #expect(otp == "XY123456")
            let form = String(decoding: try #require(await sent.bodies["/oauth2/token"]), as: UTF8.self)
            let fields = Set(form.split(separator: "&").compactMap { $0.split(separator: "=").first.map(String.init) })
            #expect(fields.isSuperset(of: ["client_id", "client_secret", "grant_type", "code", "redirect_uri", "state"]))
            #expect(form.contains("code=73403a71fe6b4aae938a22338a476e7c"))
            let body = try #require(await sent.bodies["/api/GetPHROTP"])
            let sentFields = try #require(try JSONSerialization.jsonObject(with: body) as? [String: String])
            #expect(sentFields == ["cid": "aaaaaaaaaaa", "access_token": "bbbbbbbbbbb"])
        }
    }

    @Test func aCardTokenForAnotherCitizenIsRefused() async throws {
        try await Self.withSpecServer { service, sent in
            await #expect(throws: ClientError.wrongCitizen) {
                _ = try await service.cardOTP(cid: "1103700012346", client: .specTestClient, clientToken: "a.b.c")
            }
            #expect(await sent.bodies["/api/GetPHROTP"] == nil)
        }
    }

    @Test func aReadSendsSPECsCidAndOTPBody() async throws {
        try await Self.withSpecServer { service, sent in
            let reply = try await service.read(action: "PatientSummary", as: .otp(cid: "1103700012346", otp: "AA999999", clientToken: "a.b.c"))
            #expect(reply.body == (try SpecFixtures.data("patient-summary.json")))
            let body = try #require(await sent.bodies["/api/WebApp"])
            #expect(Self.keys(body) == Self.keys(try SpecFixtures.data("read-request.json")))
        }
    }

    @Test func healthIDsWrappedTokenReplyGivesTheTokenAndItsLifetime() throws {
        let grant = try TokenGrant(json: try SpecFixtures.data("healthid-token.json"))
        #expect(grant.accessToken == "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.xxx.yyy")
        #expect(grant.expiresIn == 7_862_399)
    }
}
