/* A stand-in for Windows' bcryptprimitives.dll, for running agendapack.exe under Wine 8 only.
 *
 * Why: Rust's standard library (1.78 and later) takes its random numbers (HashMap seeds) from
 * ProcessPrng in bcryptprimitives.dll, which every Windows 10/11 has but Wine 8 (Debian 12's
 * wine64) does not, so the .exe does not start there ("import not found"). Wine does have
 * advapi32's RtlGenRandom (exported as SystemFunction036), so this shim forwards to it.
 *
 * tests/windows.sh builds it with mingw and puts it beside the .exe in its temporary folder;
 * it is never shipped: a real Windows has the genuine DLL.
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

/* RtlGenRandom's real export name; returns TRUE on success. ULONG lengths, so larger
 * requests are made in pieces. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/* Same signature as Windows' ProcessPrng: always succeeds (TRUE). */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
