/*
 * writes_lock.c — writes to one device never interleave, across processes
 * (two technicians, a script, the console, a mass change): each write
 * holds a lock file next to the database (flock) from before its first
 * step until its audit entry is finished.
 *
 * The lock is the device's: "<database>.write-<OLT>.lock" for a plan with
 * CLI steps (an OLT runs one write at a time), and
 * "<database>.write-acs-<device id>.lock" for a plan with ACS steps, so
 * changes to the routers behind one OLT (a mass change runs many at once)
 * do not wait for each other, while two changes to one router do.  A plan
 * with both takes the OLT's first, then the router's.
 *
 * Inside a process, the worker pool runs one write job per OLT; the locks
 * are what holds between processes.
 */
#include "core/writes_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "core/store.h"
#include "lib/util.h"

/* Takes the lock file "<database>.write-<key>.lock", waiting up to ms.
   Returns the fd; -2 when no lock file can be made (a read-only directory:
   go on unlocked, the caller's own serialisation still holds); -1 with
   *cause when another write holds it too long. */
static int
lock_one(struct store *st, const char *key, const char *what, int ms, char **cause)
{
	char *path = xasprintf("%s.write-%s.lock", store_path(st), key);
	int64_t until = mono_ms() + ms;
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

	if (fd == -1) {
		free(path);
		return -2;
	}
	while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK || mono_ms() >= until) {
			set_cause(cause, "another write to %s is still running (lock %s)",
			    what, path);
			close(fd);
			free(path);
			return -1;
		}
		sleep_ms(50);
	}
	free(path);
	return fd;
}

/* The part of a lock file's name for an ACS device id: its characters as
   they are when safe in a file name, '_' otherwise. */
static char *
device_key(const char *device)
{
	char *k = xasprintf("acs-%s", device);

	for (char *c = k + 4; *c != '\0'; c++)
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
		    (*c >= '0' && *c <= '9') || *c == '-' || *c == '.'))
			*c = '_';
	return k;
}

int
writes_lock_take(struct store *st, const struct plan *p, int ms, struct writes_lock *l,
    char **cause)
{
	bool cli = false, acs = false;
	size_t n = 0;

	l->fds[0] = l->fds[1] = -1;
	for (size_t i = 0; i < p->nsteps; i++) {
		if (strcmp(p->steps[i].exec, PLAN_EXEC_ACS) == 0)
			acs = true;
		else
			cli = true;
	}
	if (p->nsteps == 0)
		cli = p->device[0] == '\0';
	if (cli && (l->fds[n++] = lock_one(st, p->olt, p->olt, ms, cause)) == -1)
		return -1;
	if (acs && p->device[0] != '\0') {
		char *key = device_key(p->device), *what = xasprintf("router %s", p->device);

		l->fds[n] = lock_one(st, key, what, ms, cause);
		free(key);
		free(what);
		if (l->fds[n] == -1) {
			writes_lock_release(l);
			return -1;
		}
	}
	return 0;
}

void
writes_lock_release(struct writes_lock *l)
{
	for (size_t i = 0; i < nitems(l->fds); i++) {
		if (l->fds[i] >= 0)
			close(l->fds[i]);
		l->fds[i] = -1;
	}
}
