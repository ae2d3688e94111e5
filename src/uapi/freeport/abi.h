/*
 * <freeport/abi.h> - structures and constants the kernel and user space share.
 *
 * Layer: user API (installed into the SDK as <freeport/abi.h>). Fixed-width
 * fields only, so the layout is the same for the kernel and any C library.
 * Constant values equal newlib's (see <freeport/syscall.h>).
 */
#ifndef FREEPORT_UAPI_ABI_H
#define FREEPORT_UAPI_ABI_H

#include <stdint.h>

struct freeport_timespec {
    int64_t tv_sec;
    int64_t tv_nsec;
};

/* stat, fstat, lstat */
struct freeport_stat {
    uint64_t dev;
    uint64_t ino;
    uint32_t mode;          /* FP_S_IF* | permission bits */
    uint32_t nlink;
    uint32_t uid, gid;
    uint64_t rdev;
    int64_t size;
    int64_t blksize;
    int64_t blocks;         /* 512-byte units */
    struct freeport_timespec atime, mtime, ctime;
};

#define FP_S_IFMT       0170000
#define FP_S_IFSOCK     0140000
#define FP_S_IFLNK      0120000
#define FP_S_IFREG      0100000
#define FP_S_IFBLK      0060000
#define FP_S_IFDIR      0040000
#define FP_S_IFCHR      0020000
#define FP_S_IFIFO      0010000

/* getdents: a buffer of variable-length records */
struct freeport_dirent {
    uint64_t ino;
    uint16_t record_length;     /* of this record, name and padding included */
    uint8_t type;               /* FP_DT_* */
    char name[];                /* NUL-terminated */
};

#define FP_DT_UNKNOWN   0
#define FP_DT_FIFO      1
#define FP_DT_CHR       2
#define FP_DT_DIR       4
#define FP_DT_REG       8
#define FP_DT_LNK       10
#define FP_DT_SOCK      12

/* open flags (newlib's values) */
#define FP_O_RDONLY     0
#define FP_O_WRONLY     1
#define FP_O_RDWR       2
#define FP_O_ACCMODE    3
#define FP_O_APPEND     0x0008
#define FP_O_CREAT      0x0200
#define FP_O_TRUNC      0x0400
#define FP_O_EXCL       0x0800
#define FP_O_NONBLOCK   0x4000
#define FP_O_NOCTTY     0x8000
#define FP_O_CLOEXEC    0x40000
#define FP_O_DIRECTORY  0x200000

/* fcntl commands (newlib's values) */
#define FP_F_DUPFD      0
#define FP_F_GETFD      1
#define FP_F_SETFD      2
#define FP_F_GETFL      3
#define FP_F_SETFL      4
#define FP_F_DUPFD_CLOEXEC 14
#define FP_FD_CLOEXEC   1

/* ioctl requests (Linux's numbers: familiar, and newlib defines none) */
#define FP_TCGETS       0x5401
#define FP_TCSETS       0x5402
#define FP_TIOCGWINSZ   0x5413
#define FP_FIONREAD     0x541b
#define FP_TIOCSCTTY    0x540e      /* (int, ignored) make it the caller's controlling terminal */
#define FP_TIOCGPGRP    0x540f      /* (int32_t *) the foreground process group */
#define FP_TIOCSPGRP    0x5410      /* (const int32_t *) set it */
#define FP_TIOCSWINSZ   0x5414      /* (const struct freeport_winsize *) */
#define FP_TIOCNOTTY    0x5422      /* (none) give up the controlling terminal */
#define FP_TIOCGSID     0x5429      /* (int32_t *) the session the terminal controls */
#define FP_TIOCGPTN     0x80045430  /* (uint32_t *) the pseudo-terminal's number: /dev/pts/N */

/* Pipes and FIFOs: a write of at most FP_PIPE_BUF bytes is atomic */
#define FP_PIPE_BUF     4096

/* poll (SYS_ppoll): struct pollfd and its event bits (Linux's values;
 * <poll.h> has this layout). FP_POLL_MAX: the most descriptors one call
 * takes (the descriptor table's size); beyond it, EINVAL. */
struct freeport_pollfd {
    int32_t fd;
    int16_t events, revents;
};
#define FP_POLLIN       0x001
#define FP_POLLPRI      0x002
#define FP_POLLOUT      0x004
#define FP_POLLERR      0x008   /* revents only: a write end with no reader */
#define FP_POLLHUP      0x010   /* revents only: a read end with no writer */
#define FP_POLLNVAL     0x020   /* revents only: fd is not open */
#define FP_POLL_MAX     256

/* POSIX message queues (SYS_mq_*): struct mq_attr and the limits. Priorities
 * are 0 .. FP_MQ_PRIO_MAX - 1; a name is "/" and 1 .. FP_MQ_NAME_MAX more
 * bytes with no other "/". */
struct freeport_mq_attr {
    int64_t flags;   /* FP_O_NONBLOCK or 0 */
    int64_t maxmsg;  /* messages the queue holds, 1 .. FP_MQ_MAXMSG_MAX */
    int64_t msgsize; /* bytes of the longest message, 1 .. FP_MQ_MSGSIZE_MAX */
    int64_t curmsgs; /* messages queued now (out only) */
};
#define FP_MQ_PRIO_MAX      32768
#define FP_MQ_MAXMSG_MAX    256
#define FP_MQ_MSGSIZE_MAX   8192
#define FP_MQ_MAXMSG_DEFAULT  10
#define FP_MQ_MSGSIZE_DEFAULT 8192
#define FP_MQ_OPEN_MAX      256     /* queues that may exist at once */
#define FP_MQ_NAME_MAX      255
#define FP_SIGEV_NONE       1       /* mq_notify: register, deliver nothing */
#define FP_SIGEV_SIGNAL     2       /* mq_notify: post sigev_signo */

struct freeport_winsize {
    uint16_t rows, columns, x_pixels, y_pixels;
};

/* TCGETS / TCSETS argument: terminal settings (Linux's flag values and c_cc
 * indices; <termios.h>'s struct termios has this layout) */
#define FP_NCCS         20
struct freeport_termios {
    uint32_t iflag, oflag, cflag, lflag;
    uint8_t cc[FP_NCCS];
};
#define FP_INLCR        0000100     /* iflag: map NL to CR on input */
#define FP_IGNCR        0000200     /* iflag: ignore CR on input */
#define FP_ICRNL        0000400     /* iflag: map CR to NL on input */
#define FP_OPOST        0000001     /* oflag: post-process output */
#define FP_ONLCR        0000004     /* oflag: map NL to CR-NL on output */
#define FP_CS8          0000060     /* cflag: 8-bit characters */
#define FP_ISIG         0000001     /* lflag: INTR/QUIT/SUSP characters send signals */
#define FP_ICANON       0000002     /* lflag: line editing, read returns whole lines */
#define FP_ECHO         0000010     /* lflag: echo input */
#define FP_ECHOE        0000020     /* lflag: ERASE erases the character on screen */
#define FP_VINTR        0
#define FP_VQUIT        1
#define FP_VERASE       2
#define FP_VKILL        3
#define FP_VEOF         4
#define FP_VTIME        5
#define FP_VMIN         6
#define FP_VSUSP        10
#define FP_ECHOK        0000040     /* lflag: (stored) */
#define FP_ECHOCTL      0001000     /* lflag: echo control characters as ^X */
#define FP_NOFLSH       0000200     /* lflag: no flush of input on INTR/QUIT/SUSP */
#define FP_TOSTOP       0000400     /* lflag: (stored; background writes are allowed) */

/* readv, writev: one buffer of the vector (struct iovec has this layout) */
struct freeport_iovec {
    uint64_t base;
    uint64_t length;
};

/* lseek whence, access modes */
#define FP_SEEK_SET     0
#define FP_SEEK_CUR     1
#define FP_SEEK_END     2
#define FP_F_OK         0
#define FP_X_OK         1
#define FP_W_OK         2
#define FP_R_OK         4

/* mmap */
#define FP_PROT_NONE    0
#define FP_PROT_READ    1
#define FP_PROT_WRITE   2
#define FP_PROT_EXEC    4
#define FP_MAP_SHARED   0x01
#define FP_MAP_PRIVATE  0x02
#define FP_MAP_FIXED    0x10
#define FP_MAP_ANONYMOUS 0x20

/* waitpid options and status encoding (the traditional layout) */
#define FP_WNOHANG      1
#define FP_WUNTRACED    2
#define FP_WCONTINUED   8
#define FP_W_EXITED(code)       (((code) & 0xff) << 8)
#define FP_W_SIGNALED(signal)   ((signal) & 0x7f)
#define FP_W_STOPPED(signal)    ((((signal) & 0xff) << 8) | 0x7f)
#define FP_W_CONTINUED          0xffff

/* signals (newlib's numbering); a signal set has bit (n - 1) for signal n */
#define FP_NSIG         32
#define FP_SIGHUP       1
#define FP_SIGINT       2
#define FP_SIGQUIT      3
#define FP_SIGILL       4
#define FP_SIGTRAP      5
#define FP_SIGABRT      6
#define FP_SIGFPE       8
#define FP_SIGKILL      9
#define FP_SIGBUS       10
#define FP_SIGSEGV      11
#define FP_SIGSYS       12
#define FP_SIGPIPE      13
#define FP_SIGALRM      14
#define FP_SIGTERM      15
#define FP_SIGURG       16
#define FP_SIGSTOP      17
#define FP_SIGTSTP      18
#define FP_SIGCONT      19
#define FP_SIGCHLD      20
#define FP_SIGTTIN      21
#define FP_SIGTTOU      22
#define FP_SIGIO        23
#define FP_SIGWINCH     28
#define FP_SIGUSR1      30
#define FP_SIGUSR2      31

#define FP_SIG_DFL      ((uint64_t)0)
#define FP_SIG_IGN      ((uint64_t)1)
#define FP_SIG_BLOCK    1
#define FP_SIG_UNBLOCK  2
#define FP_SIG_SETMASK  0
#define FP_SA_NOCLDSTOP 0x1
#define FP_SA_SIGINFO   0x2
#define FP_SA_RESTART   0x10000000  /* Freeport extension value; newlib has none */

struct freeport_sigaction {
    uint64_t handler;       /* FP_SIG_DFL, FP_SIG_IGN or a function address */
    uint64_t mask;          /* bit (n - 1) blocks signal n during the handler */
    uint64_t flags;
    uint64_t restorer;      /* user code that calls SYS_sigreturn (set by libc) */
};

/* clocks */
#define FP_CLOCK_REALTIME   1
#define FP_CLOCK_MONOTONIC  4

struct freeport_tms {
    int64_t utime, stime, cutime, cstime;   /* in clock ticks (FP_CLOCKS_PER_SEC) */
};
#define FP_CLOCKS_PER_SEC   100

struct freeport_utsname {
    char sysname[32], nodename[32], release[32], version[64], machine[32];
};

/* SYS_procinfo: one process, by index in the process table */
struct freeport_procinfo {
    int32_t pid, ppid;
    uint32_t state;             /* FP_PROC_* */
    uint32_t threads;
    uint64_t memory_bytes;      /* user pages mapped */
    uint64_t cpu_ticks;
    char name[32];
    uint64_t syscalls;          /* system calls it has made */
};
#define FP_PROC_RUNNING     0
#define FP_PROC_SLEEPING    1
#define FP_PROC_ZOMBIE      2
#define FP_PROC_STOPPED     3   /* by a stop signal, until SIGCONT */

/* SYS_kstat: kernel object counters, for tests and leak checks */
struct freeport_kstat {
    uint64_t frames_total, frames_free;
    uint64_t heap_bytes_in_use, heap_allocations;
    uint64_t processes, threads, open_files, vnodes;
    uint64_t ticks, tick_hz;
    uint64_t faults_injected;   /* allocations failed on purpose (SYS_fault_inject) */
};

/* SYS_kcheck: the kernel's integrity checks, area by area */
#define FP_KCHECK_HEAP          0   /* slabs, their lists and the heap's counters */
#define FP_KCHECK_FRAMES        1   /* the buddy allocator's free lists, blocks and totals */
#define FP_KCHECK_SCHEDULER     2   /* run queues: states, priorities, time waited */
#define FP_KCHECK_PROCESSES     3   /* the process table and the family links */
#define FP_KCHECK_AREAS         4
#define FP_KCHECK_TEXT_MAX      108

struct freeport_kcheck {
    uint32_t problems;                          /* in every area; 0: consistent */
    uint32_t area_problems[FP_KCHECK_AREAS];    /* indexed by FP_KCHECK_* */
    char first_problem[FP_KCHECK_TEXT_MAX];     /* "heap: ...", or "" */
};

/* SYS_fault_inject: where allocations may be made to fail */
#define FP_FAULT_HEAP           0x1     /* kmalloc */
#define FP_FAULT_FRAMES         0x2     /* physical frames */

/* Auxiliary vector entries on the initial user stack (System V values) */
#define FP_AT_NULL      0
#define FP_AT_PAGESZ    6
#define FP_AT_ENTRY     9

#endif
