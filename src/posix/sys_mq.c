/*
 * sys_mq.c - the message-queue system calls: mq_open, mq_unlink,
 * mq_timedsend, mq_timedreceive, mq_notify, mq_getsetattr (mq_close is
 * close).
 *
 * Layer: POSIX (system-call side), on mq.c and native ports. A send is
 * port_send_args with the mq priority as the message's type and its level
 * (mq_priority.h); a receive is port_receive into the caller's struct
 * ipc_receive_args, whose header's type libc hands back as the priority.
 * Results go through posix_result (FULL and EMPTY are EAGAIN, TIMEOUT is
 * ETIMEDOUT, TOO_LARGE is EMSGSIZE). Timeouts are absolute CLOCK_REALTIME
 * times, turned into native deadlines; one already past still lets a call
 * that need not wait succeed, as POSIX says.
 */
#include "errno.h"
#include "fs/fd_table.h"
#include "ipc/ipc_process.h"
#include "ipc/ipc_wait.h"
#include "lib/string.h"
#include "posix/errno_map.h"
#include "posix/mq.h"
#include "posix/mq_priority.h"
#include "posix/syscalls.h"
#include "proc/clock.h"
#include "proc/process.h"
#include "proc/signal.h"
#include "proc/usercopy.h"

/* A queue's name from user memory: "/" then 1..FP_MQ_NAME_MAX bytes, no
 * other "/". 0, -EFAULT, -ENAMETOOLONG or -EINVAL. */
static int name_copy(const char *user_name, char name[FP_MQ_NAME_MAX + 2])
{
    long length = strncpy_from_user(name, user_name, FP_MQ_NAME_MAX + 2);

    if (length < 0)
        return (int)length;
    if (length < 2 || name[0] != '/' || strchr(name + 1, '/') != NULL)
        return -EINVAL;
    return 0;
}

/* The limits mq_open was given (NULL: the defaults): 0, -EFAULT, -EINVAL. */
static int limits_of(const struct freeport_mq_attr *user_attr, int64_t *maxmsg, int64_t *msgsize)
{
    struct freeport_mq_attr attr = {.maxmsg = FP_MQ_MAXMSG_DEFAULT, .msgsize = FP_MQ_MSGSIZE_DEFAULT};

    if (user_attr != NULL && copy_from_user(&attr, user_attr, sizeof(attr)) < 0)
        return -EFAULT;
    if (attr.maxmsg < 1 || attr.maxmsg > FP_MQ_MAXMSG_MAX || attr.msgsize < 1 ||
        attr.msgsize > FP_MQ_MSGSIZE_MAX)
        return -EINVAL;
    *maxmsg = attr.maxmsg;
    *msgsize = attr.msgsize;
    return 0;
}

/* Find or make the queue mq_open names: 0 or -errno. */
static int open_queue(const char *name, int flags, uint32_t mode, const struct freeport_mq_attr *user_attr,
                      struct mq **queue)
{
    int64_t maxmsg, msgsize;
    int error;

    *queue = mq_find(name);
    if (*queue != NULL)
        return (flags & FP_O_CREAT) && (flags & FP_O_EXCL) ? -EEXIST : 0;
    if (!(flags & FP_O_CREAT))
        return -ENOENT;
    if ((error = limits_of(user_attr, &maxmsg, &msgsize)) < 0)
        return error;
    return mq_create(name, maxmsg, msgsize, mode, queue);
}

long sys_mq_open(const char *user_name, int flags, uint32_t mode, const struct freeport_mq_attr *user_attr)
{
    struct fd_table *table = fd_table_current();
    char name[FP_MQ_NAME_MAX + 2];
    struct file *file;
    struct mq *queue;
    int error, fd;

    if (table == NULL || (flags & FP_O_ACCMODE) == FP_O_ACCMODE)
        return -EINVAL;
    if ((error = name_copy(user_name, name)) < 0)
        return error;
    bool existed = mq_find(name) != NULL;
    if ((error = open_queue(name, flags, mode, user_attr, &queue)) < 0)
        return error;
    if ((error = mq_open_file(queue, flags & (FP_O_ACCMODE | FP_O_NONBLOCK), &file)) < 0) {
        if (!existed)
            mq_unlink_queue(queue);
        return error;
    }
    fd = fd_install(table, file, 0, true); /* message queue descriptors close on exec */
    if (fd < 0) {
        if (!existed)
            queue->linked = false; /* the file's close frees it */
        file_put(file);
    }
    return fd;
}

long sys_mq_unlink(const char *user_name)
{
    char name[FP_MQ_NAME_MAX + 2];
    int error = name_copy(user_name, name);
    struct mq *queue;

    if (error < 0)
        return error;
    if ((queue = mq_find(name)) == NULL)
        return -ENOENT;
    mq_unlink_queue(queue);
    return 0;
}

/* The native deadline of an absolute CLOCK_REALTIME time (NULL: none):
 * 0, -EFAULT or -EINVAL (tv_nsec out of range). A time already past is
 * deadline 0; one too far to count has none. */
static int deadline_of(const struct freeport_timespec *user_time, uint64_t *deadline)
{
    struct freeport_timespec time;
    uint64_t now = clock_realtime_ns(), target;

    *deadline = IPC_DEADLINE_NEVER;
    if (user_time == NULL)
        return 0;
    if (copy_from_user(&time, user_time, sizeof(time)) < 0)
        return -EFAULT;
    if (time.tv_nsec < 0 || time.tv_nsec >= (int64_t)NANOSECONDS_PER_SECOND)
        return -EINVAL;
    if (time.tv_sec < 0) {
        *deadline = 0;
        return 0;
    }
    if ((uint64_t)time.tv_sec >= (UINT64_MAX - NANOSECONDS_PER_SECOND) / NANOSECONDS_PER_SECOND)
        return 0;
    target = (uint64_t)time.tv_sec * NANOSECONDS_PER_SECOND + (uint64_t)time.tv_nsec;
    *deadline = target <= now ? 0 : ipc_deadline(target - now);
    return 0;
}

/* The queue open at `fd`, its file held in *file; NULL (nothing held) if
 * fd is not a message queue's descriptor. */
static struct mq *queue_at(int fd, struct file **file)
{
    struct mq *queue;

    if ((*file = fd_current_file(fd)) == NULL)
        return NULL;
    if ((queue = mq_of_file(*file)) == NULL)
        file_put(*file);
    return queue;
}

/* What a send or a receive works with: the queue's file (held), the
 * queue, the caller's IPC state and the native deadline. */
struct mq_call {
    struct file *file;
    struct mq *queue;
    struct ipc_process *self;
    uint64_t deadline;
};

/* Begin a send or receive on `fd`, open for `access` (file_readable or
 * file_writable): 0, or -EBADF, -EFAULT, -EINVAL (the deadline), -ENOMEM
 * with nothing held. A non-blocking descriptor never waits. */
static int call_begin(int fd, bool (*access)(const struct file *), const struct freeport_timespec *user_time,
                      struct mq_call *call)
{
    int error = 0;

    if ((call->queue = queue_at(fd, &call->file)) == NULL)
        return -EBADF;
    call->self = ipc_process_state(process_current());
    if (!access(call->file))
        error = -EBADF;
    else if ((error = deadline_of(user_time, &call->deadline)) == 0 && call->self == NULL)
        error = -ENOMEM;
    if (call->file->flags & FP_O_NONBLOCK)
        call->deadline = 0;
    if (error < 0)
        file_put(call->file);
    return error;
}

/* A wait that could not even start (deadline already past) is a timeout
 * for a blocking descriptor, EAGAIN only for a non-blocking one. */
static long wait_result(long result, const struct file *file)
{
    if ((result == -IPC_ERR_FULL || result == -IPC_ERR_EMPTY) && !(file->flags & FP_O_NONBLOCK))
        result = -IPC_ERR_TIMEOUT;
    return posix_result(result);
}

long sys_mq_timedsend(int fd, const void *user_buffer, uint64_t length, uint32_t priority,
                      const struct freeport_timespec *user_time)
{
    struct mq_call call;
    int result = call_begin(fd, file_writable, user_time, &call);

    if (result < 0)
        return result;
    struct ipc_send_args args = {
        .header = {.type = priority, .length = (uint32_t)length, .priority = mq_priority_level(priority)},
        .payload = (uint64_t)user_buffer,
    };
    bool was_idle = mq_is_idle(call.queue);
    if (priority >= FP_MQ_PRIO_MAX)
        result = -EINVAL;
    else if (length > (uint64_t)call.queue->msgsize)
        result = -EMSGSIZE;
    else if ((result = (int)wait_result(
                  port_send_args(call.queue->port, &args, &call.self->capabilities, 0, 0, call.deadline),
                  call.file)) == 0)
        mq_notify_arrival(call.queue, was_idle);
    file_put(call.file);
    return result;
}

/* The port delivers the payload straight into the caller's buffer and the
 * header into the kernel (delivery_target.header_out): of the header,
 * mq_receive wants only the length and the priority. The priority's
 * place is written once before the receive, so a bad pointer fails the
 * call with the message still queued, and the write after it cannot fail. */
long sys_mq_timedreceive(int fd, void *user_buffer, uint64_t capacity, uint32_t *user_priority,
                         const struct freeport_timespec *user_time)
{
    struct ipc_msg_header header = {0};
    struct mq_call call;
    long result = call_begin(fd, file_readable, user_time, &call);

    if (result < 0)
        return result;
    if (capacity < (uint64_t)call.queue->msgsize)
        result = -EMSGSIZE;
    else if (user_priority != NULL && copy_to_user(user_priority, &header.type, sizeof(header.type)) < 0)
        result = -EFAULT;
    else {
        struct delivery_target target = {
            .process = call.self->process,
            .ipc = call.self,
            .payload_address = (uint64_t)user_buffer,
            .capacity = (uint32_t)call.queue->msgsize,
            .header_out = &header,
        };
        result = wait_result(port_receive(call.queue->port, &target, call.deadline), call.file);
        if (result == 0 && user_priority != NULL)
            (void)copy_to_user(user_priority, &header.type, sizeof(header.type));
        if (result == 0)
            result = header.length;
    }
    file_put(call.file);
    return result;
}

static long notify(struct mq *queue, int kind, int signal)
{
    int pid = process_current()->pid;

    if (kind == 0) {
        if (queue->notify_pid == pid)
            queue->notify_pid = 0;
        return 0;
    }
    if ((kind != FP_SIGEV_NONE && kind != FP_SIGEV_SIGNAL) ||
        (kind == FP_SIGEV_SIGNAL && !signal_is_valid(signal)))
        return -EINVAL;
    if (queue->notify_pid != 0)
        return -EBUSY;
    queue->notify_pid = pid;
    queue->notify_kind = kind;
    queue->notify_signal = signal;
    return 0;
}

long sys_mq_notify(int fd, int kind, int signal)
{
    struct file *file;
    struct mq *queue = queue_at(fd, &file);
    long result = queue ? notify(queue, kind, signal) : -EBADF;

    if (queue)
        file_put(file);
    return result;
}

/* Only O_NONBLOCK changes; the other attributes are the queue's. */
static long getsetattr(struct file *file, struct mq *queue, const struct freeport_mq_attr *user_new,
                       struct freeport_mq_attr *user_old)
{
    struct freeport_mq_attr wanted, old = {.flags = file->flags & FP_O_NONBLOCK,
                                           .maxmsg = queue->maxmsg,
                                           .msgsize = queue->msgsize,
                                           .curmsgs = queue->port->queue.depth};

    if (user_new != NULL && copy_from_user(&wanted, user_new, sizeof(wanted)) < 0)
        return -EFAULT;
    if (user_new != NULL && (wanted.flags & ~(int64_t)FP_O_NONBLOCK))
        return -EINVAL;
    if (user_old != NULL && copy_to_user(user_old, &old, sizeof(old)) < 0)
        return -EFAULT;
    if (user_new != NULL)
        file->flags = (file->flags & ~FP_O_NONBLOCK) | (int)wanted.flags;
    return 0;
}

long sys_mq_getsetattr(int fd, const struct freeport_mq_attr *user_new, struct freeport_mq_attr *user_old)
{
    struct file *file;
    struct mq *queue = queue_at(fd, &file);
    long result = queue ? getsetattr(file, queue, user_new, user_old) : -EBADF;

    if (queue)
        file_put(file);
    return result;
}
