/* libFuzzer target for the store cipher's page decoder (Sources/CPHRCipher/phr_cipher.c): a
 * stolen, damaged or hostile phr.db must give an error, never undefined behaviour. Built by
 * fuzz/run.sh cipher with AddressSanitizer and UndefinedBehaviorSanitizer; the cipher source is
 * included whole so the static decoder is reached directly. The first input byte picks a mode:
 *   0  a random page (and page number) through decrypt_page: it must fail its HMAC (or be the
 *      all-zero page), nothing else;
 *   1  a page given a valid HMAC under the test key, so AES-CBC decrypts arbitrary ciphertext:
 *      it must decode, and re-encrypting and decoding again must give the same page;
 *   2  the rest is a whole phr.db, opened through the VFS with the test key and read by SQLite
 *      (integrity check, every table): any error is fine, a crash is not;
 *   3  like 2 with a WAL: two bytes give the main file's length in pages, the rest is the WAL.
 * Seeds (real stores under the test key) are written by `PHR_CIPHER_SEEDS=DIR fuzz -runs=0`. */
#include "../Sources/CPHRCipher/phr_cipher.c"

#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>

static const unsigned char test_key[32] = "phr cipher fuzz key, not secret";
static keys fuzz_keys;
static pfile fuzz_file;
static char dir[256];

static void check(int ok, const char *what) {
    if (!ok) { fprintf(stderr, "cipher fuzz: %s\n", what); abort(); }
}

static int exec_all(sqlite3 *db, const char *sql) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {}
    sqlite3_finalize(st);
    return rc;
}

static sqlite3 *open_keyed(const char *path) {
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "phrcipher") != SQLITE_OK ||
        phr_cipher_key(db, test_key, 32, 1) != SQLITE_OK) {
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

static void write_file(const char *path, const uint8_t *data, size_t size) {
    FILE *f = fopen(path, "wb");
    check(f != NULL, "cannot write a scratch file");
    if (size) check(fwrite(data, 1, size, f) == size, "short write");
    fclose(f);
}

/* Real stores under the test key: one with a rollback journal, one left with WAL frames. */
static void make_seeds(const char *out) {
    for (int wal = 0; wal <= 1; wal++) {
        char db_path[512], wal_path[520], seed[600];
        snprintf(db_path, sizeof db_path, "%s/seed.db", dir);
        snprintf(wal_path, sizeof wal_path, "%s-wal", db_path);
        unlink(db_path); unlink(wal_path);
        sqlite3 *db = open_keyed(db_path);
        check(db && phr_cipher_reserve_bytes(db) == SQLITE_OK, "cannot create a seed store");
        exec_all(db, wal ? "PRAGMA journal_mode=WAL" : "PRAGMA journal_mode=DELETE");
        exec_all(db, "PRAGMA wal_autocheckpoint=0");
        check(sqlite3_exec(db, "CREATE TABLE vitals(key TEXT PRIMARY KEY, body TEXT);"
                               "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<40) "
                               "INSERT INTO vitals SELECT 'k'||i, printf('%.*c', 200, 'x') FROM n;", NULL, NULL, NULL) == SQLITE_OK,
              "cannot fill a seed store");
        /* Read both files while the connection is open (the WAL still holds the frames). */
        FILE *m = fopen(db_path, "rb"), *w = wal ? fopen(wal_path, "rb") : NULL;
        static uint8_t buf[1 << 20];
        size_t main_len = fread(buf + 3, 1, sizeof buf / 2, m), n;
        fclose(m);
        if (wal) {
            buf[0] = 3; buf[1] = (uint8_t)(main_len / PAGE >> 8); buf[2] = (uint8_t)(main_len / PAGE);
            n = 3 + main_len + fread(buf + 3 + main_len, 1, sizeof buf / 2, w);
            fclose(w);
        } else {
            buf[0] = 2;
            memmove(buf + 1, buf + 3, main_len);
            n = 1 + main_len;
        }
        sqlite3_close(db);
        snprintf(seed, sizeof seed, "%s/store-%s", out, wal ? "wal" : "journal");
        write_file(seed, buf, n);
    }
}

static void remove_dir(void) { rmdir(dir); }

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc; (void)argv;
    check(phr_cipher_register() == SQLITE_OK, "cannot register the VFS");
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(dir, sizeof dir, "%s/phr-cipher-fuzz-%d", base, (int)getpid());
    check(mkdir(dir, 0700) == 0, "cannot make a scratch directory");
    atexit(remove_dir);
    memcpy(fuzz_keys.enc, test_key, 32);
    memset(fuzz_keys.salt, 0x5a, SALT);
    check(derive_mac_key(&fuzz_keys) == 0, "cannot derive the MAC key");
    fuzz_keys.ready = 1;
    fuzz_file.k = &fuzz_keys;
    fuzz_file.ctx = EVP_CIPHER_CTX_new();
    fuzz_file.dctx = EVP_CIPHER_CTX_new();
    check(fuzz_file.ctx && fuzz_file.dctx, "no cipher contexts");
    const char *seeds = getenv("PHR_CIPHER_SEEDS");
    if (seeds) make_seeds(seeds);
    return 0;
}

static void fuzz_page(const uint8_t *data, size_t size, int authentic) {
    unsigned char pg[PAGE] = { 0 }, again[PAGE];
    unsigned pgno = 1;
    if (size >= 2) { pgno = 1 + (data[0] | (unsigned)data[1] << 8) % 4096; data += 2; size -= 2; }
    memcpy(pg, data, size < PAGE ? size : PAGE);
    int allzero = 1;
    for (int i = 0; i < PAGE && allzero; i++) allzero = pg[i] == 0;
    if (authentic) check(mac_of(&fuzz_file, pg, pgno, pg + HMAC_AT) == 0, "MAC failed");
    int rc = decrypt_page(&fuzz_file, pg, pgno, "");
    char drain[128];
    while (phr_cipher_take_failure(drain, sizeof drain)) {}
    if (!authentic) {
        check(rc == (allzero ? 0 : -1), "a random page passed its HMAC check");
        if (rc == -1) for (int i = 0; i < PAGE; i++) check(pg[i] == 0, "a failed page was not zeroed");
        return;
    }
    check(rc == 0, "an authentic page did not decode");
    for (int i = IV_AT; i < PAGE; i++) check(pg[i] == 0, "the reserve was not cleared");
    check(encrypt_page(&fuzz_file, pg, pgno, again) == 0, "re-encryption failed");
    check(decrypt_page(&fuzz_file, again, pgno, "") == 0, "a page we encrypted did not decode");
    size_t start = pgno == 1 ? SALT : 0;
    check(memcmp(again + start, pg + start, IV_AT - start) == 0, "encrypt → decrypt changed the page");
}

static void fuzz_file_open(const uint8_t *data, size_t size, int with_wal) {
    char db_path[512], wal_path[520];
    snprintf(db_path, sizeof db_path, "%s/fuzz.db", dir);
    snprintf(wal_path, sizeof wal_path, "%s-wal", db_path);
    unlink(wal_path);
    size_t main_len = size;
    if (with_wal) {
        if (size < 2) return;
        main_len = (size_t)(data[0] << 8 | data[1]) * PAGE;
        data += 2; size -= 2;
        if (main_len > size) main_len = size;
        write_file(wal_path, data + main_len, size - main_len);
    }
    write_file(db_path, data, main_len);
    sqlite3 *db = open_keyed(db_path);
    if (db) {
        exec_all(db, "PRAGMA integrity_check");
        exec_all(db, "SELECT name FROM sqlite_master");
        exec_all(db, "SELECT count(*), max(length(body)) FROM vitals");
        sqlite3_close(db);
    }
    char drain[128];
    while (phr_cipher_take_failure(drain, sizeof drain)) {}
    unlink(db_path); unlink(wal_path);
    char shm[520];
    snprintf(shm, sizeof shm, "%s-shm", db_path);
    unlink(shm);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    switch (data[0] % 4) {
    case 0: fuzz_page(data + 1, size - 1, 0); break;
    case 1: fuzz_page(data + 1, size - 1, 1); break;
    case 2: fuzz_file_open(data + 1, size - 1, 0); break;
    default: fuzz_file_open(data + 1, size - 1, 1); break;
    }
    return 0;
}
