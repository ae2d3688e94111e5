/*
 * <freeport/freeworld_abi.h> - the constants FreeWorld's channel API and
 * the kernel share: channel types, open modes, limits.
 *
 * Layer: user API (installed into the SDK; the kernel includes it as
 * "uapi/freeport/freeworld_abi.h"). Programs include <freeport/freeworld.h>,
 * which includes this and declares the calls; docs/ipc.md, "FreeWorld
 * channels", gives the semantics. The system calls are 220-224 of
 * <freeport/syscall.h>; they answer 0 (or a count, or an id) or
 * -IPC_ERR_*, which the C library turns into -1 and errno.
 */
#ifndef FREEPORT_UAPI_FREEWORLD_ABI_H
#define FREEPORT_UAPI_FREEWORLD_ABI_H

/* Channel types (FreeWorld's numbering). */
#define IPC_TYPE_SOCKET 0 /* a service: many clients, one server, messages both ways */
#define IPC_TYPE_PIPE   1 /* a named byte stream */
#define IPC_TYPE_QUEUE  2 /* a named message queue with priorities */

/* ipc_open_channel modes: what the opening may do. */
#define IPC_MODE_READ      1u /* ipc_receive */
#define IPC_MODE_WRITE     2u /* ipc_send */
#define IPC_MODE_READWRITE 3u /* both; a creator's id always has both */

#define IPC_MESSAGE_PAYLOAD_MAX  512 /* bytes of one ipc_send, and of one message */
#define IPC_CHANNEL_NAME_MAX     128 /* bytes of a channel name (IPC_NAME_MAX) */
#define IPC_CHANNELS_MAX         64  /* channels, named or not, in the whole system */
#define IPC_CHANNEL_PRIORITY_MAX 31  /* priorities 0..31, higher received first */
/* buffer_size: 0 is the default. A socket's or queue's holds
 * ceil(buffer_size / IPC_MESSAGE_PAYLOAD_MAX) messages (64 by default, at
 * most 1024: IPC_CHANNEL_BUFFER_MAX bytes); a pipe's ring is always 64 KiB,
 * so a pipe accepts at most that. Beyond: IPC_ERR_INVALID_ARGUMENT. */
#define IPC_CHANNEL_BUFFER_MAX (1024 * IPC_MESSAGE_PAYLOAD_MAX)
#define IPC_PIPE_BUFFER_MAX    (64 * 1024)

#endif
