import Foundation
import Synchronization
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

    @Test func retriesBackOffHonourRetryAfterAndGiveUp() throws {
        let policy = RetryPolicy(maxAttempts: 4, baseDelay: 0.2, maxDelay: 10)
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, random: { 1 }) == 0.2)
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, random: { 1 }) == 0.8)
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, random: { 0 }) == 0.4, "jitter stays within half to whole")
        #expect(policy.delay(afterAttempt: 1, retryAfter: 3, random: { 1 }) == 3)
        #expect(policy.delay(afterAttempt: 1, retryAfter: 3600, random: { 1 }) == 10, "a huge Retry-After is capped")
        #expect(policy.delay(afterAttempt: 4, retryAfter: nil) == nil)
        #expect(RetryPolicy.none.delay(afterAttempt: 1, retryAfter: nil) == nil)
        for hostile in [Double.nan, .infinity, -.infinity, -5] {
            let wait = try #require(policy.delay(afterAttempt: 1, retryAfter: hostile, random: { 1 }))
            #expect(wait == 0.2, "a Retry-After of \(hostile) falls back to backoff")
        }
    }

    @Test func retryAfterIsSecondsOrAnHTTPDateAndNothingElse() {
        #expect(retryAfterSeconds("120") == 120)
        #expect(retryAfterSeconds(" 0 ") == 0)
        for junk in ["nan", "NaN", "inf", "-inf", "-1", "1e99", "3.5", "99999999999999999999", "", "soon", "٣"] {
            #expect(retryAfterSeconds(junk) == nil, "\(junk) is not a Retry-After")
        }
        let now = Date(timeIntervalSince1970: 1_784_000_000)
        #expect(retryAfterSeconds("Wed, 21 Oct 2015 07:28:00 GMT", now: now) == 0, "a past date means now")
        let later = retryAfterSeconds("Fri, 17 Jul 2026 03:33:20 GMT", now: Date(timeIntervalSince1970: 1_784_259_140))
        #expect(later == 60)
    }
}

/// A server that is down costs one retry, not the whole retry policy.
@Suite struct DeadServerTests {
    /// A TCP socket bound to a kernel-chosen loopback port, and that port.
    static func loopbackSocket() throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        if !bound { close(fd) }
        try #require(bound)
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A loopback port nobody listens on (bound, read, closed).
    static func closedPort() throws -> Int {
        let (fd, port) = try loopbackSocket()
        close(fd)
        return port
    }

    @Test func aRefusedConnectionIsTriedTwiceThenNamed() async throws {
        let retries = RetryCounter()
        let transport = try Transport(retry: RetryPolicy(maxAttempts: 5), onRetry: { _, _ in retries.increment() })
        defer { Task { await transport.shutdown() } }
        let endpoint = try ServerEndpoint("http://127.0.0.1:\(try Self.closedPort())")
        do {
            _ = try await transport.send("GET", endpoint, "/api/WebApp")
            Issue.record("a closed port answered")
        } catch {
            guard case .unreachable(let why) = error else { Issue.record("\(error)"); return }
            #expect(why.contains("connection refused"))
        }
        #expect(retries.count == 1, "one retry, not the policy's four")
    }

    /// A server that takes the connection (the kernel completes the handshake of a listening
    /// socket nobody accepts on) and never answers costs the request's budget, then is named.
    @Test func aServerThatNeverAnswersCostsTheBudgetThenIsNamed() async throws {
        let (fd, port) = try Self.loopbackSocket()
        defer { close(fd) }
        try #require(listen(fd, 16) == 0)
        let transport = try Transport(retry: RetryPolicy(maxAttempts: 5, budget: 1.5))
        defer { Task { await transport.shutdown() } }
        let endpoint = try ServerEndpoint("http://127.0.0.1:\(port)")
        do {
            _ = try await transport.send("GET", endpoint, "/api/WebApp")
            Issue.record("a server that never answers answered")
        } catch {
            guard case .unreachable(let why) = error else { Issue.record("\(error)"); return }
            #expect(why.contains("no complete answer within 1.5 s"), "\(why)")
        }
    }
}

/// Counts retries from a `@Sendable` callback.
final class RetryCounter: Sendable {
    private let value = Mutex(0)
    func increment() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}
