/* The derived store key in the Linux kernel session keyring (keyrings(7)), via raw syscalls:
 * `phr unlock` caches it with a timeout so later commands skip the KDF; `phr lock` removes it.
 * The kernel keeps the key out of swap and out of other users' reach; it never touches disk. */
#include "phr_cipher.h"

#include <linux/keyctl.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static long key_find(const char *desc) {
    return syscall(__NR_keyctl, KEYCTL_SEARCH, KEY_SPEC_SESSION_KEYRING, "user", desc, 0);
}

int phr_keyring_store(const char *desc, const unsigned char key[32], unsigned seconds) {
    long id = syscall(__NR_add_key, "user", desc, key, (size_t)32, KEY_SPEC_SESSION_KEYRING);
    if (id < 0) return -1;
    if (syscall(__NR_keyctl, KEYCTL_SET_TIMEOUT, id, seconds) < 0) {
        syscall(__NR_keyctl, KEYCTL_UNLINK, id, KEY_SPEC_SESSION_KEYRING);
        return -1;
    }
    return 0;
}

int phr_keyring_load(const char *desc, unsigned char out[32]) {
    long id = key_find(desc);
    if (id < 0) return -1;
    long n = syscall(__NR_keyctl, KEYCTL_READ, id, out, (size_t)32);
    return n == 32 ? 0 : -1;
}

int phr_keyring_clear(const char *desc) {
    long id = key_find(desc);
    if (id < 0) return 1;  /* nothing cached */
    return syscall(__NR_keyctl, KEYCTL_INVALIDATE, id) == 0 ? 0 : -1;
}
