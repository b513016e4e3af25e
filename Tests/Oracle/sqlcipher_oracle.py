#!/usr/bin/env python3
"""SQLCipher 4 oracle (apsw-sqlite3mc, cipher=sqlcipher legacy=4) for the store tests.

  sqlcipher_oracle.py read FILE PASSPHRASE SQL     prints each row as JSON
  sqlcipher_oracle.py write FILE PASSPHRASE        creates a SQLCipher 4 file with a marker table
Exit 2 when the file is not a database or the key is wrong, 3 on corruption.
"""
import json
import sys

import apsw


def connect(path, passphrase):
    db = apsw.Connection(path)
    db.pragma("cipher", "sqlcipher")
    db.pragma("legacy", 4)
    db.pragma("key", passphrase)
    return db


def main():
    cmd, path, passphrase = sys.argv[1:4]
    try:
        db = connect(path, passphrase)
        if cmd == "read":
            settings = {k: int(db.pragma(k)) for k in ("kdf_iter", "hmac_algorithm", "kdf_algorithm", "page_size")}
            assert settings == {"kdf_iter": 256000, "hmac_algorithm": 2, "kdf_algorithm": 2, "page_size": 4096}, settings
            for row in db.execute(sys.argv[4]):
                print(json.dumps(list(row), ensure_ascii=False, default=str))
        elif cmd == "write":
            db.execute("CREATE TABLE marker(id INTEGER PRIMARY KEY, text TEXT)")
            db.execute("INSERT INTO marker(text) VALUES ('written by SQLCipher 4 ม้า')")
            db.close()
    except apsw.NotADBError:
        sys.exit(2)
    except apsw.CorruptError:
        sys.exit(3)


if __name__ == "__main__":
    main()
