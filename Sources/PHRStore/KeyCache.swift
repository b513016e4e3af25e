import CPHRCipher
import Foundation

/// The store's derived key cached in the Linux kernel session keyring, so commands run soon
/// after `phr unlock` skip the passphrase and the KDF. The key lives only in the kernel (never
/// on disk), expires after the chosen time, and `phr lock` (or logging out of the session)
/// removes it. Containers whose seccomp profile blocks `add_key`/`keyctl` simply get no cache.
public enum KeyCache {
    static func description(_ path: String) -> String {
        "phr:" + URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Derives the key of the store at `path` from `passphrase` and caches it for `seconds`.
    /// Returns false when the keyring is not available here.
    public static func remember(path: String, passphrase: String, seconds: UInt32) -> Bool {
        guard let hex = Cipher.rawKey(path: path, passphrase: passphrase), var key = Store.bytes(hex) else { return false }
        defer { key.withUnsafeMutableBytes { memset_s_compat($0) } }
        return phr_keyring_store(description(path), key, seconds) == 0
    }

    /// The cached key of the store at `path`, if any.
    public static func cached(path: String) -> StoreKey? {
        var key = [UInt8](repeating: 0, count: 32)
        defer { key.withUnsafeMutableBytes { memset_s_compat($0) } }
        guard phr_keyring_load(description(path), &key) == 0 else { return nil }
        return .raw(hex: key.map { String(format: "%02x", $0) }.joined())
    }

    /// Removes the cached key; returns whether there was one.
    @discardableResult
    public static func forget(path: String) -> Bool {
        phr_keyring_clear(description(path)) == 0
    }
}
