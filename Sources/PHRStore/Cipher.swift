import CPHRCipher
import Foundation
import GRDB

/// The Swift side of the CPHRCipher VFS: registration, keys, failure reports.
enum Cipher {
    /// Registered once per process, before the first connection opens.
    static let registered: Bool = phr_cipher_register() == 0

    /// Runs first on every connection: keys it, and on a new file reserves the 80 bytes per
    /// page that hold each page's IV and HMAC.
    static func apply(_ key: StoreKey, to db: Database) throws {
        // Never let a store be opened, let alone written, without encryption.
        guard registered, phr_cipher_is_active(UnsafeMutableRawPointer(db.sqliteConnection)) == 1 else {
            throw StoreError.io("the encrypting VFS is not active; refusing to open the store")
        }
        switch key {
        case .passphrase(let p):
            try db.execute(sql: "PRAGMA key = '\(p.replacingOccurrences(of: "'", with: "''"))'")
        case .raw(let hex):
            guard hex.count == 64, hex.allSatisfy(\.isHexDigit) else { throw StoreError.wrongKeyOrNotAStore }
            try db.execute(sql: "PRAGMA key = \"x'\(hex)'\"")
        }
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
        let ok = passphrase.withCString { phr_cipher_file_key(path, $0, strlen($0), &key) } == 0
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
