/* bcryptprimitives.dll for wine 8 (Debian 12), which lacks ProcessPrng.
 *
 * Go 1.24+ Windows programs take their random bytes from ProcessPrng in bcryptprimitives.dll, which
 * they load from system32 only, and stop at start-up without it. This stub gives wine that one
 * function, filled by RtlGenRandom (advapi32's SystemFunction036), which wine implements. It is used
 * only to run the Windows build under wine in make test, never shipped. The Makefile builds it with
 * x86_64-w64-mingw32-gcc, without the C runtime (DllMain is the entry point). */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)instance;
    (void)reason;
    (void)reserved;
    return TRUE;
}

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG n = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        length -= n;
    }
    return TRUE;
}
