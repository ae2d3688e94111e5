/*
 * mqtool - POSIX message queues from the shell:
 *   mqtool create NAME [MAXMSG MSGSIZE]   make a queue (fails if it exists)
 *   mqtool send NAME TEXT [PRIORITY]      queue TEXT (waits while full)
 *   mqtool receive [-n] NAME              print "PRIORITY TEXT" of the next
 *                                         message (-n: fail if none)
 *   mqtool getattr NAME                   print maxmsg, msgsize, curmsgs
 *   mqtool unlink NAME                    remove the name
 *
 * Layer: user program, on <mqueue.h>. Exit status 0, 1 when the call
 * fails (its error printed), 2 for a usage error.
 */
#include <err.h>
#include <fcntl.h>
#include <limits.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools.h"

#define USAGE                                                                                                \
    "usage: mqtool create NAME [MAXMSG MSGSIZE] | send NAME TEXT [PRIORITY] | receive [-n] NAME | "          \
    "getattr NAME | unlink NAME"

static long number(const char *text)
{
    unsigned long value;

    if (!parse_unsigned(text, LONG_MAX, &value))
        errx(2, USAGE);
    return (long)value;
}

static mqd_t open_queue(const char *name, int flags)
{
    mqd_t queue = mq_open(name, flags);

    if (queue < 0)
        err(1, "%s", name);
    return queue;
}

static int create(int argc, char **argv)
{
    struct mq_attr attr = {0};

    if (argc != 3 && argc != 5)
        errx(2, USAGE);
    if (argc == 5)
        attr = (struct mq_attr){.mq_maxmsg = number(argv[3]), .mq_msgsize = number(argv[4])};
    mqd_t queue = mq_open(argv[2], O_RDWR | O_CREAT | O_EXCL, 0600, argc == 5 ? &attr : NULL);
    if (queue < 0)
        err(1, "%s", argv[2]);
    return 0;
}

static int send(int argc, char **argv)
{
    if (argc != 4 && argc != 5)
        errx(2, USAGE);
    mqd_t queue = open_queue(argv[2], O_WRONLY);
    if (mq_send(queue, argv[3], strlen(argv[3]), argc == 5 ? (unsigned)number(argv[4]) : 0) < 0)
        err(1, "%s", argv[2]);
    return 0;
}

static int receive(int argc, char **argv)
{
    int nonblocking = argc == 4 && strcmp(argv[2], "-n") == 0;
    struct mq_attr attr;
    unsigned priority;

    if (argc != 3 + nonblocking)
        errx(2, USAGE);
    mqd_t queue = open_queue(argv[argc - 1], O_RDONLY | (nonblocking ? O_NONBLOCK : 0));
    if (mq_getattr(queue, &attr) < 0)
        err(1, "%s", argv[argc - 1]);
    char *buffer = malloc((size_t)attr.mq_msgsize);
    ssize_t length = buffer ? mq_receive(queue, buffer, (size_t)attr.mq_msgsize, &priority) : -1;
    if (length < 0)
        err(1, "%s", argv[argc - 1]);
    printf("%u %.*s\n", priority, (int)length, buffer);
    free(buffer);
    return 0;
}

static int getattr(int argc, char **argv)
{
    struct mq_attr attr;

    if (argc != 3)
        errx(2, USAGE);
    if (mq_getattr(open_queue(argv[2], O_RDONLY), &attr) < 0)
        err(1, "%s", argv[2]);
    printf("maxmsg %ld msgsize %ld curmsgs %ld\n", attr.mq_maxmsg, attr.mq_msgsize, attr.mq_curmsgs);
    return 0;
}

static int unlink_queue(int argc, char **argv)
{
    if (argc != 3)
        errx(2, USAGE);
    if (mq_unlink(argv[2]) < 0)
        err(1, "%s", argv[2]);
    return 0;
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(int argc, char **argv);
    } commands[] = {{"create", create},
                    {"send", send},
                    {"receive", receive},
                    {"getattr", getattr},
                    {"unlink", unlink_queue}};

    for (size_t index = 0; argc >= 2 && index < sizeof(commands) / sizeof(commands[0]); index++)
        if (strcmp(argv[1], commands[index].name) == 0)
            return commands[index].run(argc, argv);
    errx(2, USAGE);
}
