// The store benchmark's Swift side: one workload on plain SQLite or on phr's encrypted store.
//   StoreBenchmark plain|encrypted DIR ROWS   → one JSON line of seconds per operation
// benchmarks/store/run.sh runs both and the SQLCipher 4 oracle (oracle.py) and prints ratios.
// Plain runs never touch PHRStore, so the encrypting VFS is not even registered in that process.
import Foundation
import GRDB
import PHRStore

let args = CommandLine.arguments
guard args.count == 4, let rows = Int(args[3]) else {
    FileHandle.standardError.write(Data("usage: StoreBenchmark plain|encrypted DIR ROWS\n".utf8))
    exit(64)
}
let path = args[2] + "/\(args[1]).db"
try? FileManager.default.removeItem(atPath: path)
var config = Configuration()
config.journalMode = .wal
let queue: DatabaseQueue = args[1] == "encrypted"
    ? try Store.encryptedQueue(path: path, key: .passphrase("benchmark passphrase"), configuration: config)
    : try DatabaseQueue(path: path, configuration: config)

func time(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let body = String(repeating: "{\"systolic\":138,\"diastolic\":86,\"unit\":\"10699\",\"note\":\"ความดันโลหิต\"}", count: 4)
var results: [String: Double] = [:]
results["insert"] = try time {
    try queue.write { db in
        try db.execute(sql: "CREATE TABLE record(key TEXT PRIMARY KEY, kind TEXT NOT NULL, sort_key INTEGER, unit TEXT, body BLOB) WITHOUT ROWID")
        try db.execute(sql: "CREATE INDEX record_by_date ON record(kind, sort_key)")
        let insert = try db.makeStatement(sql: "INSERT INTO record VALUES (?, ?, ?, ?, ?)")
        for i in 0..<rows {
            try insert.execute(arguments: ["k\(i)", i % 4 == 0 ? "vitals" : "meds", 20_150_101 + i, "10699", body])
        }
    }
}
var rng = SystemRandomNumberGenerator()
results["point_lookups_2000"] = try time {
    try queue.read { db in
        let lookup = try db.makeStatement(sql: "SELECT body FROM record WHERE key = ?")
        for _ in 0..<2000 { _ = try Data.fetchOne(lookup, arguments: ["k\(Int.random(in: 0..<rows, using: &rng))"]) }
    }
}
results["newest_50_vitals_x200"] = try time {
    try queue.read { db in
        for _ in 0..<200 { _ = try Row.fetchAll(db, sql: "SELECT body FROM record WHERE kind = 'vitals' ORDER BY sort_key DESC LIMIT 50") }
    }
}
results["range_scan_10pct_x20"] = try time {
    try queue.read { db in
        for i in 0..<20 {
            let from = 20_150_101 + (rows / 20) * (i % 10)
            _ = try Int.fetchOne(db, sql: "SELECT sum(length(body)) FROM record WHERE kind = 'meds' AND sort_key BETWEEN ? AND ?",
                                 arguments: [from, from + rows / 10])
        }
    }
}
try queue.close()
let json = try JSONSerialization.data(withJSONObject: results, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))
