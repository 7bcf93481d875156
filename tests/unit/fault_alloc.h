/* fault_alloc.h — the allocator seam: the test program's malloc, calloc and
   realloc, which fail the N-th call made by the thread that armed them.

   What "fail the N-th allocation" means in oltui: its own code allocates
   through xmalloc() and friends (lib/util.c), which print "oltui: out of
   memory allocating N bytes" and abort by design; the libraries under it
   (SQLite, cJSON, net-snmp, libssh) get NULL and must turn it into an
   error.  So a failed allocation may end an operation in exactly three
   ways, all acceptable: it still succeeds (the library coped), it returns
   -1 with a cause, or the process aborts through the x* functions with
   that message.  Anything else (a crash, a hang, another abort) is a
   defect, and so is any of the three leaving the database corrupt or the
   audit trail holding a half entry (tests/unit/fault_run.h checks both).

   Including this header replaces the allocator of the whole program, the
   libraries included (symbol interposition: the executable's malloc wins),
   so only one test program includes it: tests/unit/test_fault_alloc.c.
   Counting is per thread (_Thread_local): the lab's server threads in the
   same process never see a failure and never move the count, so N names
   the same allocation on every run.

   A few libraries dereference what malloc returned without a check; a
   failure handed to them tests them, not oltui, so the seam passes over
   an allocation made from them (the caller, or its caller through a libc
   function such as strdup) and fails the next one instead.  Each such
   library is in fa_unchecked[] with the place that shows why.

   FAULT_TRACE=1 in the environment prints the stack of the failing call
   to stderr (backtrace_symbols_fd; `addr2line -e PROGRAM` reads it).

   Not under AddressSanitizer, ThreadSanitizer or valgrind, which replace
   the allocator themselves: fa_available() says so and the test skips. */
#ifndef OLTUI_FAULT_ALLOC_H
#define OLTUI_FAULT_ALLOC_H

#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <pwd.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/util.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define FA_REPLACED 0
#else
#define FA_REPLACED 1
#endif

static _Thread_local long fa_left;	/* calls until the failing one; 0 = off */
static _Thread_local long fa_calls;	/* calls counted since fa_arm() */
static _Thread_local bool fa_fired;	/* the N-th call came and failed */
static _Thread_local bool fa_busy UNUSED;	/* inside the seam's own look-up */

/* Libraries whose allocations the seam never fails (see above). */
static const char *const fa_unchecked[] UNUSED = {
	/* net-snmp 5.9: netsnmp_tdomain_transport_tspec() uses the result
	   of malloc() unchecked (a SIGSEGV in snmp_sess_open), as do the
	   transport and PDU helpers around it. */
	"libnetsnmp.so",
};

/* True when this build's allocator is the seam's (no sanitizer, no
   valgrind). */
static bool
fa_available(void)
{
	return FA_REPLACED && getenv("OLTUI_UNDER_VALGRIND") == NULL;
}

/* Arms the seam on this thread: its n-th allocation from now fails (n >= 1;
   0 disarms and only counts). */
static void
fa_arm(long n)
{
	void *pc;

	backtrace(&pc, 1);	/* loads libgcc now, not at the failing call */
	/* glibc 2.36 asserts (nss_database.c: `ret > 0') when an allocation
	   fails while it first reads nsswitch.conf: a libc defect, so that
	   is done before arming (audit entries name the OS user). */
	(void)getpwuid(geteuid());
	fa_left = n;
	fa_calls = 0;
	fa_fired = false;
}

/* Disarms; returns whether the armed allocation came (and failed). */
static bool
fa_disarm(void)
{
	fa_left = 0;
	return fa_fired;
}

/* Under FAULT_TRACE: prints the stack of a crash, then dies of it. */
static void
fa_crash_trace(int sig)
{
	void *pcs[32];

	(void)write(2, "\ncrashed here:\n", 16);
	backtrace_symbols_fd(pcs, backtrace(pcs, 32), 2);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Lets a crash of this process end it with its signal (and, under
   FAULT_TRACE, print where). */
static void
fa_crash_default(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };
	static char altstack[65536];	/* a stack overflow leaves none */
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack };

	sigaltstack(&ss, NULL);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct sigaction sa = { .sa_flags = SA_ONSTACK };

		sa.sa_handler = getenv("FAULT_TRACE") != NULL && sigs[i] != SIGABRT ?
		    fa_crash_trace : SIG_DFL;
		sigaction(sigs[i], &sa, NULL);
	}
}

/* Allocations counted on this thread since fa_arm(). */
static long
fa_count(void)
{
	return fa_calls;
}

#if FA_REPLACED
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);

/* True when the allocation was asked for from one of fa_unchecked[]:
   the three frames above malloc. */
static bool
fa_from_unchecked(void)
{
	void *pcs[5];
	int n;

	fa_busy = true;
	n = backtrace(pcs, 5);
	for (int i = 2; i < n; i++) {
		Dl_info di;

		if (dladdr(pcs[i], &di) == 0 || di.dli_fname == NULL)
			continue;
		for (size_t j = 0; j < sizeof fa_unchecked / sizeof fa_unchecked[0]; j++)
			if (strstr(di.dli_fname, fa_unchecked[j]) != NULL) {
				fa_busy = false;
				return true;
			}
	}
	fa_busy = false;
	return false;
}

/* Counts one call; true when it is the one to fail. */
static bool
fa_fail_now(void)
{
	if (fa_busy)
		return false;
	fa_calls++;
	if (fa_left <= 0 || --fa_left > 0)
		return false;
	if (fa_from_unchecked()) {
		fa_left = 1;	/* the next one instead */
		return false;
	}
	fa_fired = true;
	if (getenv("FAULT_TRACE") != NULL) {
		void *pcs[32];

		backtrace_symbols_fd(pcs, backtrace(pcs, 32), 2);
	}
	errno = ENOMEM;
	return true;
}

/* The program's allocator: glibc's, unless this is the call to fail. */
void *
malloc(size_t size)
{
	return fa_fail_now() ? NULL : __libc_malloc(size);
}

void *
calloc(size_t n, size_t size)
{
	return fa_fail_now() ? NULL : __libc_calloc(n, size);
}

void *
realloc(void *p, size_t size)
{
	return fa_fail_now() ? NULL : __libc_realloc(p, size);
}
#endif

#endif
