/*
 * <sys/uio.h> - vectored I/O: struct iovec, readv, writev.
 *
 * Layer: Freeport SDK header (newlib has none). struct iovec has the layout
 * of the kernel's struct freeport_iovec, so vectors pass to it unchanged.
 */
#ifndef _SYS_UIO_H
#define _SYS_UIO_H

#include <sys/cdefs.h>
#include <sys/types.h>

#define IOV_MAX 1024

struct iovec {
    void *iov_base;
    size_t iov_len;
};

__BEGIN_DECLS
ssize_t readv(int fd, const struct iovec *vector, int count);
ssize_t writev(int fd, const struct iovec *vector, int count);
__END_DECLS

#endif
