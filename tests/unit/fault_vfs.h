/* fault_vfs.h — the SQLite seam: a VFS that wraps the default one ("unix")
   and, when armed, makes the N-th call of one kind fail the way a real
   disk or a real neighbour does:

     FV_FULL   the N-th write and every write after it return SQLITE_FULL
               (the disk stays full until disarmed, as a real one does);
     FV_IOERR  the N-th write or sync returns SQLITE_IOERR_WRITE or
               SQLITE_IOERR_FSYNC, once (a disk that hiccups);
     FV_BUSY   the N-th request for a write lock (xLock to RESERVED or
               more, an exclusive xShmLock: WAL's write and checkpoint
               locks) and the FV_BUSY_BURST - 1 after it return
               SQLITE_BUSY (another connection holding it a moment).

   fv_register() installs it as the default VFS of the process, so every
   store_open() goes through it; code that must not (the check after a
   run: fault_run.h's fr_open) names "unix".  Counting happens even when
   disarmed (fv_arm(kind, 0)), to size a sweep of fault points.  One
   thread at a time; the lab's threads never open a database.

   Static helpers, included by tests/unit/test_fault_sqlite.c. */
#ifndef OLTUI_FAULT_VFS_H
#define OLTUI_FAULT_VFS_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FV_BUSY_BURST 3		/* lock requests refused in a row */

enum fv_kind { FV_FULL, FV_IOERR, FV_BUSY, FV_KINDS };

static const char *const fv_names[] = { "disk full", "I/O error", "busy" };

static struct {
	sqlite3_vfs	*real;		/* the wrapped VFS */
	enum fv_kind	 kind;		/* what is armed */
	long		 left;		/* calls of that kind until the failing one; 0 = off */
	long		 calls;		/* calls of that kind since fv_arm() */
	int		 burst;		/* more FV_BUSY refusals to come */
	bool		 full;		/* FV_FULL fired: every write fails */
	bool		 fired;
} fv;

/* One open file: ours, then the wrapped VFS's right behind it. */
struct fv_file {
	sqlite3_file	 base;
	sqlite3_file	*real;
	const char	*name;		/* SQLite keeps it valid while open */
};

#define FV_REAL(f) (((struct fv_file *)(f))->real)

/* Counts one call of kind k; true when it is to fail. */
static bool
fv_hit(enum fv_kind k)
{
	if (fv.kind != k)
		return false;
	if (k == FV_FULL && fv.full)
		return true;
	if (k == FV_BUSY && fv.burst > 0) {
		fv.burst--;
		return true;
	}
	fv.calls++;
	if (fv.left <= 0 || --fv.left > 0)
		return false;
	fv.fired = true;
	if (k == FV_FULL)
		fv.full = true;
	if (k == FV_BUSY)
		fv.burst = FV_BUSY_BURST - 1;
	return true;
}

/* The file methods: each forwards to the wrapped file, after fv_hit()
   for the calls a fault can take (writes, syncs, write locks). */
static int
fv_close(sqlite3_file *f)
{
	if (getenv("FAULT_TRACE") != NULL)
		fprintf(stderr, "fv: close %s\n", ((struct fv_file *)f)->name);
	return FV_REAL(f)->pMethods->xClose(FV_REAL(f));
}

static int
fv_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	return FV_REAL(f)->pMethods->xRead(FV_REAL(f), buf, n, off);
}

static int
fv_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
	if (getenv("FAULT_TRACE") != NULL)
		fprintf(stderr, "fv: write %s at %lld, %d bytes (call %ld)\n",
		    ((struct fv_file *)f)->name, (long long)off, n, fv.calls + 1);
	if (fv_hit(FV_FULL))
		return SQLITE_FULL;
	if (fv_hit(FV_IOERR))
		return SQLITE_IOERR_WRITE;
	return FV_REAL(f)->pMethods->xWrite(FV_REAL(f), buf, n, off);
}

static int
fv_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	if (getenv("FAULT_TRACE") != NULL)
		fprintf(stderr, "fv: truncate %s to %lld\n", ((struct fv_file *)f)->name,
		    (long long)size);
	return FV_REAL(f)->pMethods->xTruncate(FV_REAL(f), size);
}

static int
fv_sync(sqlite3_file *f, int flags)
{
	if (fv_hit(FV_IOERR))
		return SQLITE_IOERR_FSYNC;
	return FV_REAL(f)->pMethods->xSync(FV_REAL(f), flags);
}

static int
fv_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return FV_REAL(f)->pMethods->xFileSize(FV_REAL(f), size);
}

static int
fv_lock(sqlite3_file *f, int level)
{
	if (level >= SQLITE_LOCK_RESERVED && fv_hit(FV_BUSY))
		return SQLITE_BUSY;
	return FV_REAL(f)->pMethods->xLock(FV_REAL(f), level);
}

static int
fv_unlock(sqlite3_file *f, int level)
{
	return FV_REAL(f)->pMethods->xUnlock(FV_REAL(f), level);
}

static int
fv_check_reserved(sqlite3_file *f, int *out)
{
	return FV_REAL(f)->pMethods->xCheckReservedLock(FV_REAL(f), out);
}

static int
fv_control(sqlite3_file *f, int op, void *arg)
{
	return FV_REAL(f)->pMethods->xFileControl(FV_REAL(f), op, arg);
}

static int
fv_sector(sqlite3_file *f)
{
	return FV_REAL(f)->pMethods->xSectorSize(FV_REAL(f));
}

static int
fv_device(sqlite3_file *f)
{
	return FV_REAL(f)->pMethods->xDeviceCharacteristics(FV_REAL(f));
}

static int
fv_shm_map(sqlite3_file *f, int pg, int pgsz, int extend, void volatile **pp)
{
	return FV_REAL(f)->pMethods->xShmMap(FV_REAL(f), pg, pgsz, extend, pp);
}

static int
fv_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	if ((flags & SQLITE_SHM_LOCK) && (flags & SQLITE_SHM_EXCLUSIVE) &&
	    fv_hit(FV_BUSY))
		return SQLITE_BUSY;
	return FV_REAL(f)->pMethods->xShmLock(FV_REAL(f), offset, n, flags);
}

static void
fv_shm_barrier(sqlite3_file *f)
{
	FV_REAL(f)->pMethods->xShmBarrier(FV_REAL(f));
}

static int
fv_shm_unmap(sqlite3_file *f, int del)
{
	return FV_REAL(f)->pMethods->xShmUnmap(FV_REAL(f), del);
}

static int
fv_fetch(sqlite3_file *f, sqlite3_int64 off, int amt, void **pp)
{
	return FV_REAL(f)->pMethods->xFetch(FV_REAL(f), off, amt, pp);
}

static int
fv_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return FV_REAL(f)->pMethods->xUnfetch(FV_REAL(f), off, p);
}

static const sqlite3_io_methods fv_methods = {
	3, fv_close, fv_read, fv_write, fv_truncate, fv_sync, fv_size, fv_lock,
	fv_unlock, fv_check_reserved, fv_control, fv_sector, fv_device,
	fv_shm_map, fv_shm_lock, fv_shm_barrier, fv_shm_unmap, fv_fetch, fv_unfetch,
};

/* Opens with the wrapped VFS, then puts our methods in front. */
static int
fv_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out)
{
	struct fv_file *f = (struct fv_file *)file;
	int rc;

	(void)vfs;
	f->real = (sqlite3_file *)(f + 1);
	f->name = name != NULL ? name : "(temporary)";
	if (getenv("FAULT_TRACE") != NULL)
		fprintf(stderr, "fv: open %s\n", f->name);
	rc = fv.real->xOpen(fv.real, name, f->real, flags, out);
	f->base.pMethods = f->real->pMethods != NULL ? &fv_methods : NULL;
	return rc;
}

/* Installs the seam as the default VFS (once). */
static void
fv_register(void)
{
	static sqlite3_vfs vfs;

	if (fv.real != NULL)
		return;
	fv.real = sqlite3_vfs_find("unix");
	vfs = *fv.real;
	vfs.zName = "fault";
	vfs.szOsFile = (int)sizeof(struct fv_file) + fv.real->szOsFile;
	vfs.xOpen = fv_open;
	vfs.pNext = NULL;
	sqlite3_vfs_register(&vfs, 1);
}

/* Arms kind k: its n-th call from now fails (0: only counts). */
static void
fv_arm(enum fv_kind k, long n)
{
	fv.kind = k;
	fv.left = n;
	fv.calls = 0;
	fv.burst = 0;
	fv.full = false;
	fv.fired = false;
}

/* Disarms; whether the armed call came. */
static bool
fv_disarm(void)
{
	fv.left = 0;
	fv.burst = 0;
	fv.full = false;
	fv.kind = FV_KINDS;
	return fv.fired;
}

#endif
