import Foundation
import PHRClient
import PHRModel

/// A logged-in citizen: what `phr login` stores (encrypted) and `phr sync` reads with.
public struct Session: Sendable, Codable, Equatable {
    /// How the consent was given.
    public enum Method: String, Sendable, Codable {
        /// Way 1: OTP sent to the citizen's หมอพร้อม app.
        case otp
        /// Way 3: Health ID authorization code + PKCE, bearer JWT.
        case oauth
        /// Way 2: Thai ID card + OAuth code, then the PHR OTP.
        case card
    }

    public var method: Method
    public var credential: Credential
    /// The server the credential belongs to (a session never follows `--server` elsewhere).
    public var server: String
    /// The Account Center and Health ID the login used (nil in sessions saved before they were
    /// recorded): later commands use them too, unless a flag or the environment says otherwise.
    public var accountServer: String?
    public var healthIDServer: String?
    /// When the OTP or token stops working, per the server (OTP: 1 h after it was issued).
    public var expiresAt: Date
    public var loggedInAt: Date

    public init(method: Method, credential: Credential, server: String, expiresAt: Date, loggedInAt: Date = Date()) {
        self.method = method
        self.credential = credential
        self.server = server
        self.expiresAt = expiresAt
        self.loggedInAt = loggedInAt
    }

    /// The citizen the session is for.
    public var citizen: CitizenID? { try? CitizenID(credential.cid) }

    /// Whether the session is still usable at `now`, with a margin so a sync does not start
    /// seconds before expiry.
    public func isValid(at now: Date = Date(), margin: TimeInterval = 30) -> Bool {
        now.addingTimeInterval(margin) < expiresAt
    }
}
