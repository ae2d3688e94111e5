/*
 * sys_ioctl.c - ioctl: device control requests.
 *
 * Layer: files (system-call side). Devices never see a user pointer: the
 * table below says how big each request's argument is and which way it
 * goes, and sys_ioctl copies it in before and out after the device's
 * ioctl operation. An unknown request, or a file that is not a device
 * with an ioctl operation, gets -ENOTTY.
 */
#include "errno.h"
#include "fs/fd_table.h"
#include "fs/syscalls.h"
#include "proc/usercopy.h"

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
};

static const struct ioctl_argument *find_request(unsigned long request)
{
    for (size_t i = 0; i < sizeof(ioctl_arguments) / sizeof(ioctl_arguments[0]); i++)
        if (ioctl_arguments[i].request == request)
            return &ioctl_arguments[i];
    return NULL;
}

static long device_ioctl(struct vnode *vnode, const struct ioctl_argument *kind, void *user_argument)
{
    union {
        struct freeport_termios termios;
        struct freeport_winsize winsize;
        int32_t count;
    } argument;

    if (kind->copy_in && copy_from_user(&argument, user_argument, kind->size) < 0)
        return -EFAULT;
    long result = vnode->ops->ioctl(vnode, kind->request, &argument);
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
    if (kind == NULL || file->vnode->ops->ioctl == NULL)
        result = -ENOTTY;
    else
        result = device_ioctl(file->vnode, kind, argument);
    file_put(file);
    return result;
}
