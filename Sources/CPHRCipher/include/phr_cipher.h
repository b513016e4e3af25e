#ifndef PHR_CIPHER_H
#define PHR_CIPHER_H
/* Encrypting SQLite VFS (SQLCipher 4 default format). See phr_cipher.c. */
#endif
