/*
 * userland/libc/poll.c - poll, ppoll, select and pselect, all on the one
 * system call SYS_ppoll.
 *
 * Layer: libfreeport. struct pollfd passes to the kernel unchanged
 * (abi_check.c proves it);
 * select and pselect turn their fd_sets into a pollfd array (one entry per
 * descriptor in any set) and the answers back into sets. Timeouts become
 * nanoseconds, saturating: a timeout too long to count waits forever in
 * practice. select does not update its timeval (POSIX allows either).
 */
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/select.h>
#include "libc.h"
#include "syscall.h"

#define NS_PER_SECOND 1000000000LL

/* Seconds and nanoseconds as nanoseconds: -EINVAL if out of range. */
static int64_t timeout_ns(int64_t seconds, int64_t nanoseconds)
{
    if (seconds < 0 || nanoseconds < 0 || nanoseconds >= NS_PER_SECOND)
        return -EINVAL;
    if (seconds >= INT64_MAX / NS_PER_SECOND)
        return INT64_MAX;
    return seconds * NS_PER_SECOND + nanoseconds;
}

/* The system call, with the timeout in nanoseconds (negative: none). */
static int ppoll_ns(struct pollfd *fds, nfds_t count, int64_t timeout, const sigset_t *mask)
{
    uint64_t kernel_mask = mask != NULL ? libc_sigset_to_kernel(*mask) : 0;

    return syscall_result(
        SYSCALL(SYS_ppoll, fds, count, timeout >= 0 ? &timeout : NULL, mask != NULL ? &kernel_mask : NULL));
}

int poll(struct pollfd *fds, nfds_t count, int timeout)
{
    return ppoll_ns(fds, count, timeout < 0 ? -1 : (int64_t)timeout * 1000000, NULL);
}

int ppoll(struct pollfd *fds, nfds_t count, const struct timespec *timeout, const sigset_t *mask)
{
    int64_t ns = timeout != NULL ? timeout_ns(timeout->tv_sec, timeout->tv_nsec) : -1;

    if (timeout != NULL && ns < 0)
        return syscall_result(ns);
    return ppoll_ns(fds, count, ns, mask);
}

static int in_set(const fd_set *set, int fd)
{
    return set != NULL && FD_ISSET(fd, set);
}

/* Put one descriptor's answer into the sets: how many bits it set. A
 * descriptor with no reader or no writer left is readable (or writable):
 * the call would not block. */
static int answer(const struct pollfd *entry, fd_set *readable, fd_set *writable, fd_set *exceptional)
{
    int set = 0;

    if ((entry->events & POLLIN) && (entry->revents & (POLLIN | POLLHUP | POLLERR))) {
        FD_SET(entry->fd, readable);
        set++;
    }
    if ((entry->events & POLLOUT) && (entry->revents & (POLLOUT | POLLERR))) {
        FD_SET(entry->fd, writable);
        set++;
    }
    if ((entry->events & POLLPRI) && (entry->revents & POLLPRI)) {
        FD_SET(entry->fd, exceptional);
        set++;
    }
    return set;
}

/* select's work, with the timeout in nanoseconds (negative: none). */
static int select_ns(int count, fd_set *readable, fd_set *writable, fd_set *exceptional, int64_t timeout,
                     const sigset_t *mask)
{
    struct pollfd fds[FD_SETSIZE];
    nfds_t used = 0;
    int result, ready = 0;

    if (count < 0 || count > FD_SETSIZE)
        return syscall_result(-EINVAL);
    for (int fd = 0; fd < count; fd++) {
        short events = (in_set(readable, fd) ? POLLIN : 0) | (in_set(writable, fd) ? POLLOUT : 0) |
                       (in_set(exceptional, fd) ? POLLPRI : 0);
        if (events)
            fds[used++] = (struct pollfd){.fd = fd, .events = events};
    }
    if ((result = ppoll_ns(fds, used, timeout, mask)) < 0)
        return result;
    for (nfds_t index = 0; index < used; index++)
        if (fds[index].revents & POLLNVAL)
            return syscall_result(-EBADF);
    for (int fd = 0; fd < count; fd++) {
        if (readable)
            FD_CLR(fd, readable);
        if (writable)
            FD_CLR(fd, writable);
        if (exceptional)
            FD_CLR(fd, exceptional);
    }
    for (nfds_t index = 0; index < used; index++)
        ready += answer(&fds[index], readable, writable, exceptional);
    return ready;
}

int select(int count, fd_set *readable, fd_set *writable, fd_set *exceptional, struct timeval *timeout)
{
    int64_t ns = timeout != NULL ? timeout_ns(timeout->tv_sec, (int64_t)timeout->tv_usec * 1000) : -1;

    if (timeout != NULL && ns < 0)
        return syscall_result(ns);
    return select_ns(count, readable, writable, exceptional, ns, NULL);
}

int pselect(int count, fd_set *readable, fd_set *writable, fd_set *exceptional,
            const struct timespec *timeout, const sigset_t *mask)
{
    int64_t ns = timeout != NULL ? timeout_ns(timeout->tv_sec, timeout->tv_nsec) : -1;

    if (timeout != NULL && ns < 0)
        return syscall_result(ns);
    return select_ns(count, readable, writable, exceptional, ns, mask);
}
