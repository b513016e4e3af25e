import CPHRCipher
import Foundation
import GRDB
import PHRModel

/// Everything that can go wrong with the local store.
public enum StoreError: Error, Sendable, Equatable {
    /// The passphrase is wrong, or the file is not a phr store.
    case wrongKeyOrNotAStore
    /// No store at this path yet (`phr init` creates one).
    case notFound(String)
    /// A store already exists at this path.
    case alreadyExists(String)
    /// A page failed its integrity (HMAC) check: the file was damaged or tampered with.
    case damaged(String)
    /// The disk is full; the transaction was rolled back and nothing was lost.
    case diskFull
    /// `phr passwd` is rewriting the store, or (for `phr passwd`) another command has it open.
    case busy
    /// The file at this path is empty (0 bytes): not a store, and never silently made into a
    /// new one (that would hide a loss and accept any passphrase).
    case empty(String)
    /// Another I/O problem (permissions, read-only disk …), with SQLite's message.
    case io(String)
    /// The store belongs to `owner`; nothing of `given`, another citizen, may go into it.
    case otherCitizen(owner: CitizenID, given: CitizenID)
}

/// How the store is unlocked: a passphrase (PBKDF2, 256,000 iterations) or the raw 32-byte
/// key derived from it (hex), as cached in the kernel keyring.
public enum StoreKey: Sendable {
    case passphrase(String)
    case raw(hex: String)
}

/// The encrypted local copy of one citizen's PHR (docs/store.md).
///
/// One file, `phr.db`, in SQLCipher 4 format, opened through the CPHRCipher VFS; WAL mode;
/// one connection (the key is derived once per open). Records live in one table per
/// ``RecordKind`` with the same columns: natural key, sort date, provenance, quality flags,
/// a content hash (so a re-sync knows "unchanged" without decoding) and the record as JSON.
public final class Store: Sendable {
    let queue: DatabaseQueue
    /// The file path.
    public let path: String
    /// Held (shared) while the store is open: `phr passwd` waits for no one (see StoreLock).
    private let lock: StoreLock
    /// False when the lock is a rekey's exclusive one, which outlives this connection.
    private let ownsLock: Bool

    /// Opens an existing store.
    public static func open(at path: String, key: StoreKey) throws(StoreError) -> Store {
        guard FileManager.default.fileExists(atPath: path) else { throw .notFound(path) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        if size == 0 { throw .empty(path) }
        return try Store(path: path, key: key)
    }

    /// Creates a new store (the directory is created 0700, the file is 0600).
    public static func create(at path: String, key: StoreKey) throws(StoreError) -> Store {
        guard !FileManager.default.fileExists(atPath: path) else { throw .alreadyExists(path) }
        let dir = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .io("cannot create \(dir)")
        }
        do { return try Store(path: path, key: key) } catch {
            // What SQLite created before failing (e.g. libcrypto could not key it) is no store.
            for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
            throw error
        }
    }

    private init(path: String, key: StoreKey, lock: StoreLock? = nil) throws(StoreError) {
        self.path = path
        let old = umask(0o077)
        defer { umask(old) }
        if let lock { self.lock = lock } else { self.lock = try StoreLock(storePath: path, .shared) }
        ownsLock = lock == nil
        var config = Configuration()
        config.label = "phr-store"
        config.journalMode = .wal
        // Wait (rather than fail) if the file is briefly locked, e.g. during WAL recovery.
        config.busyMode = .timeout(10)
        _ = Cipher.takeFailures()
        queue = try Self.encryptedQueue(path: path, key: key, configuration: config)
        do {
            try Schema.migrator.migrate(queue)
            // A page that fails its HMAC while opening (e.g. a damaged WAL frame during recovery)
            // must not pass silently. The torn last frame a kill leaves is not counted: the
            // cipher tells it apart from damage (see wal_frame_is_damage).
            if let failure = Cipher.takeFailures().first { throw StoreError.damaged(failure) }
        } catch {
            throw StoreError(error)
        }
    }

    /// An encrypted GRDB connection to any file, with the same VFS and key handling as a
    /// store but without phr's schema: for tools and benchmarks.
    public static func encryptedQueue(path: String, key: StoreKey, configuration: Configuration = Configuration()) throws(StoreError) -> DatabaseQueue {
        guard Cipher.registered else { throw .io("cannot register the encrypting VFS") }
        var config = configuration
        config.prepareDatabase { db in
            try Cipher.apply(key, to: db)
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        do { return try DatabaseQueue(path: Cipher.uri(path), configuration: config) } catch { throw StoreError(error) }
    }

    /// Reads in a transaction.
    public func read<T>(_ body: (StoreReader) throws -> T) throws(StoreError) -> T {
        do { return try queue.read { db in try body(StoreReader(db: db)) } } catch { throw StoreError(error) }
    }

    /// Writes in one transaction: all of `body` is committed, or none of it.
    public func write<T>(_ body: (StoreWriter) throws -> T) throws(StoreError) -> T {
        do { return try queue.write { db in try body(StoreWriter(db: db)) } } catch { throw StoreError(error) }
    }

    /// The record, filtered by `query`, newest first per kind.
    public func record(_ query: RecordQuery = RecordQuery()) throws(StoreError) -> HealthRecord {
        try read { try $0.record(query) }
    }

    /// The citizen the store belongs to, if it is bound yet.
    public func owner() throws(StoreError) -> CitizenID? {
        try read { try $0.owner() }
    }

    /// Refuses `citizen` when the store belongs to another citizen; binds nothing. For checks
    /// before anything is spent (an OTP) or fetched.
    public func check(citizen: CitizenID) throws(StoreError) {
        if let owner = try owner(), owner != citizen { throw .otherCitizen(owner: owner, given: citizen) }
    }

    /// Binds the store to `citizen` if it belongs to nobody yet; refuses another citizen. One
    /// store holds one person's record (profiles keep a family's records apart).
    public func claim(for citizen: CitizenID) throws(StoreError) {
        try write { try $0.claim(citizen) }
    }

    /// `PRAGMA integrity_check` plus a read of every page (which verifies every page's HMAC).
    /// Returns the problems found; empty means healthy.
    public func check() throws(StoreError) -> [String] {
        do {
            return try queue.read { db in
                var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
                for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") {
                    _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.quotedDatabaseIdentifier)")
                }
                problems += Cipher.takeFailures()
                return problems
            }
        } catch {
            throw StoreError(error)
        }
    }

    /// Changes the passphrase of the store at `path` (which must not be open elsewhere):
    /// every page is rewritten under the new key into a temporary file that replaces the
    /// store atomically, so a crash leaves either the old or the new file, never a mix.
    /// Fails with ``StoreError/busy`` while another command has the store open.
    public static func rekey(at path: String, from old: StoreKey, to newPassphrase: String) throws(StoreError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .notFound(path) }
        let lock = try StoreLock(storePath: path, .exclusive)
        defer { withExtendedLifetime(lock) {} }
        try Store(path: path, key: old, lock: lock).close()
        let oldHex: String?
        switch old {
        case .passphrase(let p): oldHex = Cipher.rawKey(path: path, passphrase: p)
        case .raw(let hex): oldHex = hex
        }
        guard var oldKey = oldHex.flatMap(Self.bytes), var newKey = Cipher.rawKey(path: path, passphrase: newPassphrase).flatMap(Self.bytes)
        else { throw .io("cannot read \(path)") }
        defer {
            oldKey.withUnsafeMutableBytes { memset_s_compat($0) }
            newKey.withUnsafeMutableBytes { memset_s_compat($0) }
        }
        guard phr_cipher_rekey(path, oldKey, newKey) == 0 else {
            throw .io("could not rewrite \(path) under the new passphrase; the old passphrase still works")
        }
    }

    static func bytes(_ hex: String) -> [UInt8]? {
        var out: [UInt8] = []
        var it = hex.makeIterator()
        while let a = it.next(), let b = it.next() {
            guard let v = UInt8(String([a, b]), radix: 16) else { return nil }
            out.append(v)
        }
        return out.count == 32 ? out : nil
    }

    /// Checkpoints the WAL into the main file and closes.
    public func close() {
        _ = try? queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try? queue.close()
        if ownsLock { lock.release() }
    }

    /// The file size in bytes (db + WAL).
    public var sizeOnDisk: Int64 {
        ["", "-wal"].reduce(0) { sum, suffix in
            sum + ((try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? Int64) ?? 0)
        }
    }
}

extension StoreError {
    /// Classifies a GRDB/SQLite error.
    init(_ error: any Error) {
        if let e = error as? StoreError { self = e; return }
        guard let db = error as? DatabaseError else { self = .io(String(describing: error).prefix(200).description); return }
        switch db.resultCode {
        case .SQLITE_NOTADB: self = .wrongKeyOrNotAStore
        case .SQLITE_CORRUPT: self = .damaged(Cipher.takeFailures().first ?? "the database structure is damaged")
        case .SQLITE_FULL: self = .diskFull
        case .SQLITE_IOERR where db.extendedResultCode.rawValue == 13 << 8 | 10: self = .diskFull
        default: self = .io(db.message ?? "SQLite error \(db.resultCode.rawValue)")
        }
    }
}

/// Which part of the record to read.
public struct RecordQuery: Sendable, Equatable {
    public var kinds: Set<RecordKind>
    /// Only records dated on or after this day (undated records are kept).
    public var since: CivilDateTime?
    /// Only records from this unit.
    public var unit: HospitalCode?
    /// At most this many records per kind (newest first).
    public var limit: Int?

    public init(kinds: Set<RecordKind> = Set(RecordKind.allCases), since: CivilDateTime? = nil,
                unit: HospitalCode? = nil, limit: Int? = nil) {
        self.kinds = kinds; self.since = since; self.unit = unit; self.limit = limit
    }
}

extension RecordQuery {
    /// The records the tables of `scope` show: its kinds that were shared, under its filter.
    public init(_ scope: RecordScope) {
        self.init(kinds: Set(scope.kinds).intersection(scope.shared), since: scope.since, unit: scope.unit, limit: scope.limit)
    }
}

/// How many records an upsert added, changed and left alone. (How many records are flagged is
/// a property of the store, not of one upsert: ``StoreReader/tally()``.)
public struct UpsertCounts: Sendable, Equatable, Codable {
    public var new = 0
    public var updated = 0
    public var unchanged = 0

    public init(new: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.new = new; self.updated = updated; self.unchanged = unchanged
    }

    public static func += (a: inout UpsertCounts, b: UpsertCounts) {
        a.new += b.new; a.updated += b.updated; a.unchanged += b.unchanged
    }

    public var total: Int { new + updated + unchanged }
}

/// Where `phr` keeps its stores: under `$PHR_HOME`, else `$XDG_DATA_HOME/phr`, else
/// `~/.local/share/phr`. The default profile's store is `phr.db` there (where every store was
/// before profiles); profile NAME's is `profiles/NAME/phr.db` (docs/store.md).
public enum StoreLocation {
    public static var directory: String {
        let env = ProcessInfo.processInfo.environment
        if let home = env["PHR_HOME"], !home.isEmpty { return home }
        if let data = env["XDG_DATA_HOME"], !data.isEmpty { return data + "/phr" }
        return NSHomeDirectory() + "/.local/share/phr"
    }

    /// The name of the profile whose store is `phr.db` itself.
    public static let defaultProfile = "default"

    /// The directory that holds one directory per named profile.
    public static var profilesDirectory: String { directory + "/profiles" }

    /// The store of `profile` (nil or ``defaultProfile``: the default store).
    public static func file(profile: String? = nil) -> String {
        guard let profile, profile != defaultProfile else { return directory + "/phr.db" }
        return profilesDirectory + "/" + profile + "/phr.db"
    }

    /// Whether `name` can name a profile: 1 to 32 ASCII letters, digits, `-` or `_`, starting
    /// with a letter or digit (it becomes a directory name, so nothing else is allowed).
    public static func isValidProfileName(_ name: String) -> Bool {
        let u = Array(name.utf8)
        func allowed(_ b: UInt8) -> Bool { (48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b) }
        guard (1...32).contains(u.count), allowed(u[0]) else { return false }
        return u.allSatisfy { allowed($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    /// The profiles that have a store, the default first, then by name.
    public static func profiles() -> [String] {
        let fm = FileManager.default
        let named = ((try? fm.contentsOfDirectory(atPath: profilesDirectory)) ?? [])
            .filter { isValidProfileName($0) && $0 != defaultProfile && fm.fileExists(atPath: file(profile: $0)) }
            .sorted()
        return (fm.fileExists(atPath: file()) ? [defaultProfile] : []) + named
    }
}
