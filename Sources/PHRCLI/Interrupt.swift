import Foundation
import UnixSignals
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C during a long command (`phr sync`): the work is cancelled, not killed, so what it
/// committed stays and it can say so.
enum Interrupt {
    /// Runs `operation` in a task that Ctrl-C (SIGINT) cancels. When that happens, prints
    /// `stopped()` (one line, on stderr) and exits 130 once the task has wound down; a second
    /// Ctrl-C (the task stuck, e.g. in a prompt) exits at once with the same line.
    static func onControlC<T: Sendable>(stopped: @escaping @Sendable () -> String,
                                        _ operation: @escaping @Sendable () async throws -> T) async -> Result<T, any Error> {
        let task = Task { try await operation() }
        let signals = await UnixSignalsSequence(trapping: .sigint)
        let watcher = Task {
            var seen = 0
            for await _ in signals {
                seen += 1
                task.cancel()
                if seen > 1 { leave(stopped()) }
            }
        }
        let result = await task.result
        watcher.cancel()
        if task.isCancelled { leave(stopped()) }
        return result
    }

    private static func leave(_ line: String) -> Never {
        Terminal.err(line)
        exit(PHRExit.interrupted.rawValue)
    }
}
