/*
 * socket_args.h - what the socket system calls share: the socket a
 * descriptor names, and struct sockaddr_un in and out of user memory.
 *
 * Layer: POSIX (system-call side), for sys_socket.c, sys_socket_msg.c and
 * sys_socket_option.c. Addresses are struct sockaddr_un: a family
 * (FP_AF_UNIX) and a path of at most 107 bytes, NUL-terminated within the
 * given length or not; an empty path (Linux's abstract names, autobind)
 * is EINVAL.
 */
#ifndef FREEPORT_POSIX_SOCKET_ARGS_H
#define FREEPORT_POSIX_SOCKET_ARGS_H

#include <stdint.h>
#include "posix/unix_socket.h"

#define SOCKET_PATH_SIZE 108 /* sun_path: a path and its NUL */

/* The socket open on `fd`, held (file_put when done): NULL and *error
 * -EBADF (not open) or -ENOTSOCK. */
struct file *socket_args_file(int fd, long *error);

/* The path of a user's struct sockaddr_un of `length` bytes, into `path`
 * (SOCKET_PATH_SIZE bytes, NUL-terminated): 0, -EINVAL, -EFAULT,
 * -EAFNOSUPPORT. */
long socket_args_address_in(const void *user_address, uint32_t length, char *path);

/* Write `name` (NULL: unnamed, the family alone) as a struct sockaddr_un
 * to the user's address, cut to the `offered` bytes: its whole length,
 * or -EFAULT. */
long socket_args_address_write(const char *name, void *user_address, uint32_t offered);

/* Give the user `name` (NULL: unnamed, the family alone) as a struct
 * sockaddr_un cut to the length it offers in *user_length, which then
 * says the whole length. Both pointers NULL: nothing asked. 0 or
 * -EFAULT. */
long socket_args_address_out(const char *name, void *user_address, uint32_t *user_length);

#endif
