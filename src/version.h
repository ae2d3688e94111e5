/* version.h - Freeport's version string (bumped by hand at releases). */
#ifndef FREEPORT_VERSION_H
#define FREEPORT_VERSION_H

#define FREEPORT_VERSION "0.1"

#endif
