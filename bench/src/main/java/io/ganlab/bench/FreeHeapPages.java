package io.ganlab.bench;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.ganlab.core.ResidentMemory;

/**
 * glibc's {@code malloc_trim(0)}: gives the free pages of every malloc arena back to the operating system. The
 * launcher tells glibc to keep freed memory (the tensors of the next step reuse it without page faults), so between
 * steps the resident size also holds pages that are free but kept, and where they lie shifts as the heap fragments
 * and settles. Resident memory read right after this counts what is allocated, which is what a leak would grow.
 */
final class FreeHeapPages {
    private interface C extends Library {
        int malloc_trim(long pad);   // size_t: a long on the 64-bit Linux that libtorch's CPU jar targets
    }

    private static final C LIBC = load();

    private FreeHeapPages() {}

    private static C load() {
        try {
            return Native.load("c", C.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;                                        // not glibc (or no libc to load): nothing to trim
        }
    }

    /** Returns the free pages; false where there is no glibc to ask. */
    static boolean release() {
        if (LIBC == null) {
            return false;
        }
        try {
            LIBC.malloc_trim(0);
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }

    /** {@link #release()}, then the resident size in bytes; -1 where there is no glibc or no /proc to read. */
    static long residentAfterRelease() {
        return release() ? ResidentMemory.bytes() : -1;
    }
}
