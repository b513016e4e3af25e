/* Encrypting SQLite VFS in the SQLCipher 4 default format. See include/phr_cipher.h. */
#include "phr_cipher.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <limits.h>

#define PAGE 4096
#define RESERVE 80
#define IV_AT (PAGE - RESERVE)          /* 4016 */
#define HMAC_AT (IV_AT + 16)            /* 4032 */
#define SALT 16
#define KDF_ITER 256000
#define WAL_HDR 32
#define WAL_FRAME_HDR 24
#define WAL_FRAME (WAL_FRAME_HDR + PAGE)

enum kind { K_MAIN, K_JOURNAL, K_WAL, K_OTHER };

/* Keys of one database, shared by its journal and WAL. */
typedef struct keys {
    unsigned char enc[32];
    unsigned char mac[32];
    unsigned char salt[SALT];
    int ready;
    int refs;
} keys;

typedef struct pfile {
    sqlite3_file base;
    sqlite3_file *real;
    enum kind kind;
    keys *k;
    const char *name;          /* main db: SQLite's path (valid while open) */
    struct pfile *next;        /* list of open main files */
    /* Keyed once and reused for every page (a per-page key schedule and HMAC setup cost more
     * than the page's crypto): each remembers the key it holds and re-keys when k changes. */
    EVP_CIPHER_CTX *ctx, *dctx;
    EVP_MAC_CTX *mac;
    unsigned char ctx_key[32], dctx_key[32], mac_key[32];
    int ctx_ready, dctx_ready, mac_ready;
    unsigned char page[PAGE];  /* scratch */
} pfile;

static sqlite3_vfs vfs;
static sqlite3_vfs *base_vfs;
static pfile *open_mains;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- failures ------------------------------------------------------------------------- */

static char failures[8][96];
static int nfail;

static void record_failure(unsigned pgno, const char *where) {
    pthread_mutex_lock(&lock);
    if (nfail < 8) snprintf(failures[nfail++], sizeof failures[0], "page %u%s failed its HMAC check", pgno, where);
    pthread_mutex_unlock(&lock);
}

int phr_cipher_take_failure(char *buf, size_t len) {
    pthread_mutex_lock(&lock);
    int have = nfail > 0;
    if (have) {
        snprintf(buf, len, "%s", failures[0]);
        memmove(failures[0], failures[1], sizeof failures[0] * (size_t)(nfail - 1));
        nfail--;
    }
    pthread_mutex_unlock(&lock);
    return have;
}

/* ---- key derivation ------------------------------------------------------------------- */

int phr_cipher_derive(const char *pass, size_t len, const unsigned char salt[16], unsigned char out[32]) {
    if (len > INT_MAX) return -1;
    return PKCS5_PBKDF2_HMAC(pass, (int)len, salt, SALT, KDF_ITER, EVP_sha512(), 32, out) == 1 ? 0 : -1;
}

static int derive_mac_key(keys *k) {
    unsigned char s[SALT];
    for (int i = 0; i < SALT; i++) s[i] = k->salt[i] ^ 0x3a;
    return PKCS5_PBKDF2_HMAC((const char *)k->enc, 32, s, SALT, 2, EVP_sha512(), 32, k->mac) == 1 ? 0 : -1;
}

/* Reads the salt of an existing file, or makes one. Returns an SQLite code. */
static int load_salt(pfile *f, keys *k) {
    sqlite3_int64 size = 0;
    int rc = f->real->pMethods->xFileSize(f->real, &size);
    if (rc != SQLITE_OK) return rc;
    if (size >= SALT) return f->real->pMethods->xRead(f->real, k->salt, SALT, 0);
    return RAND_bytes(k->salt, SALT) == 1 ? SQLITE_OK : SQLITE_IOERR;
}

/* The key of a main database (phr_cipher_key): a passphrase of any bytes (NULs included; it
 * never passes through SQL text), or a raw 32-byte key. On any failure the key stays unset,
 * so nothing can be read or written. */
static int set_key(pfile *f, const phr_cipher_key_arg *arg) {
    keys *k = f->k;
    k->ready = 0;
    if (arg->raw && arg->len != 32) return SQLITE_MISUSE;
    int rc = load_salt(f, k);
    if (rc != SQLITE_OK) return rc;
    if (arg->raw) memcpy(k->enc, arg->bytes, 32);
    else if (phr_cipher_derive((const char *)arg->bytes, arg->len, k->salt, k->enc) != 0) rc = SQLITE_IOERR;
    if (rc == SQLITE_OK && derive_mac_key(k) != 0) rc = SQLITE_IOERR;
    if (rc != SQLITE_OK) { OPENSSL_cleanse(k->enc, 32); OPENSSL_cleanse(k->mac, 32); return rc; }
    k->ready = 1;
    return SQLITE_OK;
}

/* ---- page transform -------------------------------------------------------------------- */

static EVP_MAC *hmac_alg;
static pthread_once_t hmac_once = PTHREAD_ONCE_INIT;
static void fetch_hmac(void) { hmac_alg = EVP_MAC_fetch(NULL, "HMAC", NULL); }

/* HMAC-SHA512(mac key, page data + IV, page number little-endian): SQLCipher 4's page MAC.
 * Returns 0, or -1 if libcrypto failed (out is then unusable). */
static int mac_of(pfile *f, const unsigned char *pg, unsigned pgno, unsigned char out[64]) {
    size_t start = pgno == 1 ? SALT : 0;
    size_t len = IV_AT - start + 16;
    unsigned char le[4] = { pgno & 0xff, (pgno >> 8) & 0xff, (pgno >> 16) & 0xff, (pgno >> 24) & 0xff };
    if (!f->mac_ready || CRYPTO_memcmp(f->mac_key, f->k->mac, 32) != 0) {
        f->mac_ready = 0;
        pthread_once(&hmac_once, fetch_hmac);
        if (!hmac_alg) return -1;
        if (!f->mac && !(f->mac = EVP_MAC_CTX_new(hmac_alg))) return -1;
        OSSL_PARAM params[] = { OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, "SHA512", 0), OSSL_PARAM_construct_end() };
        if (EVP_MAC_init(f->mac, f->k->mac, 32, params) != 1) return -1;
        memcpy(f->mac_key, f->k->mac, 32);
        f->mac_ready = 1;
    } else if (EVP_MAC_init(f->mac, NULL, 0, NULL) != 1) {   /* same key: only reset the state */
        f->mac_ready = 0;
        return -1;
    }
    size_t outlen = 0;
    if (EVP_MAC_update(f->mac, pg + start, len) != 1 || EVP_MAC_update(f->mac, le, 4) != 1 ||
        EVP_MAC_final(f->mac, out, &outlen, 64) != 1 || outlen != 64) {
        f->mac_ready = 0;
        return -1;
    }
    return 0;
}

/* Sets `iv` on a context keyed with `key`, keying it only when the key changed. Returns 0 or -1. */
static int cipher_init(EVP_CIPHER_CTX *ctx, unsigned char held[32], int *ready, const unsigned char key[32],
                       const unsigned char *iv, int encrypt) {
    int ok;
    if (!*ready || CRYPTO_memcmp(held, key, 32) != 0) {
        *ready = 0;
        ok = EVP_CipherInit_ex(ctx, EVP_aes_256_cbc(), NULL, key, iv, encrypt) == 1;
        if (ok) { memcpy(held, key, 32); *ready = 1; }
    } else {
        ok = EVP_CipherInit_ex(ctx, NULL, NULL, NULL, iv, encrypt) == 1;
    }
    if (ok) ok = EVP_CIPHER_CTX_set_padding(ctx, 0) == 1;
    if (!ok) *ready = 0;
    return ok ? 0 : -1;
}

/* Frees the contexts and wipes the key copies. */
static void free_crypto(pfile *f) {
    EVP_CIPHER_CTX_free(f->ctx);
    EVP_CIPHER_CTX_free(f->dctx);
    EVP_MAC_CTX_free(f->mac);
    f->ctx = f->dctx = NULL;
    f->mac = NULL;
    OPENSSL_cleanse(f->ctx_key, 32); OPENSSL_cleanse(f->dctx_key, 32); OPENSSL_cleanse(f->mac_key, 32);
    f->ctx_ready = f->dctx_ready = f->mac_ready = 0;
}

/* plain (4096, SQLite's image) → out (4096, on-disk image). Returns 0, or -1 if libcrypto
 * failed: then `out` is wiped and must not be written. */
static int encrypt_page(pfile *f, const unsigned char *plain, unsigned pgno, unsigned char *out) {
    size_t start = pgno == 1 ? SALT : 0;
    int len = 0, fin = 0;
    int ok = RAND_bytes(out + IV_AT, 16) == 1 &&
             cipher_init(f->ctx, f->ctx_key, &f->ctx_ready, f->k->enc, out + IV_AT, 1) == 0 &&
             EVP_EncryptUpdate(f->ctx, out + start, &len, plain + start, (int)(IV_AT - start)) == 1 &&
             len == (int)(IV_AT - start) &&
             EVP_EncryptFinal_ex(f->ctx, out + start + len, &fin) == 1 && fin == 0;
    if (ok) {
        if (pgno == 1) memcpy(out, f->k->salt, SALT);
        ok = mac_of(f, out, pgno, out + HMAC_AT) == 0;
    }
    if (!ok) { OPENSSL_cleanse(out, PAGE); return -1; }
    return 0;
}

/* In place: on-disk image → SQLite's image. Returns 0; -1 if the HMAC fails (page zeroed, and
 * recorded when `where` is given); -2 if libcrypto failed (page zeroed: not damage, an error). */
static int decrypt_page(pfile *f, unsigned char *pg, unsigned pgno, const char *where) {
    unsigned char mac[64];
    int allzero = 1;
    for (int i = 0; i < PAGE && allzero; i++) allzero = pg[i] == 0;
    if (allzero) return 0;  /* never-written space: leave zeros, as SQLite expects */
    if (mac_of(f, pg, pgno, mac) != 0) { memset(pg, 0, PAGE); return -2; }
    if (CRYPTO_memcmp(mac, pg + HMAC_AT, 64) != 0) {
        memset(pg, 0, PAGE);
        if (where) record_failure(pgno, where);
        return -1;
    }
    size_t start = pgno == 1 ? SALT : 0;
    int len = 0, fin = 0;
    int ok = cipher_init(f->dctx, f->dctx_key, &f->dctx_ready, f->k->enc, pg + IV_AT, 0) == 0 &&
             EVP_DecryptUpdate(f->dctx, f->page + start, &len, pg + start, (int)(IV_AT - start)) == 1 &&
             len == (int)(IV_AT - start) &&
             EVP_DecryptFinal_ex(f->dctx, f->page + start + len, &fin) == 1 && fin == 0;
    if (!ok) { memset(pg, 0, PAGE); OPENSSL_cleanse(f->page, PAGE); return -2; }
    memcpy(pg + start, f->page + start, IV_AT - start);
    if (pgno == 1) memcpy(pg, "SQLite format 3", 16);
    memset(pg + IV_AT, 0, RESERVE);
    return 0;
}

static unsigned be32(const unsigned char *p) {
    return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

/* The page number stored `back` bytes before `off` in a journal or WAL. */
static unsigned pgno_before(pfile *f, sqlite3_int64 off, int back) {
    unsigned char b[4];
    if (off < back || f->real->pMethods->xRead(f->real, b, 4, off - back) != SQLITE_OK) return 0;
    return be32(b);
}

/* Whether a WAL frame at `off` whose data failed its HMAC is damage, rather than a frame SQLite
 * discards anyway during recovery: one from an earlier WAL generation (other salts), or a frame
 * of a transaction that never committed — the torn tail a kill leaves, including a frame SQLite
 * was overwriting in place inside the open transaction. It is damage when a commit frame of the
 * current generation follows it: SQLite would stop recovery at the bad frame and silently drop
 * the committed transactions after it. (A commit frame has a non-zero database size at 4..7.) */
static int wal_frame_is_damage(pfile *f, const unsigned char *frame, sqlite3_int64 off) {
    unsigned char hdr[WAL_FRAME_HDR], walhdr[WAL_HDR];
    if (f->real->pMethods->xRead(f->real, walhdr, WAL_HDR, 0) != SQLITE_OK) return 1;
    if (memcmp(frame + 8, walhdr + 16, 8) != 0) return 0;
    for (sqlite3_int64 at = off + WAL_FRAME;; at += WAL_FRAME) {
        if (f->real->pMethods->xRead(f->real, hdr, WAL_FRAME_HDR, at) != SQLITE_OK) return 0;
        if (memcmp(hdr + 8, walhdr + 16, 8) == 0 && be32(hdr + 4) != 0) return 1;
    }
}

/* ---- io methods ------------------------------------------------------------------------ */

static int x_read(sqlite3_file *file, void *buf, int amt, sqlite3_int64 off) {
    pfile *f = (pfile *)file;
    if (f->kind == K_OTHER) return f->real->pMethods->xRead(f->real, buf, amt, off);
    if (f->kind == K_MAIN) {
        if (!f->k->ready) {
            sqlite3_int64 size = 0;
            f->real->pMethods->xFileSize(f->real, &size);
            memset(buf, 0, (size_t)amt);
            return size == 0 ? SQLITE_IOERR_SHORT_READ : SQLITE_OK;  /* unkeyed: "not a database" */
        }
        /* Any range: decrypt each page it touches. */
        unsigned char *out = buf;
        int rc = SQLITE_OK;
        sqlite3_int64 pos = off;
        while (pos < off + amt) {
            sqlite3_int64 pstart = pos / PAGE * PAGE;
            int r = f->real->pMethods->xRead(f->real, f->page, PAGE, pstart);
            if (r != SQLITE_OK && r != SQLITE_IOERR_SHORT_READ) return r;
            if (r == SQLITE_IOERR_SHORT_READ) rc = r;
            unsigned char pg[PAGE];
            memcpy(pg, f->page, PAGE);
            if (decrypt_page(f, pg, (unsigned)(pstart / PAGE + 1), "") == -2) return SQLITE_IOERR_READ;
            size_t from = (size_t)(pos - pstart);
            size_t take = (size_t)((off + amt) - pos);
            if (take > PAGE - from) take = PAGE - from;
            memcpy(out + (pos - off), pg + from, take);
            pos += (sqlite3_int64)take;
        }
        return rc;
    }
    int rc = f->real->pMethods->xRead(f->real, buf, amt, off);
    if (rc != SQLITE_OK || !f->k || !f->k->ready) return rc;
    int d = 0;
    if (f->kind == K_JOURNAL && amt == PAGE) {
        d = decrypt_page(f, buf, pgno_before(f, off, 4), " (journal)");
    } else if (f->kind == K_WAL && amt == PAGE && off >= WAL_HDR + WAL_FRAME_HDR && (off - WAL_HDR) % WAL_FRAME == WAL_FRAME_HDR) {
        d = decrypt_page(f, buf, pgno_before(f, off, WAL_FRAME_HDR), " (WAL)");
    } else if (f->kind == K_WAL && amt == WAL_FRAME && off >= WAL_HDR && (off - WAL_HDR) % WAL_FRAME == 0) {
        unsigned char *b = buf;
        d = decrypt_page(f, b + WAL_FRAME_HDR, be32(b), NULL);
        if (d == -1 && wal_frame_is_damage(f, b, off)) record_failure(be32(b), " (WAL)");
    }
    return d == -2 ? SQLITE_IOERR_READ : rc;
}

static int x_write(sqlite3_file *file, const void *buf, int amt, sqlite3_int64 off) {
    pfile *f = (pfile *)file;
    if (f->kind == K_OTHER) return f->real->pMethods->xWrite(f->real, buf, amt, off);
    if (!f->k || !f->k->ready) return SQLITE_IOERR_WRITE;  /* never write plaintext */
    unsigned pgno = 0;
    if (f->kind == K_MAIN) {
        if (amt % PAGE != 0 || off % PAGE != 0) return SQLITE_IOERR_WRITE;
        const unsigned char *in = buf;
        for (int i = 0; i < amt / PAGE; i++) {
            unsigned n = (unsigned)(off / PAGE) + (unsigned)i + 1;
            if (n == 1 && in[20] < RESERVE) return SQLITE_IOERR_WRITE;  /* no room for IV + HMAC */
            unsigned char out[PAGE];
            if (encrypt_page(f, in + (size_t)i * PAGE, n, out) != 0) return SQLITE_IOERR_WRITE;
            int rc = f->real->pMethods->xWrite(f->real, out, PAGE, off + (sqlite3_int64)i * PAGE);
            if (rc != SQLITE_OK) return rc;
        }
        return SQLITE_OK;
    }
    if (f->kind == K_JOURNAL && amt == PAGE) pgno = pgno_before(f, off, 4);
    if (f->kind == K_WAL && amt == PAGE && off >= WAL_HDR + WAL_FRAME_HDR && (off - WAL_HDR) % WAL_FRAME == WAL_FRAME_HDR)
        pgno = pgno_before(f, off, WAL_FRAME_HDR);
    if (f->kind == K_WAL && amt == WAL_FRAME && off >= WAL_HDR && (off - WAL_HDR) % WAL_FRAME == 0) {
        unsigned char out[WAL_FRAME];
        memcpy(out, buf, WAL_FRAME_HDR);
        if (encrypt_page(f, (const unsigned char *)buf + WAL_FRAME_HDR, be32(buf), out + WAL_FRAME_HDR) != 0) return SQLITE_IOERR_WRITE;
        return f->real->pMethods->xWrite(f->real, out, WAL_FRAME, off);
    }
    if (pgno == 0) {
        if (amt >= PAGE) return SQLITE_IOERR_WRITE;  /* an unrecognised page-sized write: refuse */
        return f->real->pMethods->xWrite(f->real, buf, amt, off);
    }
    unsigned char out[PAGE];
    if (encrypt_page(f, buf, pgno, out) != 0) return SQLITE_IOERR_WRITE;
    return f->real->pMethods->xWrite(f->real, out, PAGE, off);
}

static int x_close(sqlite3_file *file) {
    pfile *f = (pfile *)file;
    int rc = f->real->pMethods ? f->real->pMethods->xClose(f->real) : SQLITE_OK;
    pthread_mutex_lock(&lock);
    if (f->kind == K_MAIN) {
        for (pfile **p = &open_mains; *p; p = &(*p)->next) if (*p == f) { *p = f->next; break; }
    }
    if (f->k && --f->k->refs == 0) {
        OPENSSL_cleanse(f->k, sizeof *f->k);
        free(f->k);
    }
    pthread_mutex_unlock(&lock);
    f->k = NULL;
    OPENSSL_cleanse(f->page, sizeof f->page);
    free_crypto(f);
    return rc;
}

static int x_truncate(sqlite3_file *f, sqlite3_int64 size) { return ((pfile *)f)->real->pMethods->xTruncate(((pfile *)f)->real, size); }
static int x_sync(sqlite3_file *f, int flags) { return ((pfile *)f)->real->pMethods->xSync(((pfile *)f)->real, flags); }
static int x_size(sqlite3_file *f, sqlite3_int64 *size) { return ((pfile *)f)->real->pMethods->xFileSize(((pfile *)f)->real, size); }
static int x_lock(sqlite3_file *f, int l) { return ((pfile *)f)->real->pMethods->xLock(((pfile *)f)->real, l); }
static int x_unlock(sqlite3_file *f, int l) { return ((pfile *)f)->real->pMethods->xUnlock(((pfile *)f)->real, l); }
static int x_reserved(sqlite3_file *f, int *out) { return ((pfile *)f)->real->pMethods->xCheckReservedLock(((pfile *)f)->real, out); }
static int x_sector(sqlite3_file *f) { return ((pfile *)f)->real->pMethods->xSectorSize(((pfile *)f)->real); }
static int x_device(sqlite3_file *f) { return ((pfile *)f)->real->pMethods->xDeviceCharacteristics(((pfile *)f)->real); }
static int x_shm_map(sqlite3_file *f, int pg, int sz, int ext, void volatile **pp) { return ((pfile *)f)->real->pMethods->xShmMap(((pfile *)f)->real, pg, sz, ext, pp); }
static int x_shm_lock(sqlite3_file *f, int off, int n, int flags) { return ((pfile *)f)->real->pMethods->xShmLock(((pfile *)f)->real, off, n, flags); }
static void x_shm_barrier(sqlite3_file *f) { ((pfile *)f)->real->pMethods->xShmBarrier(((pfile *)f)->real); }
static int x_shm_unmap(sqlite3_file *f, int del) { return ((pfile *)f)->real->pMethods->xShmUnmap(((pfile *)f)->real, del); }
/* No memory-mapped reads: every page must pass through decryption. */
static int x_fetch(sqlite3_file *f, sqlite3_int64 off, int amt, void **pp) { (void)f; (void)off; (void)amt; *pp = 0; return SQLITE_OK; }
static int x_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p) { (void)f; (void)off; (void)p; return SQLITE_OK; }

static int x_file_control(sqlite3_file *file, int op, void *arg) {
    pfile *f = (pfile *)file;
    if (op == PHR_CIPHER_FCNTL_KEY) return f->kind == K_MAIN ? set_key(f, arg) : SQLITE_NOTFOUND;
    if (op == SQLITE_FCNTL_PRAGMA && f->kind == K_MAIN) {
        char **a = arg;
        /* A key in SQL text would be truncated at a NUL and could reach an error message. */
        if (sqlite3_stricmp(a[1], "key") == 0) {
            a[0] = sqlite3_mprintf("PRAGMA key is not supported: the key is set with phr_cipher_key()");
            return SQLITE_ERROR;
        }
        if (sqlite3_stricmp(a[1], "rekey") == 0) {
            a[0] = sqlite3_mprintf("use `phr passwd` to change the passphrase (crash-safe rewrite of a closed store)");
            return SQLITE_ERROR;
        }
    }
    if (op == SQLITE_FCNTL_MMAP_SIZE) { *(sqlite3_int64 *)arg = 0; return SQLITE_OK; }
    return f->real->pMethods->xFileControl(f->real, op, arg);
}

static const sqlite3_io_methods methods = {
    3, x_close, x_read, x_write, x_truncate, x_sync, x_size, x_lock, x_unlock, x_reserved,
    x_file_control, x_sector, x_device, x_shm_map, x_shm_lock, x_shm_barrier, x_shm_unmap, x_fetch, x_unfetch,
};

/* ---- vfs ------------------------------------------------------------------------------- */

static keys *keys_for_companion(const char *name, const char *suffix) {
    size_t n = strlen(name), s = strlen(suffix);
    if (n <= s || strcmp(name + n - s, suffix) != 0) return NULL;
    keys *k = NULL;
    pthread_mutex_lock(&lock);
    for (pfile *p = open_mains; p; p = p->next) {
        if (strlen(p->name) == n - s && strncmp(p->name, name, n - s) == 0) { k = p->k; k->refs++; break; }
    }
    pthread_mutex_unlock(&lock);
    return k;
}

static int v_open(sqlite3_vfs *v, const char *name, sqlite3_file *file, int flags, int *out) {
    (void)v;
    pfile *f = (pfile *)file;
    memset(f, 0, sizeof *f);
    f->real = (sqlite3_file *)(f + 1);
    int rc = base_vfs->xOpen(base_vfs, name, f->real, flags, out);
    if (rc != SQLITE_OK) return rc;
    f->ctx = EVP_CIPHER_CTX_new();
    f->dctx = EVP_CIPHER_CTX_new();
    if (flags & SQLITE_OPEN_MAIN_DB) f->k = calloc(1, sizeof *f->k);
    if (!f->ctx || !f->dctx || ((flags & SQLITE_OPEN_MAIN_DB) && !f->k)) {
        free(f->k);
        f->k = NULL;
        free_crypto(f);
        if (f->real->pMethods) f->real->pMethods->xClose(f->real);
        return SQLITE_NOMEM;
    }
    f->base.pMethods = &methods;
    if (flags & SQLITE_OPEN_MAIN_DB) {
        f->kind = K_MAIN;
        f->k->refs = 1;
        f->name = name;
        pthread_mutex_lock(&lock);
        f->next = open_mains;
        open_mains = f;
        pthread_mutex_unlock(&lock);
    } else if ((flags & SQLITE_OPEN_MAIN_JOURNAL) && name) {
        f->kind = K_JOURNAL;
        f->k = keys_for_companion(name, "-journal");
    } else if ((flags & SQLITE_OPEN_WAL) && name) {
        f->kind = K_WAL;
        f->k = keys_for_companion(name, "-wal");
    } else {
        f->kind = K_OTHER;
    }
    if ((f->kind == K_JOURNAL || f->kind == K_WAL) && !f->k) f->kind = K_OTHER;
    return SQLITE_OK;
}

static int v_delete(sqlite3_vfs *v, const char *n, int s) { (void)v; return base_vfs->xDelete(base_vfs, n, s); }
static int v_access(sqlite3_vfs *v, const char *n, int fl, int *o) { (void)v; return base_vfs->xAccess(base_vfs, n, fl, o); }
static int v_full(sqlite3_vfs *v, const char *n, int sz, char *o) { (void)v; return base_vfs->xFullPathname(base_vfs, n, sz, o); }
static void *v_dlopen(sqlite3_vfs *v, const char *n) { (void)v; return base_vfs->xDlOpen(base_vfs, n); }
static void v_dlerror(sqlite3_vfs *v, int n, char *o) { (void)v; base_vfs->xDlError(base_vfs, n, o); }
static void (*v_dlsym(sqlite3_vfs *v, void *h, const char *s))(void) { (void)v; return base_vfs->xDlSym(base_vfs, h, s); }
static void v_dlclose(sqlite3_vfs *v, void *h) { (void)v; base_vfs->xDlClose(base_vfs, h); }
static int v_random(sqlite3_vfs *v, int n, char *o) { (void)v; return base_vfs->xRandomness(base_vfs, n, o); }
static int v_sleep(sqlite3_vfs *v, int us) { (void)v; return base_vfs->xSleep(base_vfs, us); }
static int v_time(sqlite3_vfs *v, double *t) { (void)v; return base_vfs->xCurrentTime(base_vfs, t); }
static int v_lasterr(sqlite3_vfs *v, int n, char *o) { (void)v; return base_vfs->xGetLastError(base_vfs, n, o); }
static int v_time64(sqlite3_vfs *v, sqlite3_int64 *t) { (void)v; return base_vfs->xCurrentTimeInt64(base_vfs, t); }

int phr_cipher_register(void) {
    static int done = 0;
    pthread_mutex_lock(&lock);
    if (done) { pthread_mutex_unlock(&lock); return SQLITE_OK; }
    base_vfs = sqlite3_vfs_find(NULL);
    if (!base_vfs) { pthread_mutex_unlock(&lock); return SQLITE_ERROR; }
    vfs.iVersion = 2;
    vfs.szOsFile = (int)sizeof(pfile) + base_vfs->szOsFile;
    vfs.mxPathname = base_vfs->mxPathname;
    vfs.zName = "phrcipher";
    vfs.xOpen = v_open; vfs.xDelete = v_delete; vfs.xAccess = v_access; vfs.xFullPathname = v_full;
    vfs.xDlOpen = v_dlopen; vfs.xDlError = v_dlerror; vfs.xDlSym = v_dlsym; vfs.xDlClose = v_dlclose;
    vfs.xRandomness = v_random; vfs.xSleep = v_sleep; vfs.xCurrentTime = v_time; vfs.xGetLastError = v_lasterr;
    vfs.xCurrentTimeInt64 = v_time64;
    /* Not the process's default VFS: only the store asks for it by name (a `vfs=` URI), so
       any other SQLite file in the process (a sandbox's state, a tool's cache) is untouched. */
    int rc = sqlite3_vfs_register(&vfs, 0);
    done = rc == SQLITE_OK;
    pthread_mutex_unlock(&lock);
    return rc;
}

int phr_cipher_is_active(void *db) {
    sqlite3_vfs *used = NULL;
    if (sqlite3_file_control((sqlite3 *)db, "main", SQLITE_FCNTL_VFS_POINTER, &used) != SQLITE_OK) return 0;
    return used == &vfs;
}

int phr_cipher_key(void *db, const void *key, size_t len, int raw) {
    phr_cipher_key_arg arg = { key, len, raw };
    return sqlite3_file_control((sqlite3 *)db, "main", PHR_CIPHER_FCNTL_KEY, &arg);
}

int phr_cipher_reserve_bytes(void *db) {
    int n = RESERVE;
    return sqlite3_file_control((sqlite3 *)db, "main", SQLITE_FCNTL_RESERVE_BYTES, &n);
}

/* ---- whole-file helpers ---------------------------------------------------------------- */

int phr_cipher_file_key(const char *path, const char *pass, size_t passlen, unsigned char out[32]) {
    unsigned char salt[SALT];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = read(fd, salt, SALT);
    close(fd);
    if (n != SALT) return -1;
    return phr_cipher_derive(pass, passlen, salt, out);
}

int phr_cipher_rekey(const char *path, const unsigned char old_key[32], const unsigned char new_key[32]) {
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.rekey", path) >= (int)sizeof tmp) return -1;
    int in = open(path, O_RDONLY | O_CLOEXEC);
    if (in < 0) return -1;
    int out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (out < 0) { close(in); return -1; }
    pfile *f = calloc(1, sizeof *f);
    keys *ko = calloc(1, sizeof *ko), *kn = calloc(1, sizeof *kn);
    int ok = f && ko && kn;
    if (ok) {
        f->ctx = EVP_CIPHER_CTX_new();
        f->dctx = EVP_CIPHER_CTX_new();
        ok = f->ctx && f->dctx && read(in, ko->salt, SALT) == SALT && lseek(in, 0, SEEK_SET) == 0;
    }
    if (ok) {
        memcpy(ko->enc, old_key, 32);
        memcpy(kn->salt, ko->salt, SALT); memcpy(kn->enc, new_key, 32);
        ok = derive_mac_key(ko) == 0 && derive_mac_key(kn) == 0;
    }
    if (ok) {
        unsigned char pg[PAGE], enc[PAGE];
        unsigned pgno = 0;
        ssize_t n;
        while (ok && (n = read(in, pg, PAGE)) == PAGE) {
            pgno++;
            f->k = ko;
            if (decrypt_page(f, pg, pgno, " (rekey)") != 0) { ok = 0; break; }
            f->k = kn;
            ok = encrypt_page(f, pg, pgno, enc) == 0 && write(out, enc, PAGE) == PAGE;
        }
        ok = ok && pgno > 0 && fsync(out) == 0;
        OPENSSL_cleanse(pg, sizeof pg);
    }
    close(in);
    close(out);
    if (f) { free_crypto(f); OPENSSL_cleanse(f, sizeof *f); free(f); }
    if (ko) { OPENSSL_cleanse(ko, sizeof *ko); free(ko); }
    if (kn) { OPENSSL_cleanse(kn, sizeof *kn); free(kn); }
    if (!ok || rename(tmp, path) != 0) { unlink(tmp); return -1; }
    return 0;
}
