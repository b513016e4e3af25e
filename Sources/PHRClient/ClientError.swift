import PHRWire

/// Everything that can go wrong talking to the PHR service.
public enum ClientError: Error, Sendable, Equatable {
    /// The server URL is unusable (not https for a non-loopback host, malformed …).
    case badServerURL(String, reason: String)
    /// The CA file could not be read.
    case badCAFile(String)
    /// The server could not be reached (connection refused, DNS, TLS, timeout, reset).
    case unreachable(String)
    /// The server answered with an error envelope or status we do not retry.
    case refused(status: Int, messageCode: Int?, message: String)
    /// HTTP 2xx, but the envelope's `MessageCode` is not 200: the service did not do it.
    case unsuccessful(messageCode: Int, message: String)
    /// The service at this address has no such path (404 without an envelope): most likely
    /// the address of another service was configured for it.
    case noSuchEndpoint(Service, url: String)
    /// Way 2 (the card at a health unit) was refused: the card agent did not approve, the unit's
    /// client was not accepted, or GetPHROTP gave no OTP. The phone OTP (way 1) still works.
    case cardLoginRefused(String)
    /// The OTP is wrong; `attemptsLeft` when the server says.
    case wrongOTP(attemptsLeft: Int?)
    /// The OTP or session expired: log in again.
    case sessionExpired
    /// Too many wrong OTPs: the server locked further tries.
    case lockedOut(retryAfterSeconds: Int?)
    /// The token is for another citizen than the one asked for.
    case wrongCitizen
    /// The server kept failing (5xx, resets, 429) after every retry.
    case gaveUp(attempts: Int, lastProblem: String)
    /// The server sent something that is not the documented format.
    case malformedResponse(String)
    /// The access token's signature, algorithm, issuer, audience or expiry is wrong.
    case invalidToken(String)
    /// The OAuth redirect came back with a different `state` (possible CSRF), or an error.
    case authorizationFailed(String)
    /// The response was larger than we accept.
    case responseTooLarge(limit: Int)
    /// A consent code was refused (unknown, expired, revoked, used up, other unit, out of
    /// scope, rate limited); the server's message says more.
    case consentRefused(ConsentRefusal, message: String, retryAfterSeconds: Int?)
}
