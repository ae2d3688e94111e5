/*
 * <sys/wait.h> - waitpid and its status words, with job control.
 *
 * Layer: Freeport SDK header, replacing newlib's (same macros and
 * declarations) to add what job control needs: WCONTINUED and
 * WIFCONTINUED (Linux's values). A status is, as the kernel writes it
 * (FP_W_* in <freeport/abi.h>):
 *   exited      code << 8              WIFEXITED, WEXITSTATUS
 *   killed      signal (1..0x7e)       WIFSIGNALED, WTERMSIG
 *   stopped     signal << 8 | 0x7f     WIFSTOPPED, WSTOPSIG (WUNTRACED asks)
 *   continued   0xffff                 WIFCONTINUED (WCONTINUED asks)
 */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <sys/cdefs.h>
#include <sys/types.h>

#define WNOHANG    1
#define WUNTRACED  2
#define WCONTINUED 8

#define WIFEXITED(w)    (((w) & 0xff) == 0)
#define WIFSIGNALED(w)  (((w) & 0x7f) > 0 && (((w) & 0x7f) < 0x7f))
#define WIFSTOPPED(w)   (((w) & 0xff) == 0x7f)
#define WIFCONTINUED(w) ((w) == 0xffff)
#define WEXITSTATUS(w)  (((w) >> 8) & 0xff)
#define WTERMSIG(w)     ((w) & 0x7f)
#define WSTOPSIG        WEXITSTATUS

__BEGIN_DECLS
pid_t wait(int *);
pid_t waitpid(pid_t, int *, int);
pid_t _wait(int *);
__END_DECLS

#endif
