/*
 * sys_ioctl.c - ioctl: device control requests.
 *
 * Layer: files (system-call side). Devices and pipes never see a user
 * pointer: the table below says how big each request's argument is and
 * which way it goes, and sys_ioctl copies it in before and out after the
 * file's ioctl operation (its own, or its vnode's). An unknown request,
 * or a file with no ioctl operation, gets -ENOTTY.
 */
#include "errno.h"
#include "fs/fd_table.h"
#include "fs/syscalls.h"
#include "proc/usercopy.h"
#include "uapi/freeport/device_abi.h"

struct ioctl_argument {
    unsigned long request;
    size_t size;
    bool copy_in, copy_out;
};

static const struct ioctl_argument ioctl_arguments[] = {
    {FP_TCGETS, sizeof(struct freeport_termios), false, true},
    {FP_TCSETS, sizeof(struct freeport_termios), true, false},
    {FP_TIOCGWINSZ, sizeof(struct freeport_winsize), false, true},
    {FP_FIONREAD, sizeof(int32_t), false, true},
    {FP_TIOCSWINSZ, sizeof(struct freeport_winsize), true, false},
    {FP_TIOCSCTTY, 0, false, false},
    {FP_TIOCNOTTY, 0, false, false},
    {FP_TIOCGPGRP, sizeof(int32_t), false, true},
    {FP_TIOCSPGRP, sizeof(int32_t), true, false},
    {FP_TIOCGSID, sizeof(int32_t), false, true},
    {FP_TIOCGPTN, sizeof(uint32_t), false, true},
    {FP_VGA_SET_CURSOR, sizeof(struct fp_vga_cursor), true, false},
    {FP_KEYBOARD_GET_DROPPED, sizeof(uint64_t), false, true},
};

static const struct ioctl_argument *find_request(unsigned long request)
{
    for (size_t i = 0; i < sizeof(ioctl_arguments) / sizeof(ioctl_arguments[0]); i++)
        if (ioctl_arguments[i].request == request)
            return &ioctl_arguments[i];
    return NULL;
}

/* ioctls of `file` go to its own operations (a pipe end's FIONREAD), else
 * to its vnode's (a device's). */
static bool has_ioctl(const struct file *file)
{
    return file->ops ? file->ops->ioctl != NULL : file->vnode->ops->ioctl != NULL;
}

static long file_ioctl(struct file *file, unsigned long request, void *argument)
{
    if (file->ops)
        return file->ops->ioctl(file, request, argument);
    return file->vnode->ops->ioctl(file->vnode, request, argument);
}

static long copied_ioctl(struct file *file, const struct ioctl_argument *kind, void *user_argument)
{
    union {
        struct freeport_termios termios;
        struct freeport_winsize winsize;
        struct fp_vga_cursor cursor;
        int32_t count;
        uint64_t dropped;
    } argument;

    if (kind->copy_in && copy_from_user(&argument, user_argument, kind->size) < 0)
        return -EFAULT;
    long result = file_ioctl(file, kind->request, &argument);
    if (result == 0 && kind->copy_out && copy_to_user(user_argument, &argument, kind->size) < 0)
        return -EFAULT;
    return result;
}

long sys_ioctl(int fd, unsigned long request, void *argument)
{
    struct file *file = fd_current_file(fd);
    const struct ioctl_argument *kind = find_request(request);
    long result;

    if (file == NULL)
        return -EBADF;
    if (kind == NULL || !has_ioctl(file))
        result = -ENOTTY;
    else
        result = copied_ioctl(file, kind, argument);
    file_put(file);
    return result;
}
