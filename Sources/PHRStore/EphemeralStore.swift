import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A store for one session that must leave nothing behind: a clinic's one-time fetch, or a
/// kiosk citizen's visit (docs/sharing.md, docs/kiosk.md).
///
/// It lives in a fresh 0700 directory on a memory file system when there is one
/// (`$XDG_RUNTIME_DIR`, else `/dev/shm`, else the temp dir), is encrypted like every store,
/// and its key is 32 random bytes held only in this process — no passphrase, no KDF, no
/// keyring. ``destroy()`` closes it and removes the directory with the database, WAL and
/// journal; if the process dies first, what stays is ciphertext whose key died with it.
public final class EphemeralStore: @unchecked Sendable {
    /// The open store.
    public let store: Store
    /// The directory holding it (removed by ``destroy()``).
    public let directory: String
    private let lock = NSLock()
    private var destroyed = false

    /// Creates the directory and the store. `label` names the directory (`phr-<label>-…`).
    public init(label: String) throws(StoreError) {
        var template = Array((Self.base() + "/phr-\(label)-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw .io("cannot create a private directory in \(Self.base())")
        }
        directory = String(cString: made)
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &generator) }
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        for i in bytes.indices { bytes[i] = 0 }
        do {
            store = try Store.create(at: directory + "/session.db", key: .raw(hex: hex))
        } catch {
            Self.remove(directory)
            throw error
        }
    }

    /// Closes the store and deletes its directory. Safe to call more than once.
    public func destroy() {
        lock.lock(); defer { lock.unlock() }
        guard !destroyed else { return }
        destroyed = true
        store.close()
        Self.remove(directory)
    }

    deinit { destroy() }

    /// Removes what a process that died mid-session left of stores labelled `label`
    /// (ciphertext whose key died with it). For a kiosk at start: one kiosk per machine user.
    public static func sweep(label: String) {
        let base = base()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { return }
        for name in names where name.hasPrefix("phr-\(label)-") { remove(base + "/" + name) }
    }

    /// Where ephemeral stores go: a tmpfs when one is writable.
    public static func base() -> String {
        let env = ProcessInfo.processInfo.environment
        for candidate in [env["PHR_EPHEMERAL_DIR"], env["XDG_RUNTIME_DIR"], "/dev/shm", NSTemporaryDirectory()] {
            guard let dir = candidate, !dir.isEmpty, access(dir, W_OK | X_OK) == 0 else { continue }
            return dir.hasSuffix("/") && dir.count > 1 ? String(dir.dropLast()) : dir
        }
        return "/tmp"
    }

    static func remove(_ directory: String) {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
