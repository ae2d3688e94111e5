/*
 * <poll.h> - poll and ppoll: wait until one of several descriptors is
 * ready.
 *
 * Layer: Freeport SDK header (newlib has none). struct pollfd has the
 * layout of the kernel's struct freeport_pollfd and the POLL* bits are its
 * FP_POLL* (Linux's values), so arrays pass to SYS_ppoll unchanged.
 */
#ifndef _POLL_H
#define _POLL_H

#include <signal.h>
#include <sys/cdefs.h>
#include <sys/types.h>
#include <time.h>

#define POLLIN   0x001 /* readable: bytes (or messages) to read */
#define POLLPRI  0x002 /* never reported by Freeport's files */
#define POLLOUT  0x004 /* writable without blocking */
#define POLLERR  0x008 /* revents only: a write end with no reader */
#define POLLHUP  0x010 /* revents only: a read end with no writer */
#define POLLNVAL 0x020 /* revents only: the descriptor is not open */

typedef unsigned int nfds_t;

struct pollfd {
    int fd;        /* negative: ignored (revents 0) */
    short events;  /* POLLIN, POLLOUT, POLLPRI wanted */
    short revents; /* what is true, among events, POLLERR and POLLHUP */
};

__BEGIN_DECLS
/* timeout in milliseconds: negative waits forever, 0 never waits. */
int poll(struct pollfd *fds, nfds_t count, int timeout);
/* timeout NULL waits forever; mask (if not NULL) is in force while waiting. */
int ppoll(struct pollfd *fds, nfds_t count, const struct timespec *timeout, const sigset_t *mask);
__END_DECLS

#endif
