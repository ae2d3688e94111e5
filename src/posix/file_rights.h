/*
 * file_rights.h - descriptors in flight: the object a socket message
 * carries for SCM_RIGHTS. It holds a reference on each open file one
 * sendmsg passed, and travels as one native capability (cap_table.h) in
 * the port message that carries the record's bytes, so a message that is
 * never received (its socket closed, the queue discarded) releases the
 * files the way native IPC releases any capability it drops.
 *
 * Layer: POSIX, on native IPC objects and capabilities. Files are above
 * src/ipc, so the object type that knows them lives here; src/ipc sees
 * only its release operation (object.h), and stays file-agnostic.
 *
 *     sender's fds --fd_current_file--> struct file_rights { files[] }
 *         --cap_create_in_flight--> capability in message->caps[0]
 *         --port queue--> receiver: file_rights_take, fd_install each file
 *
 * A listening socket's waiting connections travel the same way: each is a
 * message whose rights hold the server end's file, until accept.
 *
 * Invariants: `count` <= FP_SCM_RIGHTS_MAX files, each held once; the
 * object's references are its capabilities plus kernel holders; release
 * (the last reference) puts every file.
 * Locking: system calls only, one CPU, no preemption in the kernel.
 */
#ifndef FREEPORT_POSIX_FILE_RIGHTS_H
#define FREEPORT_POSIX_FILE_RIGHTS_H

#include <stdint.h>
#include "fs/file.h"
#include "ipc/object.h"
#include "uapi/freeport/socket.h"

struct capability;
struct ipc_message;

struct file_rights {
    struct ipc_object object; /* IPC_OBJECT_FILE_RIGHTS */
    uint32_t count;
    struct file *files[FP_SCM_RIGHTS_MAX];
};

/* A new empty object, with one reference for the caller: 0 or -ENOMEM. */
int file_rights_create(struct file_rights **out);

/* Add `file`, taking over the caller's reference; there must be room
 * (fewer than FP_SCM_RIGHTS_MAX files). */
void file_rights_add(struct file_rights *rights, struct file *file);

/* Hold the files the current process has open on fds[0..count-1]
 * (count <= FP_SCM_RIGHTS_MAX): 0 with the caller holding the new
 * object's one reference in *out, or -EBADF (one is not open) or -ENOMEM
 * with nothing held and *out NULL. */
int file_rights_collect(const int32_t *fds, uint32_t count, struct file_rights **out);

/* Give `message` (which carries no capability yet) its one capability,
 * a new in-flight one to `rights` with its own reference: 0 or -ENOMEM
 * (the message unchanged). */
int file_rights_attach(struct ipc_message *message, struct file_rights *rights);

/* The rights a message's capability carries, with a reference for the
 * caller (NULL if the capability names something else). */
struct file_rights *file_rights_take(const struct capability *capability);

/* Drop a reference; the last one closes what is left of the files. */
void file_rights_put(struct file_rights *rights);

#endif
