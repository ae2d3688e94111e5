/*
 * errno_map.c - native IPC errors to errno (see errno_map.h).
 *
 * Layer: POSIX (pure: host unit-tested by tests/unit/test_errno_map.c,
 * which also proves every IPC_ERR_* below IPC_ERR_COUNT has an entry).
 * Choices where POSIX leaves room:
 *   QUOTA -> EMFILE: the limits native IPC counts (capability slots,
 *     channels, bytes) are a process's own, as its descriptors are;
 *     ENOSPC would blame the whole system.
 *   FILTERED -> EPERM: a policy refused the message; EACCES stays for a
 *     missing right (PERMISSION).
 *   RATE_LIMITED -> EAGAIN: trying again later succeeds.
 *   INVALID_CAP -> EBADF: a token is the native descriptor.
 */
#include "posix/errno_map.h"
#include "errno.h"
#include "uapi/freeport/ipc.h"

static const int errno_of_ipc_error[IPC_ERR_COUNT] = {
    [IPC_ERR_INVALID_CAP] = EBADF,     [IPC_ERR_PERMISSION] = EACCES,
    [IPC_ERR_FULL] = EAGAIN,           [IPC_ERR_EMPTY] = EAGAIN,
    [IPC_ERR_TIMEOUT] = ETIMEDOUT,     [IPC_ERR_TOO_LARGE] = EMSGSIZE,
    [IPC_ERR_QUOTA] = EMFILE,          [IPC_ERR_PEER_CLOSED] = EPIPE,
    [IPC_ERR_NO_MEMORY] = ENOMEM,      [IPC_ERR_INVALID_ARGUMENT] = EINVAL,
    [IPC_ERR_FAULT] = EFAULT,          [IPC_ERR_NAME_EXISTS] = EEXIST,
    [IPC_ERR_NAME_NOT_FOUND] = ENOENT, [IPC_ERR_INTERRUPTED] = EINTR,
    [IPC_ERR_FILTERED] = EPERM,        [IPC_ERR_RATE_LIMITED] = EAGAIN,
};

int posix_errno_of(int code)
{
    if (code <= IPC_OK || code >= IPC_ERR_COUNT || errno_of_ipc_error[code] == 0)
        return EIO;
    return errno_of_ipc_error[code];
}
