import PHRClient
import PHRRender
import PHRStore

/// What the kiosk's visit loop (``Kiosk``) needs from the program around it: where the
/// services are and the unit's accounts (from its settings file), and the PDF report. `phr
/// kiosk` implements it from its config; the loop itself knows nothing of files or flags.
public protocol KioskHost: Sendable {
    /// Runs `body` with a client for the kiosk's PHR services and closes its connections afterwards.
    func withService(_ body: (PHRService) async throws -> Void) async throws
    /// The unit's Account Center account (its hospital code is the kiosk's).
    func clientAccount() throws -> ClientAccount
    /// The unit's client at the PHR service's OAuth2, for the card login (way 2).
    func cardClient() throws -> CardClient
    /// Writes the record in `store` as the PDF report (`phr export --format pdf`) to `path`.
    func writePDF(_ store: Store, to path: String, options: DisplayOptions) throws
    /// `system_name` of what the kiosk uploads: the program and its version.
    var systemName: String { get }
    /// A failure of the host's own (a setting, a file), as one line for the staff log; never
    /// anything of the citizen.
    func staffLine(_ error: any Error) -> String
}
