/// What can go wrong in the kiosk's own machinery (not the citizen's visit).
public enum KioskError: Error, Equatable, Sendable {
    /// A program (the printer command) could not be started.
    case cannotStart(String, String)
    /// A setting of the kiosk file is wrong: what to fix, in one line.
    case badSetting(String)
}
