/*
 * errno.h - the error numbers kernel functions return, negated (-ENOMEM).
 *
 * Layer: core (shared by every layer; no code). The numbers are the ones
 * user programs see through newlib's <errno.h>, so a kernel error can reach
 * user space unchanged. Linux and newlib agree on 1..34; above that they
 * differ, and newlib's numbers are used because Freeport's userland links
 * newlib (its newlib/libc/include/sys/errno.h).
 */
#ifndef FREEPORT_ERRNO_H
#define FREEPORT_ERRNO_H

#define EPERM           1   /* operation not permitted */
#define ENOENT          2   /* no such file or directory */
#define ESRCH           3   /* no such process */
#define EINTR           4   /* interrupted system call */
#define EIO             5   /* input/output error */
#define ENXIO           6   /* no such device or address */
#define E2BIG           7   /* argument list too long */
#define ENOEXEC         8   /* exec format error */
#define EBADF           9   /* bad file descriptor */
#define ECHILD          10  /* no child processes */
#define EAGAIN          11  /* resource temporarily unavailable */
#define ENOMEM          12  /* out of memory */
#define EACCES          13  /* permission denied */
#define EFAULT          14  /* bad address */
#define ENOTBLK         15  /* block device required */
#define EBUSY           16  /* device or resource busy */
#define EEXIST          17  /* already exists */
#define EXDEV           18  /* cross-device link */
#define ENODEV          19  /* no such device */
#define ENOTDIR         20  /* not a directory */
#define EISDIR          21  /* is a directory */
#define EINVAL          22  /* invalid argument */
#define ENFILE          23  /* too many open files in the system */
#define EMFILE          24  /* too many open files in this process */
#define ENOTTY          25  /* inappropriate ioctl for device */
#define ETXTBSY         26  /* text file busy */
#define EFBIG           27  /* file too large */
#define ENOSPC          28  /* no space left on device */
#define ESPIPE          29  /* illegal seek */
#define EROFS           30  /* read-only file system */
#define EMLINK          31  /* too many links */
#define EPIPE           32  /* broken pipe */
#define EDOM            33  /* argument out of domain */
#define ERANGE          34  /* result out of range */
#define ENOMSG          35  /* no message of the desired type */
#define EIDRM           36  /* identifier removed */
#define EDEADLK         45  /* resource deadlock would occur */
#define ENOLCK          46  /* no locks available */
#define EPROTO          71  /* protocol error */
#define EBADMSG         77  /* bad message */
#define ENOSYS          88  /* function not implemented */
#define ENOTEMPTY       90  /* directory not empty */
#define ENAMETOOLONG    91  /* file name too long */
#define ELOOP           92  /* too many levels of symbolic links */
#define EOPNOTSUPP      95  /* operation not supported on socket */
#define ECONNRESET      104 /* connection reset by peer */
#define ENOBUFS         105 /* no buffer space available */
#define EAFNOSUPPORT    106 /* address family not supported */
#define EPROTOTYPE      107 /* protocol wrong type for socket */
#define ENOTSOCK        108 /* not a socket */
#define ENOPROTOOPT     109 /* protocol not available */
#define ECONNREFUSED    111 /* connection refused */
#define EADDRINUSE      112 /* address already in use */
#define ECONNABORTED    113 /* connection aborted */
#define ETIMEDOUT       116 /* timed out */
#define EINPROGRESS     119 /* operation in progress */
#define EALREADY        120 /* operation already in progress */
#define EDESTADDRREQ    121 /* destination address required */
#define EMSGSIZE        122 /* message too long */
#define EPROTONOSUPPORT 123 /* protocol not supported */
#define EADDRNOTAVAIL   125 /* address not available */
#define EISCONN         127 /* socket is connected */
#define ENOTCONN        128 /* socket is not connected */
#define ENOTSUP         134 /* not supported */
#define EOVERFLOW       139 /* value too large for its type */
#define ECANCELED       140 /* operation canceled */

/* Aliases. */
#define EWOULDBLOCK EAGAIN

#endif
