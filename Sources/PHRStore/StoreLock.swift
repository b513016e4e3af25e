import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// An advisory lock beside a store (`phr.db.lock`, 0600) that keeps `phr passwd` from
/// rewriting the file under a running command.
///
/// Every open store holds it shared for as long as it is open; a rekey holds it exclusive.
/// SQLite's own locks cannot do this: the rekey replaces the file by rename, and a command
/// that still had the old file open would go on writing to a file nobody will read again.
/// `flock` locks die with the process, so a crash never leaves the store locked.
final class StoreLock: Sendable {
    /// The lock file's descriptor while the lock is held (closing it releases the lock).
    private let fd: Mutex<Int32?>

    enum Mode { case shared, exclusive }

    /// Takes the lock of the store at `storePath`. A shared lock waits up to `wait` for a
    /// rekey to finish; an exclusive one does not wait for running commands.
    init(storePath: String, _ mode: Mode, wait: Duration = .seconds(30)) throws(StoreError) {
        let path = storePath + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw .io("cannot open \(path) (\(String(cString: strerror(errno))))") }
        let operation = (mode == .shared ? LOCK_SH : LOCK_EX) | LOCK_NB
        let deadline = ContinuousClock.now + (mode == .shared ? wait : .zero)
        while flock(fd, operation) != 0 {
            let error = errno
            guard error == EWOULDBLOCK || error == EINTR else {
                close(fd)
                throw .io("cannot lock \(path) (\(String(cString: strerror(error))))")
            }
            guard ContinuousClock.now < deadline else {
                close(fd)
                throw .busy
            }
            usleep(50_000)
        }
        self.fd = Mutex(fd)
    }

    /// Releases the lock (the store was closed). Safe to call more than once.
    func release() {
        fd.withLock { fd in
            if let open = fd { close(open) }
            fd = nil
        }
    }

    deinit { release() }
}
