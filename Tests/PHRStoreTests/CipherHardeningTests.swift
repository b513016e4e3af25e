import Foundation
import GRDB
import GRDBSQLite
import Testing
@testable import PHRStore

/// The key's path into the cipher, secure_delete and the passwd lock (docs/security.md).
@Suite(.serialized) struct CipherHardeningTests {
    let dir: URL
    var path: String { dir.appendingPathComponent("phr.db").path }

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("phr-cipher-\(UUID().uuidString.prefix(8))")
    }

    /// A NUL is a byte of the passphrase like any other: the store opens only with every byte
    /// after it, and no error quotes the part before it.
    @Test func aNULInThePassphraseIsPartOfItAndNoErrorQuotesIt() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let secret = "Ohm-prefix-7c1\u{0}suffix-after-the-nul"
        do {
            try Store.create(at: path, key: .passphrase(secret)).close()
        } catch {
            Issue.record("creating a store with a NUL in its passphrase failed: \(error)")
            #expect(!"\(error)".contains("Ohm-prefix"), "the error quotes the passphrase: \(error)")
            return
        }
        for wrong in ["Ohm-prefix-7c1", "Ohm-prefix-7c1\u{0}", "Ohm-prefix-7c1\u{0}suffix-after-the-nuL"] {
            do {
                try Store.open(at: path, key: .passphrase(wrong)).close()
                Issue.record("opened with \(wrong.debugDescription)")
            } catch {
                #expect(error == .wrongKeyOrNotAStore)
                #expect(!"\(error)".contains("Ohm-prefix"))
            }
        }
        try Store.open(at: path, key: .passphrase(secret)).close()
        // The key cache derives the same key from the same bytes.
        let raw = try #require(Cipher.rawKey(path: path, passphrase: secret))
        #expect(raw != Cipher.rawKey(path: path, passphrase: "Ohm-prefix-7c1"))
        try Store.open(at: path, key: .raw(hex: raw)).close()
    }

    /// Whatever the distribution's compile-time default, a store connection deletes securely:
    /// even a connection that starts with secure_delete off has it on once keyed.
    @Test func secureDeleteIsOnEvenWhenTheConnectionStartsWithItOff() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let queue = try Store.encryptedQueue(path: path, key: .passphrase("pass phrase"), configuration: Self.secureDeleteOff())
        #expect(try queue.read { try Int.fetchOne($0, sql: "PRAGMA secure_delete") } == 1)
        try queue.close()
    }

    /// A deleted row (a logged-out session's token) is gone from every page of the file, not
    /// left in free space for whoever learns the passphrase later; checked on the decrypted
    /// page images, on a connection that started with secure_delete off.
    @Test func deletedRowsLeaveNoTraceInTheDecryptedPages() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let token = "TOKEN-eyJhbGciOiJFUzI1NiJ9-marker"
        let queue = try Store.encryptedQueue(path: path, key: .passphrase("pass phrase"), configuration: Self.secureDeleteOff())
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE session(id INTEGER PRIMARY KEY, body BLOB)")
            try db.execute(sql: "CREATE TABLE other(x TEXT)")
            try db.execute(sql: "INSERT INTO other VALUES ('kept')")
            try db.execute(sql: "INSERT INTO session VALUES (1, ?)", arguments: [Data(token.utf8)])
        }
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        #expect(try Self.decryptedPages(queue).range(of: Data(token.utf8)) != nil, "the scan sees the token while it is stored")
        try queue.write { try $0.execute(sql: "DELETE FROM session") }
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        #expect(try Self.decryptedPages(queue).range(of: Data(token.utf8)) == nil, "the deleted token is still in a page")
        try queue.close()
    }

    /// `phr passwd` does not rewrite a store that another command has open (that command
    /// would go on writing to the replaced file); once it is closed, the rekey goes through.
    @Test func rekeyWaitsForNoOneAndRefusesWhileTheStoreIsOpen() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let open = try Store.create(at: path, key: .passphrase("old passphrase"))
        #expect(throws: (any Error).self) { try Store.rekey(at: path, from: .passphrase("old passphrase"), to: "new passphrase") }
        try open.write { try $0.audit("still open and usable") }
        open.close()
        try Store.open(at: path, key: .passphrase("old passphrase")).close()
        try Store.rekey(at: path, from: .passphrase("old passphrase"), to: "new passphrase")
        try Store.open(at: path, key: .passphrase("new passphrase")).close()
        let mode = try FileManager.default.attributesOfItem(atPath: path + ".lock")[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    static func secureDeleteOff() -> Configuration {
        var config = Configuration()
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA secure_delete = OFF") }
        return config
    }

    /// Every page of the main file as SQLite sees it (decrypted by the VFS's own xRead).
    static func decryptedPages(_ queue: DatabaseQueue) throws -> Data {
        try queue.read { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            var file: UnsafeMutablePointer<sqlite3_file>?
            guard sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_FILE_POINTER, &file) == SQLITE_OK,
                  let file, let read = file.pointee.pMethods?.pointee.xRead else { throw StoreError.io("no file pointer") }
            var all = Data()
            var page = [UInt8](repeating: 0, count: 4096)
            for n in 0..<pages {
                guard read(file, &page, 4096, sqlite3_int64(n) * 4096) == SQLITE_OK else { throw StoreError.io("page \(n + 1)") }
                all.append(contentsOf: page)
            }
            return all
        }
    }
}
