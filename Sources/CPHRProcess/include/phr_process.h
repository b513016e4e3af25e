#ifndef PHR_PROCESS_H
#define PHR_PROCESS_H
/*
 * Process hardening for `phr`, which holds store keys, tokens and records in memory.
 * (C because prctl is variadic and cannot be called from Swift.)
 */

/* Makes a crash unable to expose memory, for the rest of the process's life:
 *  - RLIMIT_CORE 0 (soft and hard) and PR_SET_DUMPABLE 0: no core file, and no ptrace or
 *    /proc/PID/mem access by other processes of the same user;
 *  - the default action for every signal whose default is a core dump (SIGSEGV, SIGBUS,
 *    SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT, SIGSYS, SIGXCPU, SIGXFSZ): this removes the
 *    handlers the Swift runtime installed before main for its backtracer, whose interactive
 *    mode on a terminal can print any memory of the crashed process (and which, run as root,
 *    can read it despite PR_SET_DUMPABLE). A crash then just ends the process.
 * Returns 0, or -1 if any step failed (errno says why). */
int phr_process_harden(void);

#include <spawn.h>

/* Adds "close every descriptor from `lowfd` up" to `actions` (glibc's
 * posix_spawn_file_actions_addclosefrom_np, which Swift's Glibc module does not export), so a
 * spawned child inherits no socket or file of ours. Returns 0 or an error number. */
int phr_spawn_close_from(posix_spawn_file_actions_t *actions, int lowfd);

#endif
