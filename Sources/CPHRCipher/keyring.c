/* The derived store key in the Linux kernel session keyring (keyrings(7)), via raw syscalls:
 * `phr unlock` caches it with a timeout so later commands skip the KDF; `phr lock` removes it.
 * The kernel keeps the key out of swap and out of other users' reach; it never touches disk.
 *
 * A login session normally has its own session keyring (pam_keyinit). A process started
 * without one (some containers, cron, ssh without PAM) would get a fresh anonymous keyring on
 * add_key, visible to nobody after it exits; there the user-session keyring (@us) is used
 * instead, which is also where lookups from such processes land. */
#include "phr_cipher.h"

#include <linux/keyctl.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static long key_find(const char *desc) {
    return syscall(__NR_keyctl, KEYCTL_SEARCH, KEY_SPEC_SESSION_KEYRING, "user", desc, 0);
}

static long store_keyring(void) {
    long session = syscall(__NR_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0);
    long user_session = syscall(__NR_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_USER_SESSION_KEYRING, 0);
    return session < 0 || session == user_session ? KEY_SPEC_USER_SESSION_KEYRING : KEY_SPEC_SESSION_KEYRING;
}

int phr_keyring_store(const char *desc, const unsigned char key[32], unsigned seconds) {
    long ring = store_keyring();
    long id = syscall(__NR_add_key, "user", desc, key, (size_t)32, ring);
    if (id < 0) return -1;
    if (syscall(__NR_keyctl, KEYCTL_SET_TIMEOUT, id, seconds) < 0) {
        syscall(__NR_keyctl, KEYCTL_UNLINK, id, ring);
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
