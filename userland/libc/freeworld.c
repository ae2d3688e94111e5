/*
 * userland/libc/freeworld.c - FreeWorld's channel calls (<freeport/freeworld.h>)
 * on the kernel's SYS_fw_* calls.
 *
 * Layer: libfreeport. The kernel answers -IPC_ERR_*, as native IPC does;
 * these functions turn that into -1 and errno with the kernel's own table
 * (src/posix/errno_map.c, built into libfreeport too), so FreeWorld's
 * errors are exactly what the POSIX calls would say. ipc_receive has the
 * kernel write the native message header into a struct ipc_receive_args on
 * its stack and the payload straight into the caller's IPC_MESSAGE, then
 * copies the five header fields FreeWorld shows.
 */
#include <errno.h>
#include <freeport/freeworld.h>
#include <freeport/ipc.h>
#include <string.h>
#include "posix/errno_map.h"
#include "syscall.h"

/* A native result as FreeWorld returns it: -1 and errno for -IPC_ERR_*. */
static int freeworld_result(long result)
{
    if (result < 0) {
        errno = posix_errno_of((int)-result);
        return -1;
    }
    return (int)result;
}

int ipc_create_channel(const char *name, uint32_t type, uint32_t buffer_size)
{
    return freeworld_result(SYSCALL(SYS_fw_create, name, strlen(name), type, buffer_size));
}

int ipc_open_channel(const char *name, uint32_t mode)
{
    return freeworld_result(SYSCALL(SYS_fw_open, name, strlen(name), mode));
}

int ipc_close_channel(uint32_t id)
{
    return freeworld_result(SYSCALL(SYS_fw_close, id));
}

int ipc_send(uint32_t id, const void *buffer, uint32_t size, uint32_t type)
{
    return freeworld_result(SYSCALL(SYS_fw_send, id, buffer, size, type, 0, 0));
}

int ipc_send_message(uint32_t id, const IPC_MESSAGE *message)
{
    return freeworld_result(SYSCALL(SYS_fw_send, id, message->payload, message->size, message->type,
                                    message->receiver, message->priority));
}

int ipc_receive(uint32_t id, void *buffer, uint32_t size)
{
    IPC_MESSAGE *message = buffer;
    struct ipc_receive_args args = {.timeout = IPC_TIMEOUT_FOREVER};
    long result;

    if (size < IPC_MESSAGE_HEADER_SIZE) {
        errno = EINVAL;
        return -1;
    }
    args.payload = (uint64_t)(uintptr_t)message->payload;
    args.capacity = size - IPC_MESSAGE_HEADER_SIZE;
    result = SYSCALL(SYS_fw_receive, id, &args);
    if (result < 0)
        return freeworld_result(result);
    message->type = args.header.type;
    message->size = args.header.length;
    message->sender = args.header.sender_pid;
    message->receiver = args.header.receiver_pid;
    message->priority = args.header.priority;
    return (int)result;
}
