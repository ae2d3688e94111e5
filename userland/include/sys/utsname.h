/*
 * <sys/utsname.h> - uname: the system's name, release and machine.
 *
 * Layer: Freeport SDK header (newlib has none). Each field is longer than
 * the kernel's (struct freeport_utsname), so it always ends with a NUL.
 */
#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H

#include <sys/cdefs.h>

#define _UTSNAME_LENGTH 65

struct utsname {
    char sysname[_UTSNAME_LENGTH];
    char nodename[_UTSNAME_LENGTH];
    char release[_UTSNAME_LENGTH];
    char version[_UTSNAME_LENGTH];
    char machine[_UTSNAME_LENGTH];
};

__BEGIN_DECLS
int uname(struct utsname *name);
__END_DECLS

#endif
