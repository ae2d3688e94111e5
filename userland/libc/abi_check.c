/*
 * userland/libc/abi_check.c - proves at compile time that newlib's constants
 * and structures are the kernel's, so libfreeport may pass them through.
 *
 * Layer: build check; produces no code. Every FP_* name of <freeport/abi.h>
 * appears below (userland.mk fails the build if one is missing), either in
 * an assertion or in the list of names newlib has no counterpart for. errno
 * values are checked against the kernel's src/errno.h by a generated file
 * (build/userland/errno_check.c).
 */
#include <fcntl.h>
#include <limits.h>
#include <mqueue.h>
#include <poll.h>
#include <freeport/abi.h>
#include <freeport/socket.h>
#include <signal.h>
#include <stddef.h>
#include <sys/dirent.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/termios.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SAME(newlib, kernel) _Static_assert((newlib) == (kernel), #newlib " != " #kernel)
#define SAME_LAYOUT(newlib, kernel)                                                                          \
    _Static_assert(sizeof(newlib) == sizeof(kernel), "size of " #newlib " != " #kernel)
#define SAME_FIELD(newlib, field, kernel, kernel_field)                                                      \
    _Static_assert(offsetof(newlib, field) == offsetof(kernel, kernel_field) &&                              \
                       sizeof(((newlib *)0)->field) == sizeof(((kernel *)0)->kernel_field),                  \
                   #newlib "." #field " != " #kernel "." #kernel_field)

/* file types */
SAME(S_IFMT, FP_S_IFMT);
SAME(S_IFSOCK, FP_S_IFSOCK);
SAME(S_IFLNK, FP_S_IFLNK);
SAME(S_IFREG, FP_S_IFREG);
SAME(S_IFBLK, FP_S_IFBLK);
SAME(S_IFDIR, FP_S_IFDIR);
SAME(S_IFCHR, FP_S_IFCHR);
SAME(S_IFIFO, FP_S_IFIFO);
SAME(DT_UNKNOWN, FP_DT_UNKNOWN);
SAME(DT_FIFO, FP_DT_FIFO);
SAME(DT_CHR, FP_DT_CHR);
SAME(DT_DIR, FP_DT_DIR);
SAME(DT_REG, FP_DT_REG);
SAME(DT_LNK, FP_DT_LNK);
SAME(DT_SOCK, FP_DT_SOCK);

/* open, fcntl, lseek, access */
SAME(O_RDONLY, FP_O_RDONLY);
SAME(O_WRONLY, FP_O_WRONLY);
SAME(O_RDWR, FP_O_RDWR);
SAME(O_ACCMODE, FP_O_ACCMODE);
SAME(O_APPEND, FP_O_APPEND);
SAME(O_CREAT, FP_O_CREAT);
SAME(O_TRUNC, FP_O_TRUNC);
SAME(O_EXCL, FP_O_EXCL);
SAME(O_NONBLOCK, FP_O_NONBLOCK);
SAME(O_NOCTTY, FP_O_NOCTTY);
SAME(O_CLOEXEC, FP_O_CLOEXEC);
SAME(O_DIRECTORY, FP_O_DIRECTORY);
SAME(F_DUPFD, FP_F_DUPFD);
SAME(F_GETFD, FP_F_GETFD);
SAME(F_SETFD, FP_F_SETFD);
SAME(F_GETFL, FP_F_GETFL);
SAME(F_SETFL, FP_F_SETFL);
SAME(F_DUPFD_CLOEXEC, FP_F_DUPFD_CLOEXEC);
SAME(FD_CLOEXEC, FP_FD_CLOEXEC);
SAME(SEEK_SET, FP_SEEK_SET);
SAME(SEEK_CUR, FP_SEEK_CUR);
SAME(SEEK_END, FP_SEEK_END);
SAME(F_OK, FP_F_OK);
SAME(X_OK, FP_X_OK);
SAME(W_OK, FP_W_OK);
SAME(R_OK, FP_R_OK);

/* ioctl and terminals */
SAME(TCGETS, FP_TCGETS);
SAME(TCSETS, FP_TCSETS);
SAME(TIOCGWINSZ, FP_TIOCGWINSZ);
SAME(FIONREAD, FP_FIONREAD);
SAME(TIOCSCTTY, FP_TIOCSCTTY);
SAME(TIOCGPGRP, FP_TIOCGPGRP);
SAME(TIOCSPGRP, FP_TIOCSPGRP);
SAME(TIOCSWINSZ, FP_TIOCSWINSZ);
SAME(TIOCNOTTY, FP_TIOCNOTTY);
SAME(TIOCGSID, FP_TIOCGSID);
SAME(TIOCGPTN, FP_TIOCGPTN);
SAME(PIPE_BUF, FP_PIPE_BUF);
SAME_LAYOUT(struct winsize, struct freeport_winsize);
SAME_FIELD(struct winsize, ws_row, struct freeport_winsize, rows);
SAME_FIELD(struct winsize, ws_col, struct freeport_winsize, columns);
SAME_FIELD(struct winsize, ws_xpixel, struct freeport_winsize, x_pixels);
SAME_FIELD(struct winsize, ws_ypixel, struct freeport_winsize, y_pixels);
SAME(NCCS, FP_NCCS);
SAME_LAYOUT(struct termios, struct freeport_termios);
SAME_FIELD(struct termios, c_iflag, struct freeport_termios, iflag);
SAME_FIELD(struct termios, c_oflag, struct freeport_termios, oflag);
SAME_FIELD(struct termios, c_cflag, struct freeport_termios, cflag);
SAME_FIELD(struct termios, c_lflag, struct freeport_termios, lflag);
SAME_FIELD(struct termios, c_cc, struct freeport_termios, cc);
SAME(INLCR, FP_INLCR);
SAME(IGNCR, FP_IGNCR);
SAME(ICRNL, FP_ICRNL);
SAME(OPOST, FP_OPOST);
SAME(ONLCR, FP_ONLCR);
SAME(CS8, FP_CS8);
SAME(ISIG, FP_ISIG);
SAME(ICANON, FP_ICANON);
SAME(ECHO, FP_ECHO);
SAME(ECHOE, FP_ECHOE);
SAME(ECHOK, FP_ECHOK);
SAME(ECHOCTL, FP_ECHOCTL);
SAME(NOFLSH, FP_NOFLSH);
SAME(TOSTOP, FP_TOSTOP);
SAME(VINTR, FP_VINTR);
SAME(VQUIT, FP_VQUIT);
SAME(VERASE, FP_VERASE);
SAME(VKILL, FP_VKILL);
SAME(VEOF, FP_VEOF);
SAME(VTIME, FP_VTIME);
SAME(VMIN, FP_VMIN);
SAME(VSUSP, FP_VSUSP);

/* readv, writev */
SAME_LAYOUT(struct iovec, struct freeport_iovec);
SAME_FIELD(struct iovec, iov_base, struct freeport_iovec, base);
SAME_FIELD(struct iovec, iov_len, struct freeport_iovec, length);

/* poll (<poll.h> is Freeport's own, written to match) */
SAME_LAYOUT(struct pollfd, struct freeport_pollfd);
SAME_FIELD(struct pollfd, fd, struct freeport_pollfd, fd);
SAME_FIELD(struct pollfd, events, struct freeport_pollfd, events);
SAME_FIELD(struct pollfd, revents, struct freeport_pollfd, revents);
SAME(POLLIN, FP_POLLIN);
SAME(POLLPRI, FP_POLLPRI);
SAME(POLLOUT, FP_POLLOUT);
SAME(POLLERR, FP_POLLERR);
SAME(POLLHUP, FP_POLLHUP);
SAME(POLLNVAL, FP_POLLNVAL);

/* sockets (<sys/socket.h> and <sys/un.h> are Freeport's own, matching <freeport/socket.h>;
 * accept4 passes SOCK_NONBLOCK and SOCK_CLOEXEC on as the open flags) */
SAME(AF_UNIX, FP_AF_UNIX);
SAME(SOCK_STREAM, FP_SOCK_STREAM);
SAME(SOCK_DGRAM, FP_SOCK_DGRAM);
SAME(SOCK_SEQPACKET, FP_SOCK_SEQPACKET);
SAME(SOCK_NONBLOCK, FP_SOCK_NONBLOCK);
SAME(SOCK_CLOEXEC, FP_SOCK_CLOEXEC);
SAME(SOCK_NONBLOCK, FP_O_NONBLOCK);
SAME(SOCK_CLOEXEC, FP_O_CLOEXEC);
SAME(MSG_PEEK, FP_MSG_PEEK);
SAME(MSG_CTRUNC, FP_MSG_CTRUNC);
SAME(MSG_TRUNC, FP_MSG_TRUNC);
SAME(MSG_DONTWAIT, FP_MSG_DONTWAIT);
SAME(MSG_NOSIGNAL, FP_MSG_NOSIGNAL);
SAME(MSG_CMSG_CLOEXEC, FP_MSG_CMSG_CLOEXEC);
SAME(SHUT_RD, FP_SHUT_RD);
SAME(SHUT_WR, FP_SHUT_WR);
SAME(SHUT_RDWR, FP_SHUT_RDWR);
SAME(SOL_SOCKET, FP_SOL_SOCKET);
SAME(SO_TYPE, FP_SO_TYPE);
SAME(SO_ERROR, FP_SO_ERROR);
SAME(SO_SNDBUF, FP_SO_SNDBUF);
SAME(SO_RCVBUF, FP_SO_RCVBUF);
SAME(SO_PEERCRED, FP_SO_PEERCRED);
SAME(SO_ACCEPTCONN, FP_SO_ACCEPTCONN);
SAME(SCM_RIGHTS, FP_SCM_RIGHTS);
SAME(sizeof(struct sockaddr_un), 110);
SAME(offsetof(struct sockaddr_un, sun_path), 2);
SAME_LAYOUT(struct msghdr, struct freeport_msghdr);
SAME_FIELD(struct msghdr, msg_name, struct freeport_msghdr, name);
SAME_FIELD(struct msghdr, msg_namelen, struct freeport_msghdr, name_length);
SAME_FIELD(struct msghdr, msg_iov, struct freeport_msghdr, iov);
SAME_FIELD(struct msghdr, msg_iovlen, struct freeport_msghdr, iov_count);
SAME_FIELD(struct msghdr, msg_control, struct freeport_msghdr, control);
SAME_FIELD(struct msghdr, msg_controllen, struct freeport_msghdr, control_length);
SAME_FIELD(struct msghdr, msg_flags, struct freeport_msghdr, flags);
SAME_LAYOUT(struct cmsghdr, struct freeport_cmsghdr);
SAME_FIELD(struct cmsghdr, cmsg_len, struct freeport_cmsghdr, length);
SAME_FIELD(struct cmsghdr, cmsg_level, struct freeport_cmsghdr, level);
SAME_FIELD(struct cmsghdr, cmsg_type, struct freeport_cmsghdr, type);
SAME(CMSG_LEN(0), FP_CMSG_ALIGN(sizeof(struct freeport_cmsghdr)));
SAME_LAYOUT(struct ucred, struct freeport_ucred);
SAME_FIELD(struct ucred, pid, struct freeport_ucred, pid);
SAME_FIELD(struct ucred, uid, struct freeport_ucred, uid);
SAME_FIELD(struct ucred, gid, struct freeport_ucred, gid);

/* message queues (<mqueue.h> is Freeport's own, written to match) */
SAME_LAYOUT(struct mq_attr, struct freeport_mq_attr);
SAME_FIELD(struct mq_attr, mq_flags, struct freeport_mq_attr, flags);
SAME_FIELD(struct mq_attr, mq_maxmsg, struct freeport_mq_attr, maxmsg);
SAME_FIELD(struct mq_attr, mq_msgsize, struct freeport_mq_attr, msgsize);
SAME_FIELD(struct mq_attr, mq_curmsgs, struct freeport_mq_attr, curmsgs);
SAME(MQ_PRIO_MAX, FP_MQ_PRIO_MAX);
SAME(SIGEV_NONE, FP_SIGEV_NONE);
SAME(SIGEV_SIGNAL, FP_SIGEV_SIGNAL);

/* mmap */
SAME(PROT_NONE, FP_PROT_NONE);
SAME(PROT_READ, FP_PROT_READ);
SAME(PROT_WRITE, FP_PROT_WRITE);
SAME(PROT_EXEC, FP_PROT_EXEC);
SAME(MAP_SHARED, FP_MAP_SHARED);
SAME(MAP_PRIVATE, FP_MAP_PRIVATE);
SAME(MAP_FIXED, FP_MAP_FIXED);
SAME(MAP_ANONYMOUS, FP_MAP_ANONYMOUS);

/* waitpid: options, and newlib's macros decode the kernel's status words */
SAME(WNOHANG, FP_WNOHANG);
SAME(WCONTINUED, FP_WCONTINUED);
_Static_assert(WIFSTOPPED(FP_W_STOPPED(FP_SIGTSTP)) && WSTOPSIG(FP_W_STOPPED(FP_SIGTSTP)) == FP_SIGTSTP &&
                   !WIFEXITED(FP_W_STOPPED(FP_SIGTSTP)) && !WIFSIGNALED(FP_W_STOPPED(FP_SIGTSTP)),
               "FP_W_STOPPED");
_Static_assert(WIFCONTINUED(FP_W_CONTINUED) && !WIFEXITED(FP_W_CONTINUED) && !WIFSIGNALED(FP_W_CONTINUED) &&
                   !WIFSTOPPED(FP_W_CONTINUED),
               "FP_W_CONTINUED");
SAME(WUNTRACED, FP_WUNTRACED);
_Static_assert(WIFEXITED(FP_W_EXITED(42)) && WEXITSTATUS(FP_W_EXITED(42)) == 42, "FP_W_EXITED");
_Static_assert(WIFSIGNALED(FP_W_SIGNALED(FP_SIGKILL)) && WTERMSIG(FP_W_SIGNALED(FP_SIGKILL)) == FP_SIGKILL,
               "FP_W_SIGNALED");

/* signals */
SAME(NSIG, FP_NSIG);
SAME(SIGHUP, FP_SIGHUP);
SAME(SIGINT, FP_SIGINT);
SAME(SIGQUIT, FP_SIGQUIT);
SAME(SIGILL, FP_SIGILL);
SAME(SIGTRAP, FP_SIGTRAP);
SAME(SIGABRT, FP_SIGABRT);
SAME(SIGFPE, FP_SIGFPE);
SAME(SIGKILL, FP_SIGKILL);
SAME(SIGBUS, FP_SIGBUS);
SAME(SIGSEGV, FP_SIGSEGV);
SAME(SIGSYS, FP_SIGSYS);
SAME(SIGPIPE, FP_SIGPIPE);
SAME(SIGALRM, FP_SIGALRM);
SAME(SIGTERM, FP_SIGTERM);
SAME(SIGURG, FP_SIGURG);
SAME(SIGSTOP, FP_SIGSTOP);
SAME(SIGTSTP, FP_SIGTSTP);
SAME(SIGCONT, FP_SIGCONT);
SAME(SIGCHLD, FP_SIGCHLD);
SAME(SIGTTIN, FP_SIGTTIN);
SAME(SIGTTOU, FP_SIGTTOU);
SAME(SIGIO, FP_SIGIO);
SAME(SIGWINCH, FP_SIGWINCH);
SAME(SIGUSR1, FP_SIGUSR1);
SAME(SIGUSR2, FP_SIGUSR2);
SAME((uintptr_t)SIG_DFL, FP_SIG_DFL);
SAME((uintptr_t)SIG_IGN, FP_SIG_IGN);
SAME(SIG_BLOCK, FP_SIG_BLOCK);
SAME(SIG_UNBLOCK, FP_SIG_UNBLOCK);
SAME(SIG_SETMASK, FP_SIG_SETMASK);
SAME(SA_NOCLDSTOP, FP_SA_NOCLDSTOP);
SAME(SA_RESTART, FP_SA_RESTART);

/* clocks: times() scales kernel ticks to CLOCKS_PER_SEC by an integer factor */
SAME(CLOCK_REALTIME, FP_CLOCK_REALTIME);
SAME(CLOCK_MONOTONIC, FP_CLOCK_MONOTONIC);
_Static_assert(CLOCKS_PER_SEC % FP_CLOCKS_PER_SEC == 0,
               "CLOCKS_PER_SEC is not a multiple of FP_CLOCKS_PER_SEC");

/*
 * No newlib counterpart; used directly by the programs that need them:
 * FP_SA_SIGINFO (newlib's struct sigaction has no sa_sigaction),
 * FP_PROC_RUNNING FP_PROC_SLEEPING FP_PROC_ZOMBIE FP_PROC_STOPPED (ps),
 * FP_AT_NULL FP_AT_PAGESZ FP_AT_ENTRY (the initial stack, crt0.S),
 * FP_KCHECK_HEAP FP_KCHECK_FRAMES FP_KCHECK_SCHEDULER FP_KCHECK_PROCESSES
 * FP_KCHECK_AREAS FP_KCHECK_TEXT_MAX FP_FAULT_HEAP FP_FAULT_FRAMES
 * (freeport_kcheck, freeport_fault_inject: <freeport/sys.h>),
 * FP_POLL_MAX (the kernel's limit on poll's nfds; tests use it),
 * FP_MQ_MAXMSG_MAX FP_MQ_MSGSIZE_MAX FP_MQ_MAXMSG_DEFAULT FP_MQ_MSGSIZE_DEFAULT
 * FP_MQ_OPEN_MAX FP_MQ_NAME_MAX (message-queue limits, <mqueue.h> names them).
 */
