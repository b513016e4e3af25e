import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What an OAuth authorization server sent back to the redirect URI.
public struct AuthorizationResponse: Sendable, Equatable {
    public var code: String?
    public var state: String?
    public var error: String?
    public var errorDescription: String?

    /// Reads the query of a redirect URL or request target (`/callback?code=…&state=…`),
    /// as pasted by a user with `--no-browser` or received on the loopback socket.
    public init(redirect text: String) throws(ClientError) {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let q = t.firstIndex(of: "?") else {
            throw .authorizationFailed("the redirect URL has no ?code=…&state=… part")
        }
        var fields: [String: String] = [:]
        for pair in t[t.index(after: q)...].split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(kv[0]).removingPercentEncoding ?? String(kv[0])
            let raw = kv.count > 1 ? String(kv[1]).replacingOccurrences(of: "+", with: " ") : ""
            if fields[key] == nil { fields[key] = raw.removingPercentEncoding ?? raw }
        }
        code = fields["code"]; state = fields["state"]
        error = fields["error"]; errorDescription = fields["error_description"]
    }

    /// Whether the redirect carries the `state` this login sent (RFC 6749 §10.12).
    public func matches(state expected: String) -> Bool {
        state.map { constantTimeEquals($0, expected) } ?? false
    }

    /// The code, after checking `state` against what we sent (RFC 6749 §10.12).
    public func code(expectingState expected: String) throws(ClientError) -> String {
        guard matches(state: expected) else {
            throw .authorizationFailed("the redirect's state does not match this login (possible forgery); start again")
        }
        if let error {
            let detail = errorDescription.map { " (\(Self.printable($0)))" } ?? ""
            throw .authorizationFailed("the server refused consent: \(Self.printable(error))\(detail)")
        }
        guard let code, !code.isEmpty else { throw .authorizationFailed("the redirect has no authorization code") }
        return code
    }

    /// `error` and `error_description` come from whoever sent the browser back: RFC 6749
    /// §4.1.2.1 allows printable ASCII only (no quote or backslash), so anything else is dropped
    /// before the text can reach a terminal, and it is cut at 120 characters.
    static func printable(_ text: String) -> String {
        let kept = text.unicodeScalars.filter { (0x20...0x7E).contains($0.value) && $0 != "\"" && $0 != "\\" }
        let cut = String(String.UnicodeScalarView(kept.prefix(120)))
        return kept.count > 120 ? cut + "…" : cut
    }
}

/// Compares two strings in time independent of where they differ.
public func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    var diff = UInt8(x.count == y.count ? 0 : 1)
    for i in 0..<max(x.count, y.count) {
        diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
    }
    return diff == 0
}

/// A one-shot HTTP listener on `127.0.0.1` with a kernel-chosen port (RFC 8252 §7.3) that
/// receives the OAuth redirect from the citizen's browser.
public final class LoopbackRedirectReceiver: @unchecked Sendable {
    /// The port the kernel picked.
    public let port: UInt16
    private let fd: Int32

    /// The redirect URI to register in the authorize request.
    public var redirectURI: String { "http://127.0.0.1:\(port)/callback" }

    public init() throws(ClientError) {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard s >= 0 else { throw .unreachable("cannot open a loopback socket for the redirect") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(s, 4) == 0 else {
            close(s)
            throw .unreachable("cannot listen on 127.0.0.1 for the redirect")
        }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &len) }
        }
        fd = s
        port = UInt16(bigEndian: addr.sin_port)
    }

    deinit { close(fd) }

    /// Waits up to `timeout` seconds for the redirect of *this* login — a request to
    /// `/callback` whose `state` is `expected` — answers the browser with a short page and
    /// returns the code (or the refusal it carried, as an error). A `/callback` with another
    /// or no `state` is not this login's (a stale tab, or a forgery): it is answered and
    /// ignored, and the wait goes on. Other paths (e.g. `/favicon.ico`) get a 404.
    public func wait(timeout: Double, expectingState expected: String) async throws(ClientError) -> String {
        let fd = self.fd
        let outcome: Result<String, ClientError> = await withCheckedContinuation { cont in
            Thread.detachNewThread {
                let deadline = Date().addingTimeInterval(timeout)
                while true {
                    let left = deadline.timeIntervalSinceNow
                    if left <= 0 {
                        cont.resume(returning: .failure(.authorizationFailed("no answer from the browser in \(Int(timeout)) s; try --no-browser")))
                        return
                    }
                    var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    guard poll(&p, 1, Int32(min(left, 1) * 1000)) > 0 else { continue }
                    let c = accept(fd, nil, nil)
                    guard c >= 0 else { continue }
                    defer { close(c) }
                    guard let target = Self.readRequestTarget(c), target.hasPrefix("/callback"),
                          let response = try? AuthorizationResponse(redirect: target) else {
                        Self.reply(c, status: "404 Not Found", body: "not found")
                        continue
                    }
                    guard response.matches(state: expected) else {
                        Self.reply(c, status: "400 Bad Request", body: "<!doctype html><meta charset=utf-8><title>phr</title><p>phr: คำตอบนี้ไม่ใช่ของการเข้าสู่ระบบที่รออยู่ — this answer is not for the login phr is waiting for; it was ignored.</p>")
                        continue
                    }
                    let result = Result(catching: { () throws(ClientError) -> String in try response.code(expectingState: expected) })
                    Self.reply(c, status: "200 OK", body: "<!doctype html><meta charset=utf-8><title>phr</title><p>phr: ได้รับคำตอบแล้ว กลับไปที่เทอร์มินัลได้เลย — answer received, you can close this window and return to the terminal.</p>")
                    cont.resume(returning: result)
                    return
                }
            }
        }
        return try outcome.get()
    }

    /// Reads the request line (`GET <target> HTTP/1.1`) with a small, bounded buffer.
    static func readRequestTarget(_ c: Int32) -> String? {
        var tv = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var buf = [UInt8](repeating: 0, count: 8192)
        var have = 0
        while have < buf.count {
            let n = buf.withUnsafeMutableBytes { recv(c, $0.baseAddress! + have, $0.count - have, 0) }
            if n <= 0 { break }
            have += n
            if buf[0..<have].contains(10) { break }
        }
        guard let line = String(decoding: buf[0..<have], as: UTF8.self).split(separator: "\r\n").first else { return nil }
        let parts = line.split(separator: " ")
        guard parts.count >= 2, parts[0] == "GET" else { return nil }
        return String(parts[1])
    }

    static func reply(_ c: Int32, status: String, body: String) {
        let bytes = Array(body.utf8)
        let head = "HTTP/1.1 \(status)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(bytes.count)\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
        let all = Array(head.utf8) + bytes
        _ = all.withUnsafeBytes { send(c, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }
}
