/*
 * userland/libc/mqueue.c - POSIX message queues on the SYS_mq_* calls.
 *
 * Layer: libfreeport. A mqd_t is a descriptor, so mq_close is close().
 * mq_receive passes its buffer, the buffer's size and where the priority
 * goes straight to the kernel (docs/posix.md). struct mq_attr has the kernel's layout
 * (abi_check.c); the timeouts are absolute CLOCK_REALTIME times.
 */
#include <fcntl.h>
#include <mqueue.h>
#include <stdarg.h>
#include <stdint.h>
#include <unistd.h>
#include "syscall.h"

mqd_t mq_open(const char *name, int oflag, ...)
{
    mode_t mode = 0;
    struct mq_attr *attr = NULL;

    if (oflag & O_CREAT) {
        va_list arguments;
        va_start(arguments, oflag);
        mode = va_arg(arguments, int);
        attr = va_arg(arguments, struct mq_attr *);
        va_end(arguments);
    }
    return syscall_result(SYSCALL(SYS_mq_open, name, oflag, mode, attr));
}

int mq_close(mqd_t queue)
{
    return close(queue);
}

int mq_unlink(const char *name)
{
    return syscall_result(SYSCALL(SYS_mq_unlink, name));
}

int mq_timedsend(mqd_t queue, const char *message, size_t length, unsigned priority,
                 const struct timespec *deadline)
{
    return syscall_result(SYSCALL(SYS_mq_timedsend, queue, message, length, priority, deadline));
}

int mq_send(mqd_t queue, const char *message, size_t length, unsigned priority)
{
    return mq_timedsend(queue, message, length, priority, NULL);
}

ssize_t mq_timedreceive(mqd_t queue, char *message, size_t length, unsigned *priority,
                        const struct timespec *deadline)
{
    return syscall_result(SYSCALL(SYS_mq_timedreceive, queue, message, length, priority, deadline));
}

ssize_t mq_receive(mqd_t queue, char *message, size_t length, unsigned *priority)
{
    return mq_timedreceive(queue, message, length, priority, NULL);
}

int mq_getattr(mqd_t queue, struct mq_attr *attr)
{
    return syscall_result(SYSCALL(SYS_mq_getsetattr, queue, NULL, attr));
}

int mq_setattr(mqd_t queue, const struct mq_attr *attr, struct mq_attr *old_attr)
{
    return syscall_result(SYSCALL(SYS_mq_getsetattr, queue, attr, old_attr));
}

int mq_notify(mqd_t queue, const struct sigevent *event)
{
    if (event == NULL)
        return syscall_result(SYSCALL(SYS_mq_notify, queue, 0, 0));
    return syscall_result(SYSCALL(SYS_mq_notify, queue, event->sigev_notify, event->sigev_signo));
}
