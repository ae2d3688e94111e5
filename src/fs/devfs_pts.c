/*
 * devfs_pts.c - /dev/pts: the directory of pseudo-terminal slaves, one
 * entry "N" per pty whose master is open (pty.h).
 *
 * Layer: files (devfs). The directory's vnode is devfs's (a static node);
 * its entries are the ptys' own slave vnodes, looked up by number.
 */
#include "errno.h"
#include "fs/devfs.h"
#include "fs/devices.h"
#include "fs/path_name.h"
#include "fs/pty.h"
#include "lib/format.h"

#define CURSOR_PTYS 2 /* after "." and ".." */

/* "N" with no sign, no leading zero and N < PTY_MAX, or -1. */
static int number_of(const char *name)
{
    unsigned number = 0;

    if (name[0] == '\0' || (name[0] == '0' && name[1] != '\0'))
        return -1;
    for (; *name; name++) {
        if (*name < '0' || *name > '9' || number >= PTY_MAX)
            return -1;
        number = number * 10 + (unsigned)(*name - '0');
    }
    return number < PTY_MAX ? (int)number : -1;
}

static int pts_lookup(struct vnode *dir, const char *name, struct vnode **out)
{
    int number;

    if (path_name_is_dot_or_dotdot(name)) {
        *out = vnode_get(name[1] == '.' ? devfs_root() : dir);
        return 0;
    }
    number = number_of(name);
    *out = number < 0 ? NULL : pty_slave_vnode((unsigned)number);
    return *out ? 0 : -ENOENT;
}

static int pts_readdir(struct vnode *dir, uint64_t *cursor, struct vnode_dirent *out)
{
    static char names[PTY_MAX][4];

    if (*cursor < CURSOR_PTYS) {
        *out = (struct vnode_dirent){dir->ino, VNODE_DIRECTORY, *cursor == 0 ? "." : ".."};
        (*cursor)++;
        return 1;
    }
    for (uint64_t number = *cursor - CURSOR_PTYS; number < PTY_MAX; number++) {
        if (pty_exists((unsigned)number)) {
            format_print(names[number], sizeof(names[number]), "%u", (unsigned)number);
            *out = (struct vnode_dirent){2 * number + 2, VNODE_CHAR_DEVICE, names[number]};
            *cursor = number + CURSOR_PTYS + 1;
            return 1;
        }
    }
    *cursor = PTY_MAX + CURSOR_PTYS;
    return 0;
}

const struct vnode_ops pts_directory_ops = {
    .lookup = pts_lookup,
    .readdir = pts_readdir,
};
