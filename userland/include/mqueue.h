/*
 * <mqueue.h> - POSIX message queues: mq_open, mq_close, mq_unlink, mq_send,
 * mq_receive, their timed forms, mq_getattr, mq_setattr, mq_notify.
 *
 * Layer: Freeport SDK header (newlib has none). A mqd_t is a file
 * descriptor (close-on-exec, inherited by fork, fstat and poll work on
 * it); struct mq_attr has the layout of the kernel's struct
 * freeport_mq_attr. Limits: priorities below MQ_PRIO_MAX (32768), at most
 * FP_MQ_MAXMSG_MAX (256) messages of FP_MQ_MSGSIZE_MAX (8192) bytes per
 * queue, FP_MQ_OPEN_MAX (256) queues; mq_open without attributes makes 10
 * messages of 8192 bytes.
 */
#ifndef _MQUEUE_H
#define _MQUEUE_H

#include <signal.h>
#include <sys/cdefs.h>
#include <sys/types.h>
#include <time.h>

#define MQ_PRIO_MAX 32768

typedef int mqd_t;

struct mq_attr {
    long mq_flags;   /* O_NONBLOCK or 0 (the only one mq_setattr changes) */
    long mq_maxmsg;  /* messages the queue holds */
    long mq_msgsize; /* bytes of the longest message */
    long mq_curmsgs; /* messages queued now */
};

__BEGIN_DECLS
/* mq_open(name, oflag) or, with O_CREAT, mq_open(name, oflag, mode_t mode, struct mq_attr *attr). */
mqd_t mq_open(const char *name, int oflag, ...);
int mq_close(mqd_t queue);
int mq_unlink(const char *name);
int mq_send(mqd_t queue, const char *message, size_t length, unsigned priority);
int mq_timedsend(mqd_t queue, const char *message, size_t length, unsigned priority,
                 const struct timespec *deadline);
ssize_t mq_receive(mqd_t queue, char *message, size_t length, unsigned *priority);
ssize_t mq_timedreceive(mqd_t queue, char *message, size_t length, unsigned *priority,
                        const struct timespec *deadline);
int mq_getattr(mqd_t queue, struct mq_attr *attr);
int mq_setattr(mqd_t queue, const struct mq_attr *attr, struct mq_attr *old_attr);
/* SIGEV_NONE and SIGEV_SIGNAL (sigev_signo); NULL removes the caller's registration. */
int mq_notify(mqd_t queue, const struct sigevent *event);
__END_DECLS

#endif
