/*
 * syscalls.h - the POSIX IPC system calls, kernel side (numbers 160-219 of
 * <freeport/syscall.h>).
 *
 * Layer: POSIX (system-call side). proc/syscall_table.c calls these with
 * the raw register arguments; pointers are user addresses, touched only
 * through proc/usercopy.h. Each returns its result (>= 0) or -errno:
 * native IPC's errors are mapped by errno_map.h on the way out. One family
 * per file:
 *   sys_pipe.c   pipe2
 *   sys_socket.c socket (and socketpair), bind, listen, connect, accept4,
 *                getsockname/getpeername, shutdown
 *   sys_socket_msg.c    sendmsg, recvmsg
 *   sys_socket_option.c getsockopt, setsockopt
 *   sys_poll.c   ppoll (poll, select and pselect in libc)
 *   sys_mq.c     mq_open, mq_unlink, mq_timedsend, mq_timedreceive, mq_notify,
 *                mq_getsetattr
 *   sys_pty.c    openpty
 */
#ifndef FREEPORT_POSIX_SYSCALLS_H
#define FREEPORT_POSIX_SYSCALLS_H

#include <stddef.h>
#include <stdint.h>

#include <stdint.h>

/* sys_pipe.c */
long sys_pipe2(int *fds, int flags);

/* sys_pty.c */
long sys_openpty(int *fds, int flags);

/* sys_socket.c */
long sys_socket(int domain, int type, int protocol, int *pair_fds);
long sys_bind(int fd, const void *address, uint32_t length);
long sys_listen(int fd, int backlog);
long sys_connect(int fd, const void *address, uint32_t length);
long sys_accept4(int fd, void *address, uint32_t *length, int flags);
long sys_sockname(int fd, int peer, void *address, uint32_t *length);
long sys_shutdown(int fd, int how);

/* sys_socket_msg.c */
struct freeport_msghdr;
long sys_sendmsg(int fd, const struct freeport_msghdr *header, int flags);
long sys_recvmsg(int fd, struct freeport_msghdr *header, int flags);

/* sys_socket_option.c */
long sys_getsockopt(int fd, int level, int name, void *value, uint32_t *length);
long sys_setsockopt(int fd, int level, int name, const void *value, uint32_t length);

/* sys_poll.c */
struct freeport_pollfd;
long sys_ppoll(struct freeport_pollfd *fds, uint64_t nfds, const int64_t *timeout_ns,
               const uint64_t *sigmask);

/* sys_mq.c */
struct freeport_mq_attr;
struct freeport_timespec;
struct ipc_receive_args;
long sys_mq_open(const char *name, int flags, uint32_t mode, const struct freeport_mq_attr *attr);
long sys_mq_unlink(const char *name);
long sys_mq_timedsend(int fd, const void *buffer, uint64_t length, uint32_t priority,
                      const struct freeport_timespec *deadline);
long sys_mq_timedreceive(int fd, void *buffer, uint64_t capacity, uint32_t *priority,
                         const struct freeport_timespec *deadline);
long sys_mq_notify(int fd, int kind, int signal);
long sys_mq_getsetattr(int fd, const struct freeport_mq_attr *new_attr, struct freeport_mq_attr *old_attr);

#endif
