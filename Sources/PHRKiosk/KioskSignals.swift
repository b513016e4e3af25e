import NIOConcurrencyHelpers
import UnixSignals

/// SIGTERM, SIGHUP and SIGINT ask the kiosk to wipe and stop (in raw mode Ctrl-C is a key, so
/// SIGINT only comes from outside). The visit's loops poll `stopRequested` between steps.
public enum KioskSignals {
    private static let flag = NIOLockedValueBox(false)

    /// Whether a stop was asked for (a signal, or the terminal hanging up).
    public static var stopRequested: Bool { flag.withLockedValue { $0 } }

    /// Asks the kiosk to stop (the terminal went away).
    public static func requestStop() { flag.withLockedValue { $0 = true } }

    /// Starts trapping the stop signals; call once, before the first visit.
    public static func install() async {
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sighup, .sigint)
        Task.detached {
            for await _ in signals { requestStop() }
        }
    }
}
