import _CryptoExtras
import Foundation
import JWTKit
import Testing
@testable import PHRClient
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// How the client reads the services' answers: success is HTTP 2xx *and* `MessageCode` 200
/// (or none, as SPEC.md's GetPHROTP and token examples have none).
@Suite struct EnvelopeVerdictTests {
    static func reply(_ status: Int, _ body: String) -> HTTPReply {
        HTTPReply(url: "https://phr1.moph.go.th/api/WebApp", status: status, headers: [], body: Data(body.utf8))
    }

    static func failure(_ reply: HTTPReply, otpCheck: Bool = false) -> ClientError? {
        do { try PHRService.interpret(reply, from: .phr, otpCheck: otpCheck); return nil } catch { return error }
    }

    @Test func a200WhoseEnvelopeSaysOtherwiseIsANamedFailureNeverSuccess() {
        #expect(Self.failure(Self.reply(200, #"{"result":[],"MessageCode":500,"Message":"database busy"}"#))
                == .unsuccessful(messageCode: 500, message: "database busy"))
        #expect(Self.failure(Self.reply(200, #"{"result":null,"MessageCode":"404","Message":"no data"}"#))
                == .unsuccessful(messageCode: 404, message: "no data"), "MessageCode as text counts too")
        // The codes the client already understands keep their meaning inside a 200.
        #expect(Self.failure(Self.reply(200, #"{"result":null,"MessageCode":401,"Message":"OTP expired"}"#)) == .sessionExpired)
        #expect(Self.failure(Self.reply(200, #"{"MessageCode":423,"Message":"locked","result":null}"#)) == .lockedOut(retryAfterSeconds: nil))
    }

    @Test func successIsMessageCode200OrNoMessageCodeAtAll() {
        #expect(Self.failure(Self.reply(200, #"{"result":[{"cid":"1"}],"MessageCode":200,"Message":"OK"}"#)) == nil)
        #expect(Self.failure(Self.reply(200, #"{"result":"XY123456"}"#)) == nil, "SPEC's GetPHROTP answer has no MessageCode")
        #expect(Self.failure(Self.reply(200, #"{"access_token":"a.b.c","otp":"1101700230708:a.b.c"}"#)) == nil, "nor its /oauth2/token answer")
        #expect(Self.failure(Self.reply(200, "eyJhbGciOiJSUzUxMiJ9.e30.c2ln")) == nil, "the Account Center answers a bare JWT")
    }

    @Test func theVerdictIsReadAtTheTopLevelWhereverItIs() {
        // A MessageCode inside a row is data, not the verdict; the verdict may come after a large result.
        let rows = (0..<2000).map { #"{"MessageCode":500,"text":"a \"quoted\" } ] , value","n":\#($0)}"# }.joined(separator: ",")
        #expect(Self.failure(Self.reply(200, #"{"result":[\#(rows)],"MessageCode":200}"#)) == nil)
        #expect(Self.failure(Self.reply(200, #"{"result":[\#(rows)],"Message":"partial","MessageCode":503}"#))
                == .unsuccessful(messageCode: 503, message: "partial"))
    }

    @Test func aBare404IsTheWrongServiceAnEnveloped404IsTheServiceSaying() {
        let bare = HTTPReply(url: "http://127.0.0.1:9/token", status: 404, headers: [], body: Data())
        #expect(throws: ClientError.noSuchEndpoint(.account, url: "http://127.0.0.1:9/token")) {
            try PHRService.interpret(bare, from: .account)
        }
        #expect(Self.failure(Self.reply(404, #"{"result":null,"MessageCode":404,"Message":"unknown Action"}"#))
                == .refused(status: 404, messageCode: 404, message: "unknown Action"))
    }

    @Test func healthIDsReplyIsReadAsSPECShowsIt() throws {
        let ok = #"{"status":"success","data":{"access_token":"h.p.s","token_type":"Bearer","expires_in":7862399,"account_id":"zz"},"message":"You logged in successfully","status_code":200}"#
        let grant = try TokenGrant(json: Data(ok.utf8))
        #expect(grant.accessToken == "h.p.s" && grant.expiresIn == 7_862_399 && grant.tokenType == "Bearer")
        #expect(grant.accountID == "zz" && grant.otp == nil)
        let refused = #"{"status":"error","data":null,"message":"invalid code","status_code":400}"#
        #expect(throws: ClientError.unsuccessful(messageCode: 400, message: "invalid code")) { try TokenGrant(json: Data(refused.utf8)) }
        let way2 = try TokenGrant(json: Data(#"{"access_token":"t","otp":"1101700230708:t"}"#.utf8))
        #expect(way2.otp == "1101700230708:t" && way2.expiresIn == nil)
    }
}

/// Health ID tokens are RS256; `phr` checks a signature only against a configured JWKS.
@Suite struct HealthIDTokenTests {
    struct Claims: JWTPayload {
        var exp: ExpirationClaim
        var cid: String
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    /// A fresh RSA key, a JWKS publishing it (with `alg`), and a signer.
    static func key(_ digest: DigestAlgorithm) async throws -> (JWTKeyCollection, Data) {
        let key = try Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
        let keys = JWTKeyCollection()
        await keys.add(rsa: key, digestAlgorithm: digest, kid: "k1")
        let (n, e) = try key.publicKey.getKeyPrimitives()
        func b64(_ d: Data) -> String { Base64URL.encode(d) }
        let jwk: [String: Any] = ["kty": "RSA", "kid": "k1", "use": "sig", "alg": "RS256", "n": b64(n), "e": b64(e)]
        return (keys, try JSONSerialization.data(withJSONObject: ["keys": [jwk]]))
    }

    @Test func anRS256TokenVerifiesAndNamesItsCitizen() async throws {
        let (keys, jwks) = try await Self.key(.sha256)
        let token = try await keys.sign(Claims(exp: .init(value: Date().addingTimeInterval(600)), cid: "1101700230708"), kid: "k1")
        let claims = try await TokenVerifier().verify(token, jwks: jwks)
        #expect(claims.cid == "1101700230708")
        #expect(try AccessTokenClaims.unverified(token).cid == "1101700230708", "without a JWKS the claims are read, not trusted")
    }

    @Test func anotherAlgorithmATamperedOrAnExpiredTokenIsRefused() async throws {
        let (keys, jwks) = try await Self.key(.sha256)
        let (other, _) = try await Self.key(.sha512)
        let rs512 = try await other.sign(Claims(exp: .init(value: Date().addingTimeInterval(600)), cid: "1101700230708"), kid: "k1")
        await #expect(throws: ClientError.invalidToken("algorithm RS512 is not RS256")) { try await TokenVerifier().verify(rs512, jwks: jwks) }
        let good = try await keys.sign(Claims(exp: .init(value: Date().addingTimeInterval(600)), cid: "1101700230708"), kid: "k1")
        let parts = good.split(separator: ".")
        let forged = Base64URL.encode(Data(#"{"exp":4102444800,"cid":"3100600445566"}"#.utf8))
        await #expect(throws: ClientError.invalidToken("bad signature")) {
            try await TokenVerifier().verify("\(parts[0]).\(forged).\(parts[2])", jwks: jwks)
        }
        let none = Base64URL.encode(Data(#"{"alg":"none","typ":"JWT"}"#.utf8)) + "." + parts[1] + "."
        await #expect(throws: ClientError.self) { try await TokenVerifier().verify(none, jwks: jwks) }
        let expired = try await keys.sign(Claims(exp: .init(value: Date().addingTimeInterval(-60)), cid: "1101700230708"), kid: "k1")
        await #expect(throws: ClientError.invalidToken("the token has expired")) { try await TokenVerifier().verify(expired, jwks: jwks) }
    }
}

/// The loopback listener that receives the browser's redirect (RFC 8252).
@Suite struct LoopbackRedirectTests {
    /// GET `url` from another thread, like the citizen's browser.
    static func browse(_ url: String) {
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: URL(string: url)!) { _, _, _ in done.signal() }.resume()
        _ = done.wait(timeout: .now() + 10)
    }

    @Test func aCallbackWithAnotherStateIsIgnoredAndTheWaitGoesOn() async throws {
        let receiver = try LoopbackRedirectReceiver()
        let base = receiver.redirectURI
        let waiting = Task { try await receiver.wait(timeout: 20, expectingState: "right-state-123") }
        Self.browse(base + "?code=stale&state=an-old-tab")
        Self.browse(base + "?error=access_denied&state=forged")
        Self.browse(base + "?code=nostate")
        Self.browse(base + "?code=the-real-code&state=right-state-123")
        #expect(try await waiting.value == "the-real-code")
    }

    @Test func theRedirectsErrorTextCannotSteerTheTerminal() async throws {
        let receiver = try LoopbackRedirectReceiver()
        let waiting = Task { try await receiver.wait(timeout: 20, expectingState: "s-123456") }
        let hostile = "%1B%5B2J%1B%5D0%3Bpwned%07denied%E2%80%AE%0Ahi"
        Self.browse(receiver.redirectURI + "?error=\(hostile)&error_description=\(hostile)&state=s-123456")
        do {
            _ = try await waiting.value
            Issue.record("a refusal was taken as a code")
        } catch let error as ClientError {
            guard case .authorizationFailed(let text) = error else { Issue.record("\(error)"); return }
            #expect(text.contains("denied"))
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0.value > 0x7E }, "\(text)")
        }
    }
}
