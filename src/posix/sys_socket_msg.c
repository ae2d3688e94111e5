/*
 * sys_socket_msg.c - the socket system calls that move data: sendmsg and
 * recvmsg (libc's send, sendto, recv and recvfrom are made of them).
 *
 * Layer: POSIX (system-call side), on unix_socket.c's one sendmsg and
 * recvmsg for every type, file_rights.c (SCM_RIGHTS) and scm_control.c
 * (the control messages' layout). Everything a call needs from user
 * memory (the header, the vector, the address, the control data, the
 * descriptors it names) is read and checked before a byte moves, so a
 * bad one fails the call with nothing half sent. recvmsg checks that the
 * buffers it will write are writable before it takes anything; received
 * descriptors that do not fit (control buffer too small, no free
 * descriptor) are closed, and MSG_CTRUNC says so.
 */
#include "errno.h"
#include "fs/fd_table.h"
#include "fs/syscalls.h"
#include "fs/user_buffer.h"
#include "mm/heap.h"
#include "posix/file_rights.h"
#include "posix/scm_control.h"
#include "posix/socket_args.h"
#include "posix/syscalls.h"
#include "proc/usercopy.h"
#include "uapi/freeport/abi.h"
#include "uapi/freeport/socket.h"

#define SEND_FLAGS      (FP_MSG_DONTWAIT | FP_MSG_NOSIGNAL)
#define RECV_FLAGS      (FP_MSG_DONTWAIT | FP_MSG_PEEK | FP_MSG_TRUNC | FP_MSG_CMSG_CLOEXEC)
#define CONTROL_OUT_MAX (16 + FP_SCM_RIGHTS_MAX * 4) /* one SCM_RIGHTS message, all the descriptors */
#define LOCAL_PARTS     8                            /* vectors this short are copied to the stack */

/* Where a call copies the user's vector: on its stack when it is short
 * (the common case allocates nothing), on the heap otherwise. */
struct vector_copy {
    struct freeport_iovec local[LOCAL_PARTS];
    struct freeport_iovec *allocated; /* freed by the caller */
};

/* A kernel copy of the header's vector, checked: at most FS_IOV_MAX
 * parts (-EMSGSIZE, as Linux), a total that fits in a signed count
 * (-EINVAL), each part possible in user space (-EFAULT). */
static long io_in(const struct freeport_msghdr *header, struct vector_copy *copy, struct socket_io *io)
{
    size_t size = header->iov_count * sizeof(struct freeport_iovec);
    struct freeport_iovec *parts = copy->local;

    if (header->iov_count > FS_IOV_MAX)
        return -EMSGSIZE;
    if (header->iov_count > LOCAL_PARTS && (parts = copy->allocated = kmalloc(size)) == NULL)
        return -ENOMEM;
    if (copy_from_user(parts, (const void *)header->iov, size) < 0)
        return -EFAULT;
    *io = (struct socket_io){parts, (uint32_t)header->iov_count, 0};
    for (uint32_t index = 0; index < io->count; index++) {
        const struct freeport_iovec *part = &io->parts[index];
        if (part->length > (uint64_t)INT64_MAX - io->length)
            return -EINVAL;
        if (!user_buffer_in_range(part->base, part->length))
            return -EFAULT;
        io->length += part->length;
    }
    return 0;
}

/* The files the control data's SCM_RIGHTS messages name, held in *rights
 * (NULL when there are none): 0, -ENOBUFS (more than SCM_CONTROL_MAX
 * bytes), -EFAULT, -EINVAL (malformed, or too many), -EBADF, -ENOMEM. */
static long rights_in(const struct freeport_msghdr *header, struct file_rights **rights)
{
    int32_t fds[FP_SCM_RIGHTS_MAX];
    uint32_t count = 0;
    char *control;

    *rights = NULL;
    if (header->control_length == 0)
        return 0;
    if (header->control_length > SCM_CONTROL_MAX)
        return -ENOBUFS;
    if ((control = kmalloc(header->control_length)) == NULL)
        return -ENOMEM;
    long error =
        copy_from_user(control, (const void *)header->control, header->control_length) < 0 ? -EFAULT : 0;
    if (error == 0)
        error = scm_control_parse(control, header->control_length, fds, &count);
    kfree(control);
    if (error == 0 && count > 0)
        error = file_rights_collect(fds, count, rights);
    return error;
}

/* What one sendmsg or recvmsg works with, from its start to its end. */
struct msg_call {
    struct file *file; /* held */
    struct freeport_msghdr header;
    struct vector_copy vector;
    struct socket_message message;
};

/* The start both calls share: the socket, the header, the flags (only
 * those `allowed`: -EOPNOTSUPP), the vector. 0 or -errno; msg_call_end
 * follows in every case. */
static long msg_call_begin(struct msg_call *call, int fd, const struct freeport_msghdr *user_header,
                           int flags, int allowed)
{
    long result;

    socket_message_start(&call->message);
    call->vector.allocated = NULL;
    call->file = socket_args_file(fd, &result);
    if (call->file == NULL)
        return result;
    if (copy_from_user(&call->header, user_header, sizeof(call->header)) < 0)
        return -EFAULT;
    if (flags & ~allowed)
        return -EOPNOTSUPP;
    return io_in(&call->header, &call->vector, &call->message.io);
}

/* Give back what the call held; its result passes through. */
static long msg_call_end(struct msg_call *call, long result)
{
    if (call->message.rights)
        file_rights_put(call->message.rights);
    kfree(call->vector.allocated);
    if (call->file)
        file_put(call->file);
    return result;
}

/* sendmsg's msg_name, into `path`: none (0 length or NULL), a datagram
 * socket's destination; a stream's peer is fixed (-EISCONN). */
static long destination_in(struct msg_call *call, char *path)
{
    const struct freeport_msghdr *header = &call->header;

    if (header->name == 0 || header->name_length == 0)
        return 0;
    if (unix_socket_of(call->file)->type == FP_SOCK_STREAM)
        return -EISCONN;
    call->message.to = path;
    return socket_args_address_in((const void *)header->name, header->name_length, path);
}

long sys_sendmsg(int fd, const struct freeport_msghdr *user_header, int flags)
{
    struct msg_call call;
    char path[SOCKET_PATH_SIZE];
    long result = msg_call_begin(&call, fd, user_header, flags, SEND_FLAGS);

    if (result == 0)
        result = destination_in(&call, path);
    if (result == 0)
        result = rights_in(&call.header, &call.message.rights);
    if (result == 0)
        result = unix_socket_sendmsg(call.file, &call.message, flags);
    return msg_call_end(&call, result);
}

/* --- recvmsg --- */

/* Can the call write what it may write, before it takes anything? The
 * header (its out fields), the address and the control buffer, each
 * written once now (zeros for the buffers): 0 or -EFAULT. */
static long buffers_writable(struct freeport_msghdr *user_header, const struct freeport_msghdr *header)
{
    static const char zeros[CONTROL_OUT_MAX];
    size_t control = header->control_length < sizeof(zeros) ? header->control_length : sizeof(zeros);
    size_t name = header->name_length < SOCKET_PATH_SIZE + 2 ? header->name_length : SOCKET_PATH_SIZE + 2;

    if (copy_to_user(user_header, header, sizeof(*header)) < 0)
        return -EFAULT;
    if (header->name && copy_to_user((void *)header->name, zeros, name) < 0)
        return -EFAULT;
    if (control && copy_to_user((void *)header->control, zeros, control) < 0)
        return -EFAULT;
    return 0;
}

/* Give the received descriptors that fit new descriptors, and write
 * their control message: header->control_length becomes the bytes used.
 * Those left over (no room, no free descriptor) are closed with the
 * rights, and MSG_CTRUNC says so. */
static long control_out(struct freeport_msghdr *header, const struct file_rights *rights, bool close_on_exec)
{
    struct fd_table *table = fd_table_current();
    uint32_t fitting = rights ? scm_control_fitting(header->control_length, rights->count) : 0;
    int32_t fds[FP_SCM_RIGHTS_MAX];
    char control[CONTROL_OUT_MAX];
    uint32_t installed = 0;

    for (; installed < fitting; installed++) {
        struct file *file = file_get(rights->files[installed]);
        fds[installed] = table ? fd_install(table, file, 0, close_on_exec) : -EMFILE;
        if (fds[installed] < 0) {
            file_put(file);
            break;
        }
    }
    if (rights && installed < rights->count)
        header->flags |= FP_MSG_CTRUNC;
    header->control_length =
        installed ? scm_control_build(control, header->control_length, fds, installed) : 0;
    if (installed && copy_to_user((void *)header->control, control, header->control_length) < 0) {
        while (installed > 0)
            fd_close(table, fds[--installed]);
        return -EFAULT;
    }
    return 0;
}

/* What recvmsg returns besides the data: the sender's address (a
 * datagram's; none for a connection's peer, as recvfrom), the control
 * data, the flags. */
static long results_out(struct freeport_msghdr *user_header, struct freeport_msghdr *header,
                        const struct socket_message *message, int flags)
{
    long error = control_out(header, message->rights, flags & FP_MSG_CMSG_CLOEXEC);
    long name_length = 0;

    if (error == 0 && header->name && message->from[0])
        name_length = socket_args_address_write(message->from, (void *)header->name, header->name_length);
    if (name_length < 0)
        error = name_length;
    header->name_length = (uint32_t)name_length;
    header->flags |= message->flags_out;
    if (error == 0 && copy_to_user(user_header, header, sizeof(*header)) < 0)
        error = -EFAULT;
    return error;
}

long sys_recvmsg(int fd, struct freeport_msghdr *user_header, int flags)
{
    struct msg_call call;
    long result = msg_call_begin(&call, fd, user_header, flags, RECV_FLAGS);

    if (result == 0)
        result = buffers_writable(user_header, &call.header);
    if (result == 0)
        result = unix_socket_recvmsg(call.file, &call.message, flags & ~FP_MSG_CMSG_CLOEXEC);
    if (result >= 0) {
        call.header.flags = 0;
        long error = results_out(user_header, &call.header, &call.message, flags);
        result = error ? error : result;
    }
    return msg_call_end(&call, result);
}
