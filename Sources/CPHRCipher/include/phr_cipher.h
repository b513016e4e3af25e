#ifndef PHR_CIPHER_H
#define PHR_CIPHER_H
/*
 * An encrypting SQLite VFS writing the SQLCipher 4 default format
 * (docs/store.md, ../shared/domain/sqlcipher-format.md):
 * AES-256-CBC per 4096-byte page with a fresh random IV per write,
 * HMAC-SHA512 over ciphertext || IV || pgno (LE), 80 reserved bytes,
 * the 16-byte salt in clear at the start of the file, keys from
 * PBKDF2-HMAC-SHA512 (256,000 iterations; HMAC key from salt ^ 0x3a, 2 iterations).
 *
 * The main database, its rollback journal and its WAL are encrypted; -shm is
 * passed through (it holds no record content). Keys are set per database with
 * phr_cipher_key() (never in SQL text: `PRAGMA key` is refused) and wiped with
 * OPENSSL_cleanse when the file closes. A page whose HMAC fails reads as
 * zeros (SQLite then reports "not a database" for page 1, "corrupt" for
 * others) and is recorded for phr_cipher_take_failure(). When libcrypto
 * itself fails (no randomness, a cipher or MAC that cannot be set up), the
 * read or write fails with an I/O error: nothing unencrypted or half
 * encrypted is ever written.
 */
#include <stddef.h>

/* The file-control opcode behind phr_cipher_key (outside SQLite's own range). */
#define PHR_CIPHER_FCNTL_KEY 0x50485201
typedef struct phr_cipher_key_arg {
    const void *bytes;
    size_t len;
    int raw;
} phr_cipher_key_arg;

/* Keys the main database of an sqlite3 * connection opened through the VFS: `raw` 0 for a
 * passphrase of `len` bytes (any bytes, NULs included), 1 for a raw 32-byte key. Call right
 * after opening, before the first read. Returns an SQLite code; on failure the database stays
 * unkeyed (unreadable, unwritable). */
int phr_cipher_key(void *db, const void *key, size_t len, int raw);

/* Registers the VFS "phrcipher" (by name, not as the default: open with a `file:…?vfs=phrcipher`
 * URI or sqlite3_open_v2's zVfs). Idempotent. Returns an SQLite code. */
int phr_cipher_register(void);

/* 1 if the main database of this sqlite3 * connection is opened through the phrcipher VFS. */
int phr_cipher_is_active(void *db);

/* On a new, empty database (an sqlite3 * connection): reserve the 80 bytes per page that
 * hold each page's IV and HMAC. Call after PRAGMA key, before the first write. */
int phr_cipher_reserve_bytes(void *db);

/* Copies the oldest recorded page failure ("page 7 failed its HMAC check") into buf and
 * removes it. Returns 1 if there was one, 0 otherwise. */
int phr_cipher_take_failure(char *buf, size_t len);

/* Derives the 32-byte raw key of the store at path from a passphrase (reads the salt from
 * the file). Returns 0 on success, -1 if the file cannot be read or libcrypto failed. */
int phr_cipher_file_key(const char *path, const char *passphrase, size_t passlen, unsigned char out[32]);

/* Rewrites the (closed, checkpointed) store at path under a new key: every page is decrypted
 * with old_key and encrypted with new_key into path.rekey, which is synced and renamed over
 * path (atomic). Keys are 32 raw bytes. Returns 0, or -1 with the file untouched. */
int phr_cipher_rekey(const char *path, const unsigned char old_key[32], const unsigned char new_key[32]);

/* PBKDF2-HMAC-SHA512(passphrase, salt, 256000, 32). Returns 0, or -1 if libcrypto failed. */
int phr_cipher_derive(const char *passphrase, size_t passlen, const unsigned char salt[16], unsigned char out[32]);

/* Kernel session keyring (keyring.c). desc names the store ("phr:<path>").
 * store: 0 on success, -1 if the keyring is unavailable (e.g. blocked by a container's seccomp).
 * load: 0 and the key in out, or -1. clear: 0 removed, 1 nothing cached, -1 error. */
int phr_keyring_store(const char *desc, const unsigned char key[32], unsigned seconds);
int phr_keyring_load(const char *desc, unsigned char out[32]);
int phr_keyring_clear(const char *desc);

#endif
