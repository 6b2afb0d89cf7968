//! Giving freed memory back to the system between the phases of a build.
//!
//! The program chooses the allocator, so it says how to release memory ([`set_release`]): the
//! AgendaPack programs use jemalloc on Linux (`agendapack::allocator`) and register its purge.
//! Without a registered release, glibc's `malloc_trim` is used where glibc is the allocator,
//! and nothing happens elsewhere.
//!
//! Two moments (issue 21):
//! - [`release_freed_memory`], once, after the pages are written and before the file is
//!   assembled: what the worker threads freed while laying out and writing the pages would
//!   otherwise stay with them, and the structure tree and the file would come on top of it.
//! - [`release_paper_memory`], by the thread that has just written a long paper (a pack calls it
//!   for papers of 30 pages or more): a long paper is laid out whole before its pages are
//!   written, and with jemalloc its freed pages stayed with the thread until the end. The
//!   demo pack's peak was 41 MB without it and 38 MB with it, at no cost in time on the demo
//!   and about 5% on the four-times meeting. With glibc it does nothing: trimming after each
//!   paper made the next paper fault the same memory back in (four-times meeting, two threads,
//!   0.39 s with those trims and 0.29-0.31 s without, the same 58 MB peak).
//!
//! Also [`drop_later`]: what the finished file no longer needs is freed off the build's path.

/// How the program's allocator gives freed memory back: everything it holds free, and what
/// the calling thread holds free.
#[derive(Debug, Clone, Copy)]
pub struct MemoryRelease {
    pub everything: fn(),
    pub this_thread: fn(),
}

static RELEASE: std::sync::OnceLock<MemoryRelease> = std::sync::OnceLock::new();

/// Registers how memory is released (once per process; later calls change nothing).
pub fn set_release(release: MemoryRelease) {
    let _ = RELEASE.set(release);
}

/// Returns the free memory of the allocator's heaps to the system, where that is possible.
pub(crate) fn release_freed_memory() {
    if let Some(release) = RELEASE.get() {
        (release.everything)();
        return;
    }
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

/// Returns what the calling thread holds free to the system, when the program registered a
/// way to ([`set_release`]); see the module comment for when.
pub fn release_paper_memory() {
    if let Some(release) = RELEASE.get() {
        (release.this_thread)();
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
