import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// One HTTP exchange as the client saw it.
public struct HTTPReply: Sendable {
    /// The address asked, without its query.
    public var url: String
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data

    /// The first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
}

/// HTTP to the MOPH services with timeouts, a body-size cap and retries.
///
/// One transport serves all three services (each request names its endpoint); 5xx answers,
/// 429 (honouring `Retry-After`) and dropped connections are retried per the
/// ``RetryPolicy``; every other answer is returned for the caller to interpret. Redirects are
/// never followed: a `302` is an answer (way 2 reads the authorization code from it).
public final class Transport: Sendable {
    public let retry: RetryPolicy
    /// Largest response body accepted, in bytes.
    public let maxBodyBytes: Int
    /// Called before each retry with the wait in seconds and the reason (for progress output).
    public let onRetry: @Sendable (Double, String) -> Void
    private let client: HTTPClient

    /// How long a connection may take to open. With one retry for a server that never
    /// answered (``neverConnected(_:)``), a dead host fails a command within about 10 s; a
    /// refused port (nothing listening) within a moment.
    public static let connectTimeoutSeconds: Int64 = 4

    /// `caFile`: a PEM file with extra trusted CA certificates (a sandbox's own CA).
    public init(caFile: String? = nil, retry: RetryPolicy = RetryPolicy(), maxBodyBytes: Int = 64 << 20,
                onRetry: @escaping @Sendable (Double, String) -> Void = { _, _ in }) throws(ClientError) {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if let ca = caFile {
            guard let certs = try? NIOSSLCertificate.fromPEMFile(ca), !certs.isEmpty else { throw .badCAFile(ca) }
            tls.additionalTrustRoots = [.certificates(certs)]
        }
        var config = HTTPClient.Configuration(tlsConfiguration: tls, redirectConfiguration: .disallow,
                                              timeout: .init(connect: .seconds(Self.connectTimeoutSeconds), read: .seconds(60)))
        config.httpVersion = .http1Only
        // Retrying is ours (``send``): left on, the pool would keep redialling a refused port
        // until the connect timeout, so a server that is down would cost seconds, not a moment.
        config.connectionPool.retryConnectionEstablishment = false
        config.decompression = .disabled
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
        self.retry = retry
        self.maxBodyBytes = maxBodyBytes
        self.onRetry = onRetry
    }

    /// Closes connections. Call once when done.
    public func shutdown() async {
        try? await client.shutdown()
    }

    /// Sends a request to `path` (e.g. `/api/WebApp`) of `endpoint` and returns the reply,
    /// retrying as above. A request that is not `idempotent` (it creates something, spends a
    /// code or sends an OTP) is sent again only when it cannot have been acted on: the
    /// connection was never made, or the server answered 429. A 5xx is then returned as is.
    public func send(_ method: String, _ endpoint: ServerEndpoint, _ path: String, query: [(String, String)] = [],
                     headers: [(String, String)] = [], body: Data? = nil,
                     idempotent: Bool = true) async throws(ClientError) -> HTTPReply {
        var attempt = 0
        let deadline = ContinuousClock.now + .milliseconds(Int64(retry.budget * 1000))
        while true {
            attempt += 1
            let problem: String
            var connectionFailed = false
            var retryAfter: Double? = nil
            do {
                let reply = try await once(method, endpoint.url(path, query: query), headers: headers, body: body, deadline: deadline)
                switch reply.status {
                case 429:
                    problem = "the server asked us to slow down (429)"
                    retryAfter = reply.header("Retry-After").flatMap { retryAfterSeconds($0) } ?? 1
                case 500...599 where idempotent:
                    problem = "the server failed (\(reply.status))"
                default:
                    return reply
                }
            } catch let error as ClientError {
                guard case .unreachable(let why) = error else { throw error }
                // An untrusted certificate does not fix itself: no retries. A server that never
                // answered gets one more try, not the whole policy: fail fast when it is down.
                // A request that is not idempotent is sent again only if it never left.
                if why.hasPrefix("TLS failed") || (Self.neverConnected(why) && attempt >= 2) || (!idempotent && !Self.neverConnected(why)) {
                    throw .unreachable(why + " at " + endpoint.hostAndPort)
                }
                problem = why
                connectionFailed = true
            } catch {
                problem = "connection failed"
                connectionFailed = true
            }
            try Task.checkCancellation(orThrow: ClientError.unreachable("cancelled"))
            let wait = retry.delay(afterAttempt: attempt, retryAfter: retryAfter)
            if let wait, ContinuousClock.now + .milliseconds(Int64(wait * 1000)) >= deadline {
                throw .unreachable("no complete answer within \(Self.seconds(retry.budget)) (\(problem)) at " + endpoint.hostAndPort)
            }
            guard let wait else {
                // Still no connection at all: the server is unreachable, not failing.
                throw connectionFailed ? .unreachable(problem + " at " + endpoint.hostAndPort) : .gaveUp(attempts: attempt, lastProblem: problem)
            }
            onRetry(wait, problem)
            do { try await Task.sleep(nanoseconds: UInt64(wait * 1e9)) } catch { throw .unreachable("cancelled") }
        }
    }

    private func once(_ method: String, _ url: String, headers: [(String, String)], body: Data?,
                      deadline: ContinuousClock.Instant) async throws -> HTTPReply {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        request.headers.add(name: "User-Agent", value: "phr/0.1")
        request.headers.add(name: "Accept", value: "application/json")
        for (k, v) in headers { request.headers.add(name: k, value: v) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response: HTTPClientResponse
        do {
            let left = ContinuousClock.now.duration(to: deadline)
            let nanoseconds = left.components.seconds * 1_000_000_000 + left.components.attoseconds / 1_000_000_000
            response = try await client.execute(request, timeout: .nanoseconds(max(0, min(nanoseconds, 120_000_000_000))))
        } catch {
            throw ClientError.unreachable(Self.describe(error))
        }
        let buffer: ByteBuffer
        do {
            buffer = try await response.body.collect(upTo: maxBodyBytes)
        } catch let e as NIOTooManyBytesError {
            _ = e
            throw ClientError.responseTooLarge(limit: maxBodyBytes)
        } catch {
            throw ClientError.unreachable("the connection broke while reading the answer")
        }
        return HTTPReply(url: String(url.prefix { $0 != "?" }), status: Int(response.status.code),
                         headers: response.headers.map { ($0.name, $0.value) },
                         body: Data(buffer.readableBytesView))
    }

    /// `60 s`, `1.5 s`: a budget as the failure line says it.
    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    /// Whether `description` (from ``describe(_:)``) says no connection was ever made.
    static func neverConnected(_ description: String) -> Bool {
        description == connectTimedOut || description == refused || description == noRoute
    }
    static let connectTimedOut = "the server did not answer (connect timed out)"
    static let refused = "connection refused (is the server running?)"
    static let noRoute = "no route to the server (check the address and the network)"

    /// A short human description of a transport error (no URLs with secrets: we send none).
    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("connectTimeout") { return connectTimedOut }
        if text.contains("deadlineExceeded") || text.contains("readTimeout") { return "timed out" }
        if text.contains("Connection refused") || text.contains("connectionRefused") || text.contains("ECONNREFUSED") {
            return refused
        }
        if text.contains("unreachable") || text.contains("EHOSTUNREACH") || text.contains("ENETUNREACH")
            || text.contains("lookup") || text.contains("getaddrinfo") || text.contains("NIOConnectionError") {
            return noRoute
        }
        if text.contains("remoteConnectionClosed") || text.contains("Connection reset") || text.contains("ECONNRESET") {
            return "the server closed the connection"
        }
        if text.contains("NIOSSL") || text.contains("handshake") || text.contains("certificate") {
            return "TLS failed (certificate not trusted? use --ca-file)"
        }
        return "network error"
    }
}

extension Task where Success == Never, Failure == Never {
    static func checkCancellation(orThrow error: ClientError) throws(ClientError) {
        if Task.isCancelled { throw error }
    }
}
