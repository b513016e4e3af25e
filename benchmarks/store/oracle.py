#!/usr/bin/env python3
"""The same workload as benchmarks/store/main.swift on SQLCipher 4 (apsw-sqlite3mc, legacy=4)."""
import json
import os
import random
import sys
import time

import apsw

directory, rows = sys.argv[1], int(sys.argv[2])
path = os.path.join(directory, "oracle.db")
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(path + suffix):
        os.remove(path + suffix)
db = apsw.Connection(path)
db.pragma("cipher", "sqlcipher")
db.pragma("legacy", 4)
db.pragma("key", "benchmark passphrase")
db.execute("PRAGMA journal_mode=WAL")
body = '{"systolic":138,"diastolic":86,"unit":"10699","note":"ความดันโลหิต"}' * 4
out = {}

t = time.perf_counter()
with db:
    db.execute("CREATE TABLE record(key TEXT PRIMARY KEY, kind TEXT NOT NULL, sort_key INTEGER, unit TEXT, body BLOB) WITHOUT ROWID")
    db.execute("CREATE INDEX record_by_date ON record(kind, sort_key)")
    db.executemany("INSERT INTO record VALUES (?, ?, ?, ?, ?)",
                   ((f"k{i}", "vitals" if i % 4 == 0 else "meds", 20150101 + i, "10699", body) for i in range(rows)))
out["insert"] = time.perf_counter() - t

t = time.perf_counter()
for _ in range(2000):
    db.execute("SELECT body FROM record WHERE key = ?", (f"k{random.randrange(rows)}",)).fetchall()
out["point_lookups_2000"] = time.perf_counter() - t

t = time.perf_counter()
for _ in range(200):
    db.execute("SELECT body FROM record WHERE kind = 'vitals' ORDER BY sort_key DESC LIMIT 50").fetchall()
out["newest_50_vitals_x200"] = time.perf_counter() - t

t = time.perf_counter()
for i in range(20):
    start = 20150101 + (rows // 20) * (i % 10)
    db.execute("SELECT sum(length(body)) FROM record WHERE kind = 'meds' AND sort_key BETWEEN ? AND ?",
               (start, start + rows // 10)).fetchall()
out["range_scan_10pct_x20"] = time.perf_counter() - t
print(json.dumps(out, sort_keys=True))
