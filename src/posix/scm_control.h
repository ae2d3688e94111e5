/*
 * scm_control.h - the control data of sendmsg and recvmsg: reading the
 * descriptors of SCM_RIGHTS messages out of a sender's buffer, and
 * writing them into a receiver's.
 *
 * Layer: POSIX (pure: kernel copies of the buffers only; host
 * unit-tested by tests/unit/test_scm_control.c). The layout is Linux's
 * (<freeport/socket.h>): each control message is a struct
 * freeport_cmsghdr, its data at the next multiple of 8 bytes, the next
 * message after the data rounded up to 8.
 */
#ifndef FREEPORT_POSIX_SCM_CONTROL_H
#define FREEPORT_POSIX_SCM_CONTROL_H

#include <stddef.h>
#include <stdint.h>
#include "uapi/freeport/socket.h"

#define SCM_CONTROL_MAX 4096 /* a sendmsg's control bytes: more is ENOBUFS */

/* The descriptors of every SCM_RIGHTS message in `control` (`length`
 * bytes), in order, into fds[] (room for FP_SCM_RIGHTS_MAX) and their
 * number into *count: 0, or -EINVAL for a header that is too short or
 * runs past the end, a level other than SOL_SOCKET, a type other than
 * SCM_RIGHTS, or more than FP_SCM_RIGHTS_MAX descriptors in all. Bytes
 * too few for another header at the end are ignored, as Linux does. */
int scm_control_parse(const void *control, size_t length, int32_t *fds, uint32_t *count);

/* How many of `count` descriptors fit a receiver's control buffer of
 * `capacity` bytes (the rest are closed, and MSG_CTRUNC says so). */
uint32_t scm_control_fitting(size_t capacity, uint32_t count);

/* Write one SCM_RIGHTS message with `count` (>= 1) descriptors into
 * `out` and return the bytes the receiver's buffer uses for it: its
 * length rounded up to 8, but at most `capacity` (which must hold the
 * message: scm_control_fitting said so). */
size_t scm_control_build(void *out, size_t capacity, const int32_t *fds, uint32_t count);

#endif
