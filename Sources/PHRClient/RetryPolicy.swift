import Foundation

/// When and how long to wait before retrying a failed request.
///
/// Retries 5xx answers and dropped connections with exponential backoff and full jitter;
/// a 429 waits for its `Retry-After` (capped). Everything else is final.
public struct RetryPolicy: Sendable {
    /// Total tries, the first included.
    public var maxAttempts: Int
    /// Base delay in seconds for the first retry; doubles each time.
    public var baseDelay: Double
    /// No single wait is longer than this.
    public var maxDelay: Double
    /// The most one request may take in seconds, its tries and waits included: a server that
    /// takes the connection and never answers costs this much, then the request fails.
    public var budget: Double

    public init(maxAttempts: Int = 5, baseDelay: Double = 0.2, maxDelay: Double = 10, budget: Double = 60) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.budget = budget
    }

    /// No retries at all.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// Seconds to wait before try number `attempt + 1` (attempt counts from 1), or `nil` to give up.
    /// `retryAfter` is the server's Retry-After in seconds, if it sent one.
    public func delay(afterAttempt attempt: Int, retryAfter: Double?,
                      random: () -> Double = { Double.random(in: 0...1) }) -> Double? {
        guard attempt < maxAttempts else { return nil }
        // A server's number is not trusted: NaN, ±∞ or a negative wait falls back to backoff.
        if let retryAfter, retryAfter.isFinite, retryAfter >= 0 { return min(retryAfter, maxDelay) }
        let ceiling = min(maxDelay, baseDelay * Double(1 << min(attempt - 1, 20)))
        return ceiling * (0.5 + 0.5 * random())
    }
}

/// A `Retry-After` header value (RFC 9110 §10.2.3): delay-seconds, or an HTTP-date.
///
/// Anything else — `nan`, `inf`, `-1`, `1e99`, text — is `nil`, so a hostile or broken
/// server can neither crash the client nor make it wait forever.
public func retryAfterSeconds(_ value: String, now: Date = Date()) -> Double? {
    let text = value.trimmingCharacters(in: .whitespaces)
    if !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }) { return Double(text) }
    let format = DateFormatter()
    format.locale = Locale(identifier: "en_US_POSIX")
    format.timeZone = TimeZone(identifier: "GMT")
    format.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    guard let date = format.date(from: text) else { return nil }
    return max(date.timeIntervalSince(now), 0)
}
