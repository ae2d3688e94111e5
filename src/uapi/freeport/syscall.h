/*
 * <freeport/syscall.h> - the system-call ABI between user space and the kernel.
 *
 * Layer: user API (shared: the kernel includes it, and it is installed into
 * build/sysroot/include/freeport/ for user programs). Nothing here may depend
 * on kernel internals.
 *
 * Calling convention (x86_64, like Linux's): the `syscall` instruction with
 *   %rax = number, arguments in %rdi %rsi %rdx %r10 %r8 %r9;
 *   result in %rax: >= 0 on success, -errno (-4095..-1) on failure;
 *   %rcx and %r11 are clobbered, every other register is preserved.
 *
 * Numeric values of errno codes, open flags, signal numbers and mode bits are
 * newlib's, so the C library passes them through untranslated. Structures the
 * kernel fills (stat, dirent, ...) are defined in <freeport/abi.h> with fixed
 * widths; the C library converts them to its own.
 *
 * Numbers are never reused: a retired call keeps its slot.
 */
#ifndef FREEPORT_UAPI_SYSCALL_H
#define FREEPORT_UAPI_SYSCALL_H

/* Processes and memory */
#define SYS_exit            0
#define SYS_fork            1
#define SYS_execve          2
#define SYS_waitpid         3
#define SYS_getpid          4
#define SYS_getppid         5
#define SYS_brk             6
#define SYS_mmap            7
#define SYS_munmap          8
#define SYS_mprotect        9
#define SYS_sched_yield     10
#define SYS_uname           11
#define SYS_poweroff        12      /* (status): end the machine; init only */

/* Signals */
#define SYS_kill            20
#define SYS_sigaction       21
#define SYS_sigprocmask     22
#define SYS_sigpending      23
#define SYS_sigsuspend      24
#define SYS_sigreturn       25
#define SYS_alarm           26

/* Time */
#define SYS_nanosleep       30
#define SYS_clock_gettime   31
#define SYS_times           32

/* Files */
#define SYS_read            40
#define SYS_write           41
#define SYS_open            42
#define SYS_close           43
#define SYS_lseek           44
#define SYS_readv           45
#define SYS_writev          46
#define SYS_stat            47
#define SYS_fstat           48
#define SYS_lstat           49
#define SYS_dup             50
#define SYS_dup2            51
#define SYS_fcntl           52
#define SYS_ioctl           53
#define SYS_mkdir           54
#define SYS_rmdir           55
#define SYS_unlink          56
#define SYS_rename          57
#define SYS_getdents        58
#define SYS_chdir           59
#define SYS_getcwd          60
#define SYS_umask           61
#define SYS_access          62
#define SYS_mknod           63

/* Kernel introspection for tests and tools (counters, integrity checks) */
#define SYS_kstat           90      /* (struct freeport_kstat *) */
#define SYS_procinfo        91      /* (index, struct freeport_procinfo *) */

/* Robustness: kernel integrity checks and fault injection (docs/robustness.md) */
#define SYS_kcheck          150     /* (struct freeport_kcheck *) */
#define SYS_fault_inject    151     /* (one_in, seed, FP_FAULT_* sites) */

/* Native IPC: ports, call/reply, capabilities, names, statistics and trace
 * (structures in <freeport/ipc.h>; results are 0 or -IPC_ERR_*, not errno) */
#define SYS_port_create     100     /* (depth, uint64_t *token) */
#define SYS_port_send       101     /* (token, const struct ipc_send_args *) */
#define SYS_port_receive    102     /* (token, struct ipc_receive_args *) */
#define SYS_port_call       103     /* (token, const struct ipc_send_args *, struct ipc_receive_args *) */
#define SYS_port_reply      104     /* (transaction_id, const struct ipc_send_args *) */
#define SYS_port_configure  105     /* (token, const struct ipc_port_config *) */
#define SYS_cap_close       106     /* (token) */
#define SYS_cap_derive      107     /* (token, rights, uint64_t *new_token) */
#define SYS_cap_revoke      108     /* (token) */
#define SYS_cap_info        109     /* (token, struct ipc_cap_info *) */
#define SYS_ns_bind         110     /* (name, length, token, rights) */
#define SYS_ns_lookup       111     /* (name, length, uint64_t *token) */
#define SYS_ns_unbind       112     /* (name, length) */
#define SYS_ipc_stats       113     /* (what, argument, void *out) */
#define SYS_ipc_trace_control 114   /* (enable) */
#define SYS_ipc_trace_read  115     /* (uint64_t *cursor, struct ipc_trace_event *, max, uint64_t *missed) */

/* Native IPC: channels, shared memory, wait sets, broadcast, the system
 * endpoint (structures in <freeport/ipc.h>; results are 0 or -IPC_ERR_*) */
#define SYS_channel_create  120     /* (capacity, uint64_t tokens[2]) */
#define SYS_channel_map     121     /* (token, struct ipc_channel_map *) */
#define SYS_channel_wait    122     /* (token, direction, expected_events, timeout) */
#define SYS_channel_wake    123     /* (token, direction) */
#define SYS_shm_create      124     /* (size, uint64_t *token) */
#define SYS_shm_map         125     /* (token, uint64_t *address) */
#define SYS_shm_unmap       126     /* (address) */
#define SYS_shm_transfer    127     /* (token, port_token, type) */
#define SYS_waitset_create  128     /* (uint64_t *token) */
#define SYS_waitset_add     129     /* (set_token, token, events, cookie) */
#define SYS_waitset_remove  130     /* (set_token, token) */
#define SYS_waitset_wait    131     /* (set_token, struct ipc_ready *, max, timeout) */
#define SYS_broadcast_create 132    /* (uint64_t *token) */
#define SYS_broadcast_subscribe 133 /* (token, port_token) */
#define SYS_broadcast_unsubscribe 134 /* (token, port_token) */
#define SYS_broadcast_publish 135   /* (token, const struct ipc_send_args *) */
#define SYS_broadcast_stats 136     /* (token, port_token or 0, struct ipc_broadcast_stats *) */
#define SYS_system_subscribe 137    /* (port_token, mask) */
#define SYS_system_stats    138     /* (port_token or 0, struct ipc_broadcast_stats *) */
#define SYS_ipc_transport_stats 139 /* (struct ipc_transport_stats *) */

/* POSIX IPC: pipes and FIFOs (results are -errno, like the file calls') */
#define SYS_pipe2           160     /* (int fds[2], flags) */

/* POSIX IPC: poll, select and pselect, all one call (libc translates) */
#define SYS_ppoll           190     /* (struct freeport_pollfd *, nfds, const int64_t *timeout_ns
                                       or NULL: none, const uint64_t *sigmask or NULL) */

/* POSIX IPC: message queues (mq_close is close) */
#define SYS_mq_open         191     /* (name, oflag, mode, const struct freeport_mq_attr * or NULL) -> fd */
#define SYS_mq_unlink       192     /* (name) */
#define SYS_mq_timedsend    193     /* (fd, buffer, length, priority, const struct freeport_timespec
                                       *absolute CLOCK_REALTIME deadline or NULL) */
#define SYS_mq_timedreceive 194     /* (fd, buffer, capacity, uint32_t *priority or NULL, deadline as
                                       for send) -> length */
#define SYS_mq_notify       195     /* (fd, notify: 0 to remove, FP_SIGEV_NONE, FP_SIGEV_SIGNAL; signo) */
#define SYS_mq_getsetattr   196     /* (fd, const struct freeport_mq_attr *new or NULL, struct
                                       freeport_mq_attr *old or NULL) */

/* POSIX IPC: Unix sockets (constants: <freeport/socket.h>) */
#define SYS_socket          200     /* (domain, type, protocol, int pair_fds[2] or NULL) */
#define SYS_bind            201     /* (fd, address, address_length) */
#define SYS_listen          202     /* (fd, backlog) */
#define SYS_connect         203     /* (fd, address, address_length) */
#define SYS_accept4         204     /* (fd, address, uint32_t *address_length, flags) */
#define SYS_sockname        205     /* (fd, peer, address, uint32_t *address_length) */
#define SYS_sendmsg         206     /* (fd, const struct freeport_msghdr *, flags) */
#define SYS_recvmsg         207     /* (fd, struct freeport_msghdr *, flags) */
#define SYS_shutdown        208     /* (fd, how) */
#define SYS_getsockopt      209     /* (fd, level, name, void *value, uint32_t *length) */
#define SYS_setsockopt      210     /* (fd, level, name, const void *value, length) */

/* FreeWorld channels (<freeport/freeworld.h>; results are ids, counts or
 * -IPC_ERR_*, like native IPC's) */
#define SYS_fw_create       220     /* (name, length, type, buffer_size) -> id */
#define SYS_fw_open         221     /* (name, length, mode) -> id */
#define SYS_fw_close        222     /* (id) */
#define SYS_fw_send         223     /* (id, buffer, size, type, receiver, priority) -> bytes */
#define SYS_fw_receive      224     /* (id, struct ipc_receive_args *) -> payload bytes */

/* Job control, terminals and console devices */
#define SYS_setpgid         230     /* (pid or 0, pgid or 0) */
#define SYS_getpgid         231     /* (pid or 0) -> pgid */
#define SYS_setsid          232     /* () -> the new session's id */
#define SYS_getsid          233     /* (pid or 0) -> sid */
#define SYS_openpty         234     /* (int fds[2]: master, slave; flags: FP_O_CLOEXEC, FP_O_NONBLOCK) */
#define SYS_device_claim    235     /* (FP_DEVICE_*) -> fd; only init */

/* Services: the machine's life as init runs it */
#define SYS_reboot          250     /* (): reset the machine; init only */

/* Ranges reserved for the layers still arriving, so work on them in
 * parallel never collides (each defines its numbers inside its range):
 *   100-119  native IPC: capabilities, ports, call/reply, names, stats, trace
 *   120-139  native IPC: channels, shared memory, wait sets, broadcast, system endpoint
 *   150-159  robustness: fault injection, kernel integrity checks
 *   160-199  POSIX IPC: pipes, FIFOs, message queues, poll/select (180-189 free)
 *   200-219  POSIX IPC: Unix sockets
 *   220-229  FreeWorld channels
 *   230-249  job control, terminals, console devices */

#define SYS_COUNT           256     /* size of the kernel's table */

/*
 * Arguments and results, as userland/libc calls them (pointers are user
 * addresses; structures are <freeport/abi.h>'s; a result is -errno on error):
 *   exit(status)                       does not return
 *   fork() -> child pid, 0 in the child
 *   execve(path, argv, envp)           argv/envp NULL-terminated; no return on success:
 *                                      the program starts at its ELF entry with %rsp at
 *                                      argc, argv[], NULL, envp[], NULL, FP_AT_* pairs
 *   waitpid(pid, int *status, options) -> pid; pid -1 = any child, 0 = any in the
 *                                        caller's process group, < -1 = any in group
 *                                        -pid; 0 with FP_WNOHANG if none has anything
 *                                        to report; FP_WUNTRACED / FP_WCONTINUED also
 *                                        report a stop (FP_W_STOPPED) / continue
 *                                        (FP_W_CONTINUED), once each
 *   brk(address) -> the break after the call: sets it to address when that is
 *                   non-zero and possible, otherwise leaves it (brk(0) asks)
 *   mmap(address, length, prot, flags, fd, offset) -> address
 *   munmap(address, length), mprotect(address, length, prot) -> 0
 *   uname(struct freeport_utsname *) -> 0
 *   poweroff(status)                   does not return when allowed; -EPERM unless init
 *   reboot()                           resets the machine (keyboard controller, else a
 *                                      triple fault); does not return when allowed;
 *                                      -EPERM unless init
 *   kill(pid, signal) -> 0: pid > 0 that process, 0 the caller's group, -1 all
 *                                      but init and the caller, < -1 group -pid;
 *                                      ESRCH if nobody; signal 0 only checks
 *   sigaction(signal, const struct freeport_sigaction *new or NULL,
 *             struct freeport_sigaction *old or NULL) -> 0
 *   sigprocmask(how, const uint64_t *set or NULL, uint64_t *old or NULL) -> 0
 *   sigpending(uint64_t *set) -> 0
 *   sigsuspend(const uint64_t *mask) -> -EINTR once a handler has run
 *   sigreturn()                        from the restorer only; restores the
 *                                      context saved when the handler was entered
 *   (delivering a signal, the kernel puts its frame below %rsp - 128: user code
 *   is compiled with the System V red zone; the handler returns to restorer)
 *   alarm(seconds) -> seconds left of the previous alarm
 *   nanosleep(const struct freeport_timespec *request,
 *             struct freeport_timespec *remaining or NULL) -> 0
 *   clock_gettime(clock, struct freeport_timespec *) -> 0
 *   times(struct freeport_tms *) -> clock ticks since boot
 *   read/write(fd, buffer, length) -> bytes
 *   open(path, flags, mode) -> fd;  close(fd) -> 0
 *   lseek(fd, offset, whence) -> new offset
 *   readv/writev(fd, const struct freeport_iovec *, count) -> bytes
 *   stat/lstat(path, struct freeport_stat *), fstat(fd, struct freeport_stat *) -> 0
 *   dup(fd) -> fd;  dup2(fd, new_fd) -> new_fd;  fcntl(fd, command, argument)
 *   ioctl(fd, request, argument)       FP_TCGETS/FP_TCSETS: struct freeport_termios *;
 *                                      FP_TIOCGWINSZ: struct freeport_winsize *;
 *                                      FP_FIONREAD: int *; -ENOTTY if not a terminal
 *   mkdir(path, mode), rmdir(path), unlink(path), rename(old, new) -> 0
 *   getdents(fd, buffer, length) -> bytes of struct freeport_dirent records, 0 at end
 *   chdir(path) -> 0;  getcwd(buffer, length) -> length with the NUL
 *   umask(mask) -> the previous mask;  access(path, FP_R_OK | ...) -> 0
 *   mknod(path, mode, device) -> 0
 *   pipe2(int fds[2], flags) -> 0: fds[0] reads and fds[1] writes one new
 *            pipe; flags FP_O_NONBLOCK, FP_O_CLOEXEC (others: -EINVAL);
 *            -EMFILE, -EFAULT (no descriptor is left open), -ENOMEM
 *   Unix sockets (200-219; docs/posix.md, "Unix sockets"):
 *   socket(FP_AF_UNIX, FP_SOCK_STREAM / _DGRAM / _SEQPACKET [| FP_SOCK_NONBLOCK
 *            | FP_SOCK_CLOEXEC], 0, int pair_fds[2] or NULL) -> with NULL, the
 *            descriptor of one new unconnected socket; otherwise 0 and two
 *            connected sockets in pair_fds (socketpair); -EAFNOSUPPORT,
 *            -EPROTONOSUPPORT, -EMFILE, -EFAULT (no descriptor is left open),
 *            -ENOMEM
 *   bind(fd, const struct sockaddr_un *, length) -> 0: makes the socket node;
 *            -EADDRINUSE (the path exists), -EINVAL (bound already, a
 *            connected stream or seqpacket socket, a bad length or an empty
 *            path), -EAFNOSUPPORT, the path's errors
 *   listen(fd, backlog) -> 0; backlog clamped to 1..128; -EDESTADDRREQ (not
 *            bound), -EOPNOTSUPP (a datagram socket)
 *   connect(fd, const struct sockaddr_un *, length) -> 0 at once, never
 *            waiting (-EINPROGRESS never happens); stream and seqpacket:
 *            -ENOENT..., -ECONNREFUSED (not a socket, not listening, backlog
 *            full), -EPROTOTYPE (a socket of another type), -EISCONN,
 *            -EINVAL; datagram: sets the default peer (again: a new one)
 *   accept4(fd, struct sockaddr_un * or NULL, uint32_t *length or NULL, flags)
 *            -> the connection's descriptor; flags FP_SOCK_NONBLOCK,
 *            FP_SOCK_CLOEXEC; -EINVAL (not listening), -EOPNOTSUPP
 *            (datagram), -EAGAIN, -EINTR, -EMFILE and -EFAULT (the
 *            connection stays queued)
 *   sockname(fd, peer, struct sockaddr_un *, uint32_t *length) -> 0: the
 *            socket's own name (peer 0) or its peer's (1: -ENOTCONN if not
 *            connected); unnamed: *length = 2
 *   sendmsg(fd, const struct freeport_msghdr *, FP_MSG_DONTWAIT |
 *            FP_MSG_NOSIGNAL) -> bytes: gathers the iovecs (at most 1024:
 *            -EMSGSIZE); a datagram socket sends one datagram to msg_name or
 *            its peer (-ENOTCONN without), a seqpacket socket one record
 *            (msg_name ignored), a stream socket bytes (msg_name: -EISCONN);
 *            control: FP_SCM_RIGHTS messages, at most 64 descriptors
 *            (-EINVAL beyond or malformed, -EBADF, -ENOBUFS beyond 4096
 *            bytes); -EMSGSIZE (a record beyond SO_SNDBUF), -EPIPE (and
 *            SIGPIPE unless FP_MSG_NOSIGNAL), -ECONNREFUSED, -EPROTOTYPE,
 *            -EPERM (the datagram's destination is connected to another),
 *            -EAGAIN, -EINTR, -EFAULT (nothing sent), -EOPNOTSUPP (a flag)
 *   recvmsg(fd, struct freeport_msghdr *, FP_MSG_DONTWAIT | FP_MSG_PEEK |
 *            FP_MSG_TRUNC | FP_MSG_CMSG_CLOEXEC) -> bytes (a record's whole
 *            length with FP_MSG_TRUNC), 0 at the end; scatters into the
 *            iovecs; name_length: the datagram sender's address length (0:
 *            unnamed or a connection); control_length: the bytes of the one
 *            FP_SCM_RIGHTS message written (descriptors that do not fit are
 *            closed); flags out: FP_MSG_TRUNC, FP_MSG_CTRUNC; -EFAULT with
 *            nothing taken when a buffer cannot be written
 *   shutdown(fd, FP_SHUT_RD / FP_SHUT_WR / FP_SHUT_RDWR) -> 0; -ENOTCONN
 *            (an unconnected stream or seqpacket socket)
 *   getsockopt(fd, FP_SOL_SOCKET, FP_SO_TYPE / FP_SO_ERROR / FP_SO_SNDBUF /
 *            FP_SO_RCVBUF / FP_SO_ACCEPTCONN / FP_SO_PEERCRED, void *value,
 *            uint32_t *length) -> 0, *length = the bytes written (4, or a
 *            struct freeport_ucred's 12, cut to the length given);
 *            -ENOPROTOOPT, -ENOTCONN (SO_PEERCRED), -EINVAL (*length < 4)
 *   setsockopt(fd, FP_SOL_SOCKET, FP_SO_SNDBUF / FP_SO_RCVBUF, const int *,
 *            length) -> 0; -ENOPROTOOPT, -EINVAL (length < 4, negative)
 *   kstat(struct freeport_kstat *) -> 0
 *   procinfo(index, struct freeport_procinfo *) -> 0 if that slot holds a
 *            process, -ESRCH if it is free, -EINVAL past the end of the table
 *
 * Native IPC (100-119) returns 0 (or a count) or -IPC_ERR_* of <freeport/ipc.h>,
 * never -errno. Tokens name capabilities (bad, stale or forged: INVALID_CAP;
 * lacking the right: PERMISSION); a bad pointer is FAULT. Timeouts are
 * relative nanoseconds: IPC_TIMEOUT_NONE (0) never waits, IPC_TIMEOUT_FOREVER
 * waits until it can; a signal ends a wait with INTERRUPTED (never restarted).
 *   port_create(depth, uint64_t *token) -> 0: a port queueing up to depth
 *            messages (0: IPC_PORT_DEPTH_DEFAULT; at most IPC_PORT_DEPTH_MAX),
 *            and a token with SEND | RECEIVE | GRANT | REVOKE
 *   port_send(token, const struct ipc_send_args *) -> 0 once the message is
 *            queued or handed to a waiting receiver; needs SEND; FULL when the
 *            port stays full for args->timeout; TOO_LARGE beyond the port's
 *            max message; FILTERED, RATE_LIMITED; PEER_CLOSED once no one can
 *            receive from the port
 *   port_receive(token, struct ipc_receive_args *) -> 0 with the message in
 *            args (highest priority first, FIFO within one; receivers are
 *            served in the order they came); needs RECEIVE; EMPTY when nothing
 *            came within args->timeout; TOO_LARGE / QUOTA leave it queued
 *   port_call(token, const struct ipc_send_args *request,
 *             struct ipc_receive_args *reply) -> 0 with the reply in *reply:
 *            sends the request with IPC_MSG_CALL and a fresh transaction id,
 *            then waits reply->timeout for the answer; PEER_CLOSED if the
 *            receiver went away without answering; TIMEOUT
 *   port_reply(transaction_id, const struct ipc_send_args *) -> 0: answers
 *            the call this process received with that id, once; INVALID_CAP
 *            for an id it does not owe (unknown, or already answered);
 *            PEER_CLOSED if the caller stopped waiting; TOO_LARGE / QUOTA if
 *            the reply does not fit the caller (the call stays owed)
 *   port_configure(token, const struct ipc_port_config *) -> 0; needs RECEIVE
 *   cap_close(token) -> 0;  cap_revoke(token) -> 0 (needs REVOKE: every
 *            copy derived from it, in any process, becomes stale)
 *   cap_derive(token, rights, uint64_t *new_token) -> 0: a copy with the same
 *            or fewer rights (more: PERMISSION)
 *   cap_info(token, struct ipc_cap_info *) -> 0
 *   ns_bind(name, length, token, rights) -> 0: name (1..IPC_NAME_MAX bytes)
 *            stands for the capability (needs GRANT); lookups get `rights`
 *            (a subset of the token's); NAME_EXISTS; the name goes when the
 *            binder unbinds it or exits
 *   ns_lookup(name, length, uint64_t *token) -> 0; NAME_NOT_FOUND
 *   ns_unbind(name, length) -> 0; PERMISSION unless the caller bound it
 *   ipc_stats(what, argument, out) -> 1 when *out was filled, 0 when there is
 *            no such object (IPC_STATS_*)
 *   ipc_trace_control(enable) -> 0 or 1: whether tracing was on before
 *   ipc_trace_read(uint64_t *cursor, struct ipc_trace_event *, max,
 *            uint64_t *missed) -> events copied, oldest first, from event
 *            number *cursor on; *cursor moves past them
 *
 * Native IPC (120-139), with the conventions of 100-119 above (docs/ipc.md:
 * "Channels" and the sections after it):
 *   channel_create(capacity, uint64_t tokens[2]) -> 0: a channel whose two
 *            rings have capacity data bytes each (rounded up to a power of
 *            two, IPC_CHANNEL_MIN_CAPACITY..IPC_CHANNEL_MAX_CAPACITY: beyond,
 *            TOO_LARGE), and a token to each end with SEND | RECEIVE |
 *            GRANT | MAP; QUOTA beyond IPC_QUOTA_* (counted)
 *   channel_map(token, struct ipc_channel_map *) -> 0: maps the end's send
 *            and receive rings into the caller (needs MAP); they stay
 *            mapped while that capability does
 *   channel_wait(token, IPC_CHANNEL_DATA or _ROOM, expected_events,
 *            timeout) -> 0 once the direction's event counter in the ring
 *            differs from expected_events (at once if it already does);
 *            PEER_CLOSED once the other end is gone; TIMEOUT; INTERRUPTED
 *   channel_wake(token, IPC_CHANNEL_DATA or _ROOM) -> 0: wakes the other
 *            end's waiters (and wait sets) for that direction
 *   shm_create(size, uint64_t *token) -> 0: a zeroed region of size bytes
 *            (rounded up to pages) and a token with MAP | WRITE | GRANT |
 *            REVOKE; QUOTA
 *   shm_map(token, uint64_t *address) -> 0: maps the whole region, writable
 *            if the token has WRITE (needs MAP); it stays mapped while that
 *            capability does
 *   shm_unmap(address) -> 0: removes the mapping shm_map put there;
 *            INVALID_ARGUMENT if there is none
 *   shm_transfer(token, port_token, type) -> 0: moves the region's
 *            capability to the port in a message of `type` (one capability,
 *            no payload): the caller's token and its mappings through it
 *            are gone; needs GRANT on the region and SEND on the port
 *   waitset_create(uint64_t *token) -> 0: a token with SEND (change the set)
 *            | RECEIVE (wait on it) | GRANT
 *   waitset_add(set_token, token, events, cookie) -> 0: watch a port or
 *            channel end for IPC_EVENT_* (READABLE needs RECEIVE on it,
 *            WRITABLE SEND); again for the same object replaces events and
 *            cookie; QUOTA beyond IPC_WAITSET_MAX_ENTRIES
 *   waitset_remove(set_token, token) -> 0; INVALID_ARGUMENT if not watched
 *   waitset_wait(set_token, struct ipc_ready *, max, timeout) -> the number
 *            of ready entries written (1..max); TIMEOUT; INTERRUPTED
 *   broadcast_create(uint64_t *token) -> 0: SEND | RECEIVE | GRANT | REVOKE
 *   broadcast_subscribe(token, port_token) -> 0: the port (needs SEND on it;
 *            RECEIVE on the endpoint) gets a copy of each message published;
 *            the subscription is the caller's and ends when it exits
 *   broadcast_unsubscribe(token, port_token) -> 0
 *   broadcast_publish(token, const struct ipc_send_args *) -> the number of
 *            subscribers whose port took its copy (needs SEND; no
 *            capabilities, timeout IPC_TIMEOUT_NONE); a full port's copy is
 *            counted as dropped for that subscriber
 *   broadcast_stats(token, port_token or 0, struct ipc_broadcast_stats *) -> 0:
 *            the endpoint's counters, or the caller's subscription's
 *   system_subscribe(port_token, mask) -> 0: the port gets the kernel's
 *            IPC_SYSTEM_* events in mask (IPC_SYSTEM_MASK bits); mask 0 ends it
 *   system_stats(port_token or 0, struct ipc_broadcast_stats *) -> 0
 *   ipc_transport_stats(struct ipc_transport_stats *) -> 0
 *
 * FreeWorld channels (220-224), with native IPC's conventions (docs/ipc.md,
 * "FreeWorld channels"; constants in <freeport/freeworld_abi.h>). An id is
 * the slot of a capability in the caller's table (not inherited by fork):
 * unknown, closed or of another kind is INVALID_CAP; opened without the
 * mode a call needs is PERMISSION.
 *   fw_create(name, length, type, buffer_size) -> id: a channel of
 *            IPC_TYPE_SOCKET / _PIPE / _QUEUE named by `length` (1..128)
 *            bytes, the caller its creator (a socket's server) with an id
 *            that reads and writes; NAME_EXISTS, INVALID_ARGUMENT (type,
 *            buffer_size, empty name), TOO_LARGE (name), QUOTA beyond
 *            IPC_CHANNELS_MAX; the name goes when the creator's id does
 *   fw_open(name, length, mode) -> id: IPC_MODE_READ | _WRITE;
 *            NAME_NOT_FOUND, INVALID_ARGUMENT (mode)
 *   fw_close(id) -> 0
 *   fw_send(id, buffer, size, type, receiver, priority) -> size: waits
 *            while the queue it goes to is full; a pipe writes bytes (type
 *            and priority not carried); a socket client's goes to the
 *            server (receiver 0 or its pid), a server's to the client
 *            `receiver` or, for 0, a copy to every client (never waiting);
 *            TOO_LARGE beyond 512 bytes, INVALID_ARGUMENT (priority > 31,
 *            a receiver where none applies), PEER_CLOSED (nobody can
 *            receive: no reader, the server or that client gone), FAULT
 *   fw_receive(id, struct ipc_receive_args *) -> payload bytes: as
 *            port_receive (header, payload, capacity, timeout); a pipe
 *            fills only header.length and receiver_pid, 0 at its end, and
 *            knows only IPC_TIMEOUT_NONE (EMPTY) or waiting until it can;
 *            PEER_CLOSED once nothing is queued and nobody can send
 *
 * Job control, terminals, console devices (230-249; docs/processes.md
 * section 9, docs/tty.md):
 *   setpgid(pid or 0, pgid or 0) -> 0: pid joins group pgid (0: its own new
 *            group); ESRCH (not the caller or its child), EACCES (a child
 *            that has exec'd), EPERM (a session leader, another session, or
 *            no such group in the session), EINVAL (negative)
 *   getpgid(pid or 0) -> pgid; ESRCH
 *   setsid() -> the caller's pid: a new session and group, no controlling
 *            terminal; EPERM for a group leader
 *   getsid(pid or 0) -> sid; ESRCH
 *   openpty(int fds[2], flags) -> 0: fds[0] a new pseudo-terminal's master,
 *            fds[1] its slave (/dev/pts/N, TIOCGPTN); flags FP_O_CLOEXEC,
 *            FP_O_NONBLOCK, FP_O_NOCTTY (no effect); EAGAIN (16 in use)
 *   device_claim(FP_DEVICE_*) -> a descriptor for the VGA screen, the
 *            keyboard or COM1 (<freeport/device_abi.h>); only init (EPERM,
 *            reported as IPC_SYSTEM_DEVICE_REFUSED); EBUSY while a
 *            descriptor for it is open; EINVAL for an unknown device
 *
 * Robustness (150-159):
 *   kcheck(struct freeport_kcheck * or NULL) -> the number of problems the
 *            integrity checks found (0: consistent); each is also printed
 *            on the console
 *   fault_inject(one_in, seed, sites) -> 0: from now on 1 in one_in
 *            allocations at sites (FP_FAULT_*) made for the caller's
 *            descendants fail, as if memory had run out, chosen by a
 *            generator seeded with seed; one_in 0 turns it off. Replaces
 *            any earlier setting, whoever made it.
 */

#endif
