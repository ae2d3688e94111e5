/*
 * <sys/un.h> - the AF_UNIX socket address.
 *
 * Layer: Freeport SDK header (newlib has none); the layout is Linux's.
 */
#ifndef _SYS_UN_H
#define _SYS_UN_H

#include <sys/socket.h>

struct sockaddr_un {
    sa_family_t sun_family; /* AF_UNIX */
    char sun_path[108];     /* a path, NUL-terminated */
};

#endif
