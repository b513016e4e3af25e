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

    public init(maxAttempts: Int = 5, baseDelay: Double = 0.2, maxDelay: Double = 10) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// No retries at all.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// Seconds to wait before try number `attempt + 1` (attempt counts from 1), or `nil` to give up.
    /// `retryAfter` is the server's Retry-After in seconds, if it sent one.
    public func delay(afterAttempt attempt: Int, retryAfter: Double?,
                      random: () -> Double = { Double.random(in: 0...1) }) -> Double? {
        guard attempt < maxAttempts else { return nil }
        if let retryAfter { return min(max(retryAfter, 0), maxDelay) }
        let ceiling = min(maxDelay, baseDelay * Double(1 << min(attempt - 1, 20)))
        return ceiling * (0.5 + 0.5 * random())
    }
}
