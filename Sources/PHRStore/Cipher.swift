import CPHRCipher
import Foundation
import GRDB

/// The Swift side of the CPHRCipher VFS: registration, keys, failure reports.
enum Cipher {
    /// Registered once per process, before the first connection opens.
    static let registered: Bool = phr_cipher_register() == 0

    /// The SQLite URI that opens `path` through the encrypting VFS (registered by name only,
    /// never as the process's default). Should a SQLite build ignore URIs, the file would open
    /// through another VFS, and ``apply(_:to:)`` refuses it before anything is read or written.
    static func uri(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?vfs=phrcipher"
    }

    /// Runs first on every connection: keys it, turns secure_delete on, and on a new file
    /// reserves the 80 bytes per page that hold each page's IV and HMAC.
    ///
    /// The key goes to the VFS as bytes (`phr_cipher_key`), never in SQL text: a NUL cannot
    /// cut a passphrase short, and no SQL error can echo any part of it.
    static func apply(_ key: StoreKey, to db: Database) throws {
        let connection = UnsafeMutableRawPointer(db.sqliteConnection)
        // Never let a store be opened, let alone written, without encryption.
        guard registered, phr_cipher_is_active(connection) == 1 else {
            throw StoreError.io("the encrypting VFS is not active; refusing to open the store")
        }
        let rc: Int32
        switch key {
        case .passphrase(let p):
            var bytes = Array(p.utf8)
            defer { bytes.withUnsafeMutableBytes { memset_s_compat($0) } }
            rc = phr_cipher_key(connection, bytes, bytes.count, 0)
        case .raw(let hex):
            guard var bytes = Store.bytes(hex) else { throw StoreError.wrongKeyOrNotAStore }
            defer { bytes.withUnsafeMutableBytes { memset_s_compat($0) } }
            rc = phr_cipher_key(connection, bytes, bytes.count, 1)
        }
        guard rc == 0 else { throw StoreError.io("cannot set the store's key (SQLite code \(rc))") }
        // Deleted rows (a logged-out session, a revoked share) are overwritten, not left in free
        // space, whatever the distribution's compile-time default.
        try db.execute(sql: "PRAGMA secure_delete = ON")
        guard try Int.fetchOne(db, sql: "PRAGMA secure_delete") == 1 else { throw StoreError.io("cannot turn secure_delete on") }
        if try Int.fetchOne(db, sql: "PRAGMA page_count") == 0 {
            let rc = phr_cipher_reserve_bytes(UnsafeMutableRawPointer(db.sqliteConnection))
            guard rc == 0 else { throw StoreError.io("cannot reserve page space for encryption (\(rc))") }
        }
    }

    /// Page failures recorded by the VFS since the last call ("page 7 failed its HMAC check").
    static func takeFailures() -> [String] {
        var out: [String] = []
        var buf = [CChar](repeating: 0, count: 128)
        while phr_cipher_take_failure(&buf, buf.count) == 1 {
            out.append(String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return out
    }

    /// The raw key of the store at `path` for `passphrase` (hex), for the keyring cache.
    static func rawKey(path: String, passphrase: String) -> String? {
        var key = [UInt8](repeating: 0, count: 32)
        defer { key.withUnsafeMutableBytes { memset_s_compat($0) } }
        var bytes = Array(passphrase.utf8)
        defer { bytes.withUnsafeMutableBytes { memset_s_compat($0) } }
        let ok = bytes.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { phr_cipher_file_key(path, $0.baseAddress, $0.count, &key) }
        } == 0
        return ok ? key.map { String(format: "%02x", $0) }.joined() : nil
    }
}

/// Overwrites a buffer in a way the optimiser will not drop.
func memset_s_compat(_ buffer: UnsafeMutableRawBufferPointer) {
    guard let base = buffer.baseAddress else { return }
    let volatile = base.assumingMemoryBound(to: UInt8.self)
    for i in 0..<buffer.count { volatile.advanced(by: i).pointee = 0 }
    withExtendedLifetime(buffer) {}
}
