import Testing
@testable import PHRClient

/// The client's pure pieces; the HTTP flows are covered end to end against phr-sandbox.
@Suite struct ClientUnitTests {
    @Test func pkceMatchesTheRFC7636Example() {
        let pkce = PKCE(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")   // RFC 7636, appendix B
        #expect(pkce.challenge == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        #expect(pkce.method == "S256")
        #expect(PKCE().verifier.count == 43 && PKCE().verifier != PKCE().verifier)
        #expect(makeOAuthState() != makeOAuthState())
    }

    @Test func httpsIsRequiredExceptOnLoopback() throws {
        #expect(throws: ClientError.self) { try ServerEndpoint("http://phr1.moph.go.th") }
        #expect(throws: ClientError.self) { try ServerEndpoint("https://phr1.moph.go.th/?x=1") }
        #expect(throws: ClientError.self) { try ServerEndpoint("phr1.moph.go.th") }
        #expect(throws: ClientError.self) { try ServerEndpoint("http://127.0.0.1.evil.example") }
        _ = try ServerEndpoint("http://127.0.0.1:8787")
        _ = try ServerEndpoint("http://[::1]:8787")
        _ = try ServerEndpoint("https://phr1.moph.go.th/")
    }

    @Test func requestURLsEscapeEverythingButUnreserved() throws {
        let endpoint = try ServerEndpoint("https://phr1.moph.go.th/")
        #expect(endpoint.url("/api/WebApp", query: [("Action", "Condition"), ("mode", "Encounter"), ("Code", "10699:5912180000")])
                == "https://phr1.moph.go.th/api/WebApp?Action=Condition&mode=Encounter&Code=10699%3A5912180000")
        #expect(ServerEndpoint.escape("ก a&b=c/~._-") == "%E0%B8%81%20a%26b%3Dc%2F~._-")
    }

    @Test func retriesBackOffHonourRetryAfterAndGiveUp() {
        let policy = RetryPolicy(maxAttempts: 4, baseDelay: 0.2, maxDelay: 10)
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, random: { 1 }) == 0.2)
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, random: { 1 }) == 0.8)
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, random: { 0 }) == 0.4, "jitter stays within half to whole")
        #expect(policy.delay(afterAttempt: 1, retryAfter: 3, random: { 1 }) == 3)
        #expect(policy.delay(afterAttempt: 1, retryAfter: 3600, random: { 1 }) == 10, "a huge Retry-After is capped")
        #expect(policy.delay(afterAttempt: 4, retryAfter: nil) == nil)
        #expect(RetryPolicy.none.delay(afterAttempt: 1, retryAfter: nil) == nil)
    }
}
