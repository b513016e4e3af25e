import CPHRProcess
#if canImport(Glibc)
import Glibc
#endif

/// A program the kiosk runs (the printer command, the BP device), started with `posix_spawn` so that it gets
/// nothing it should not: an empty signal mask and every signal at its default (a thread of
/// ours may block SIGTERM or ignore SIGPIPE), no descriptor but stdin on /dev/null and stdout
/// and stderr to files of the caller's (or /dev/null), and its own process group, so that stopping it stops
/// whatever it started.
public struct ChildProcess: Sendable {
    public let pid: pid_t

    /// How the child ended.
    public enum Ending: Equatable, Sendable {
        case exited(Int32)
        case signalled(Int32)
        /// Still running at the deadline: stopped (SIGTERM, then SIGKILL).
        case timedOut
        /// The waiting task was cancelled (card removed, inactivity): stopped the same way.
        case cancelled
    }

    /// Starts `executable` (an absolute path) with `arguments`; stdout goes to `stdoutPath` and
    /// stderr to `stderrPath` (each created 0600), or /dev/null.
    public static func spawn(_ executable: String, _ arguments: [String], stdoutPath: String? = nil,
                             stderrPath: String? = nil) throws(KioskError) -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        phr_spawn_close_from(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard rc == 0 else { throw .cannotStart(executable, String(cString: strerror(rc))) }
        return ChildProcess(pid: pid)
    }

    /// Waits for the child to end; stops it when `timeout` passes or the task is cancelled.
    public func wait(timeout: Duration) async -> Ending {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let ending = reap() { return ending }
            if Task.isCancelled { await stop(); return .cancelled }
            if ContinuousClock.now >= deadline { await stop(); return .timedOut }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// SIGTERM to the child's group; SIGKILL if it is still there 2 s later; reaps it.
    public func stop() async {
        kill(-pid, SIGTERM)
        for _ in 0..<40 {
            if reap() != nil { return }
            try? await Task.sleep(for: .milliseconds(50))
        }
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    /// The ending, if the child has ended (without blocking).
    private func reap() -> Ending? {
        var status: Int32 = 0
        let rc = waitpid(pid, &status, WNOHANG)
        guard rc == pid else { return rc < 0 ? .exited(-1) : nil }
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
    }
}
