import Crypto
import Foundation
import PHRClient
import PHRModel
import PHRWire
import Testing
@testable import PHRSandbox

/// The three services on their own listeners, and the ministry's three ways in (SPEC.md
/// "api สำหรับขอ OTP…" and appendix ข), over real HTTP.
@Suite(.serialized) struct ServiceFlowTests {
    /// One route of each service, with a body it accepts (or at least answers with a status of its own).
    static let routes: [(SandboxListener, String, String)] = [
        (.account, "POST", "/token?Action=get_moph_access_token"),
        (.phr, "POST", "/api/RequestTokenv1"),
        (.phr, "POST", "/api/WebApp?Action=VitalSign"),
        (.phr, "POST", "/api/GetPHROTP"),
        (.phr, "GET", "/oauth2/auth?response_type=code&client_id=client-id&redirect_uri=http://127.0.0.1:8080&state=abcdefgh12"),
        (.phr, "POST", "/oauth2/token"),
        (.phr, "POST", "/api/ConsentRedeem"),
        (.phr, "GET", "/sandbox/outbox?cid=1101700230708"),
        (.healthID, "GET", "/oauth/redirect?response_type=code&client_id=phr-cli&redirect_uri=http://127.0.0.1:9/callback"),
        (.healthID, "POST", "/api/v1/token"),
        (.healthID, "GET", "/.well-known/jwks.json"),
    ]

    @Test func eachServiceAnswersOnlyOnItsOwnListener() async throws {
        try await LiveSandbox.with { live in
            for (home, method, path) in Self.routes {
                let own = try await live.send(method, path, json: [:], on: home)
                #expect(own.status != 404 || path.hasPrefix("/sandbox/outbox"), "\(path) on its own listener: \(own.status)")
                for other in SandboxListener.allCases where other != home {
                    #expect(try await live.send(method, path, json: [:], on: other).status == 404, "\(path) sent to \(other)")
                }
            }
            #expect(try await live.send("GET", "/.well-known/jwks.json").status == 404, "the PHR host publishes no JWKS")
        }
    }

    /// A client for the live sandbox, as `phr` builds it.
    static func service(_ live: LiveSandbox) throws -> PHRService {
        PHRService(transport: try Transport(retry: .none),
                   services: Services(phr: try ServerEndpoint(live.bases[.phr]!), account: try ServerEndpoint(live.bases[.account]!),
                                      healthID: try ServerEndpoint(live.bases[.healthID]!)))
    }

    static let account = ClientAccount(user: DemoAccount.user, passwordHash: DemoAccount.passwordHash, hospitalCode: DemoAccount.hospitalCode)

    @Test func theCardAloneGetsTheOTPAndNothingReachesThePhone() async throws {
        try await LiveSandbox.with { live in
            let service = try Self.service(live)
            defer { Task { await service.transport.shutdown() } }
            let cid = live.cid(.adult)
            let clientToken = try await service.clientToken(Self.account)
            let otp = try await service.cardOTP(cid: cid, client: .specTestClient, clientToken: clientToken)
            #expect(otp.range(of: #"^[A-Z]{2}[0-9]{6}$"#, options: .regularExpression) != nil)
            #expect(try await live.send("GET", "/sandbox/outbox?cid=\(cid)").status == 404, "way 2 sends nothing to the phone")
            let read = try await service.read(action: "VitalSign", as: .otp(cid: cid, otp: otp, clientToken: clientToken))
            #expect(read.body != nil)
            // A wrong secret, or no card agent, is a refusal the kiosk can answer with the phone OTP.
            var wrong = CardClient.specTestClient
            wrong.clientSecret = "not-the-secret"
            await #expect {
                try await service.cardOTP(cid: cid, client: wrong, clientToken: clientToken)
            } throws: { ($0 as? ClientError).map { if case .cardLoginRefused = $0 { true } else { false } } ?? false }
            // A citizen the service does not know is no card refusal (the phone OTP fails the
            // same way): the kiosk must be able to say "not registered in หมอพร้อม".
            await #expect {
                try await service.cardOTP(cid: "1100999000010", client: .specTestClient, clientToken: clientToken)
            } throws: { ($0 as? ClientError).map { if case .refused(status: 404, _, _) = $0 { true } else { false } } ?? false }
        }
    }

    @Test func wayTwoRepliesAreSPECsShapes() async throws {
        try await LiveSandbox.with { live in
            let cid = live.cid(.child)
            let redirect = "http://127.0.0.1:8080"
            let query = "response_type=code&client_id=client-id&redirect_uri=\(redirect)&scope=read&state=65A062D61FBD44A0"
            let page = try await live.send("GET", "/oauth2/auth?" + query)
            #expect(page.status == 200 && String(decoding: page.body, as: UTF8.self).contains("SmartCard Agent"),
                    "without the card agent: the page asking for it")
            let approved = try await live.send("GET", "/oauth2/auth?" + query, headers: [("X-Card-Agent-CID", cid)])
            #expect(approved.status == 302)
            let header = try #require(approved.header("Location"))
            let location = try #require(URLComponents(string: header))
            let code = try #require(location.queryItems?.first { $0.name == "code" }?.value)
            #expect(code.range(of: "^[0-9a-f]{32}$", options: .regularExpression) != nil, "32 hex digits, as SPEC's example")
            #expect(location.queryItems?.first { $0.name == "state" }?.value == "65A062D61FBD44A0")
            let form = "client_id=client-id&client_secret=client-secret&grant_type=authorization_code&code=\(code)&redirect_uri=\(redirect)&state=65A062D61FBD44A0"
            let token = try await live.send("POST", "/oauth2/token", form: form)
            #expect(token.status == 200)
            #expect(Set(token.json.keys) == ["access_token", "otp"], "{access_token, otp} exactly")
            let access = try #require(token.json["access_token"] as? String)
            #expect(token.json["otp"] as? String == "\(cid):\(access)")
            #expect(try await live.send("POST", "/oauth2/token", form: form).status == 400, "codes are single-use")
            let client = try await live.clientToken()
            let otp = try await live.send("POST", "/api/GetPHROTP", json: ["cid": cid, "access_token": access],
                                          headers: [("Authorization", "Bearer " + client)])
            #expect(otp.status == 200 && Set(otp.json.keys) == ["result"], "{\"result\": OTP} exactly: \(String(decoding: otp.body, as: UTF8.self))")
            let other = live.cid(.adult)
            #expect(try await live.send("POST", "/api/GetPHROTP", json: ["cid": other, "access_token": access],
                                        headers: [("Authorization", "Bearer " + client)]).status == 403, "the token is bound to the card's CID")
        }
    }

    @Test func healthIDAnswersInSPECsShapeWithAnRS256TokenThePHRReadsWith() async throws {
        try await LiveSandbox.with(autoApprove: true) { live in
            let a = live.cid(.adult), b = live.cid(.child)
            let verifier = String(repeating: "v", count: 50)
            let challenge = Base64URL.encode(SHA256.hash(data: Data(verifier.utf8)))
            let redirect = "http://127.0.0.1:9/callback"
            let common = "response_type=code&client_id=phr-cli&redirect_uri=\(redirect)&state=abcdefgh12&login_hint=\(a)"
            #expect(try await live.send("GET", "/oauth/redirect?\(common)", on: .healthID).status == 400, "PKCE is required for the public client")
            func code() async throws -> String {
                let auth = try await live.send("GET", "/oauth/redirect?\(common)&code_challenge=\(challenge)&code_challenge_method=S256", on: .healthID)
                #expect(auth.status == 302)
                return try #require(URLComponents(string: auth.header("Location") ?? "")?.queryItems?.first { $0.name == "code" }?.value)
            }
            let form = "grant_type=authorization_code&redirect_uri=\(redirect)&client_id=phr-cli"
            let wrong = try await live.send("POST", "/api/v1/token", form: form + "&code=\(try await code())&code_verifier=" + String(repeating: "w", count: 50), on: .healthID)
            #expect(wrong.status == 400 && wrong.json["status"] as? String == "error" && wrong.json["status_code"] as? Int == 400)
            let healthCode = try await code()
            #expect(try await live.send("POST", "/oauth2/token", form: "client_id=client-id&client_secret=client-secret&grant_type=authorization_code&code=\(healthCode)&redirect_uri=\(redirect)").status == 400,
                    "a Health ID code is no good at the PHR service's /oauth2/token")
            let granted = try await live.send("POST", "/api/v1/token", form: form + "&code=\(try await code())&code_verifier=\(verifier)", on: .healthID)
            #expect(granted.status == 200)
            #expect(Set(granted.json.keys) == ["status", "data", "message", "status_code"])
            #expect(granted.json["status"] as? String == "success" && granted.json["status_code"] as? Int == 200)
            let data = try #require(granted.json["data"] as? [String: Any])
            #expect(Set(data.keys) == ["access_token", "token_type", "expires_in", "account_id"])
            #expect(data["token_type"] as? String == "Bearer" && data["expires_in"] as? Int == 7_862_399)
            let token = try #require(data["access_token"] as? String)
            let header = try #require(token.split(separator: ".").first)
            let decoded = try #require(Data(base64Encoded: String(header) + String(repeating: "=", count: (4 - header.count % 4) % 4)))
            #expect(String(decoding: decoded, as: UTF8.self).contains("\"RS256\""))
            #expect(try AccessTokenClaims.unverified(token).cid == a)
            let own = try await live.send("POST", "/api/WebApp?Action=VitalSign", json: ["cid": a], headers: [("Authorization", "Bearer " + token)])
            #expect(own.status == 200)
            let byGet = try await live.send("GET", "/api/WebApp?Action=VitalSign&cid=\(a)", headers: [("Authorization", "Bearer " + token)])
            #expect(byGet.status == 200, "SPEC's GET form")
            let other = try await live.send("POST", "/api/WebApp?Action=VitalSign", json: ["cid": b], headers: [("Authorization", "Bearer " + token)])
            #expect(other.status == 403, "the cid must match the token's")
            #expect(try await live.send("POST", "/api/RequestTokenv1", json: ["cid": a], headers: [("Authorization", "Bearer " + token)]).status == 401,
                    "a Health ID token is not an Account Center JWT")
            let jwks = try await live.send("GET", "/.well-known/jwks.json", on: .healthID).json
            let key = try #require((jwks["keys"] as? [[String: Any]])?.first)
            #expect(key["alg"] as? String == "RS256" && (key["n"] as? String ?? "").count >= 342, "RS256, at least 2048 bits")
        }
    }

    @Test func withoutETagsNothingIsEverNotModified() async throws {
        try await LiveSandbox.with(noETag: true) { live in
            let token = try await live.clientToken()
            let cid = live.cid(.child)
            let otp = try await live.otp(cid, token: token)
            let first = try await live.read("Encounter", cid: cid, otp: otp, token: token)
            #expect(first.status == 200 && first.header("ETag") == nil)
            let again = try await live.read("Encounter", cid: cid, otp: otp, token: token, headers: [("If-None-Match", "\"anything\""), ("If-None-Match", "*")])
            #expect(again.status == 200 && again.body == first.body.replacingRequestTime(with: again.body))
        }
    }
}

extension Data {
    /// `self` with its envelope's `RequestTime` taken from `other` (the only field that changes between two reads).
    func replacingRequestTime(with other: Data) -> Data {
        func time(_ d: Data) -> String? { ((try? JSONSerialization.jsonObject(with: d)) as? [String: Any])?["RequestTime"] as? String }
        guard let mine = time(self), let theirs = time(other) else { return self }
        return Data(String(decoding: self, as: UTF8.self).replacingOccurrences(of: mine, with: theirs).utf8)
    }
}
