/*
 * Linked into the Linux Native AOT executable with -Wl,--wrap=mprotect (see Plimsoll.Cli.csproj).
 *
 * The .NET GC commits its heap 64 KiB at a time with mprotect(PROT_READ | PROT_WRITE) and then clears what it hands
 * out, so each fresh 4 KiB page costs one page fault. On the paravirtualised 2-core machines CI runs on, a fault costs
 * ~11 us while MADV_POPULATE_WRITE maps the same pages for ~0.5 us each: the faults were a fifth of a compose run's
 * CPU time. After a successful read-write commit of at most 1 MiB, the pages are mapped in one system call. Nothing
 * else changes: the memory is the zeroed anonymous memory the GC asked for, and on kernels without
 * MADV_POPULATE_WRITE (before 5.14) madvise fails and the pages fault in as before.
 */
#include <errno.h>
#include <stddef.h>
#include <sys/mman.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

/* Larger read-write regions (thread stacks, GC bookkeeping reserved whole) may never be touched in full. */
#define PREFAULT_LIMIT ((size_t)1 << 20)

int __real_mprotect(void *address, size_t length, int protection);

int __wrap_mprotect(void *address, size_t length, int protection)
{
    int result = __real_mprotect(address, length, protection);
    if (result == 0 && protection == (PROT_READ | PROT_WRITE) && length <= PREFAULT_LIMIT)
    {
        int saved = errno; /* a refused madvise leaves the caller's errno as mprotect left it */
        (void)madvise(address, length, MADV_POPULATE_WRITE);
        errno = saved;
    }
    return result;
}
