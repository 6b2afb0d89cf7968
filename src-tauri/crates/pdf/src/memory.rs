//! Giving freed memory back to the system between the writer's phases.
//!
//! With glibc, memory freed by one thread's arena cannot serve another's allocations: what the
//! worker threads freed while laying out and writing the pages stays in their arenas, and the
//! structure tree and the file, built afterwards, would come on top of it. `malloc_trim` hands
//! the free pages of every arena back; [`crate::write_pdf_owned`] calls it once, after the
//! pages are written and before the file is assembled.
//!
//! Not after every paper any more (issue 21): since each paper is written as soon as it is laid
//! out ([`crate::draw_ahead`]), its glyphs live only briefly, and trimming after each made the
//! next paper fault the same memory back in: on the four-times meeting (two threads) 0.39 s
//! with those trims and 0.29-0.31 s without, the same 58 MB peak; without the last trim too,
//! no faster and 63 MB.
//!
//! Elsewhere (other C libraries, Windows, macOS) it does nothing.
//!
//! Also [`drop_later`]: what the finished file no longer needs is freed off the build's path.

/// Returns the free memory of the C allocator's heaps to the system, where that is possible.
pub(crate) fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> std::os::raw::c_int;
        }
        // SAFETY: glibc's malloc_trim takes no pointer and touches no live allocation: it only
        // gives unused pages of the allocator's own heaps back to the kernel.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// Drops `value` on a thread of its own, so that the caller need not wait while a large
/// structure (a pack's laid-out pages, the assembled objects, the structure tree's lists) is
/// freed piece by piece: on the four-times meeting that was 3-4 ms after the file was ready.
/// Dropped at once if no thread can be started.
pub(crate) fn drop_later<T: Send + 'static>(value: T) {
    // When no thread can be started, the closure is dropped here, and the value with it.
    let _ = std::thread::Builder::new().name("agendapack-free".into()).spawn(move || drop(value));
}
