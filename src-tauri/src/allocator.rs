//! The AgendaPack programs' memory allocator: jemalloc on Linux (through `tikv-jemallocator`,
//! as rustc and TiKV use it), the system's elsewhere.
//!
//! Why (issue 21): with glibc's malloc a pack build spent about 30% of its time in malloc and
//! free on two threads (its slow paths: consolidating freed chunks, and threads freeing what
//! another thread's arena handed out, which pages written by another thread than the one that
//! laid them out do all the time). With jemalloc the demo pack took 77 ms instead of 93-98 ms
//! and the four-times meeting 205-230 ms instead of 254 ms (two threads, whole processes).
//! jemalloc keeps freed pages for reuse, so [`install`] tells the PDF writer how to give them
//! back between a build's phases (`agendapack_pdf::set_release`): without that, the demo pack
//! peaked at 41-45 MB rather than 38 MB.
//!
//! Declared here, in the library, so the command line, the desktop app, the team server and
//! the tests that link this crate all use the same allocator. Windows and macOS keep their
//! system allocators (jemalloc is built with make and a Unix shell, which the Windows
//! cross-build does not have).

#[cfg(target_os = "linux")]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Registers with the PDF writer how freed memory is given back. Called first thing by each
/// program; harmless to call more than once.
pub fn install() {
    #[cfg(target_os = "linux")]
    agendapack_pdf::set_release(agendapack_pdf::MemoryRelease { everything: jemalloc::purge_all, this_thread: jemalloc::purge_this_thread });
}

#[cfg(target_os = "linux")]
mod jemalloc {
    use std::ffi::{c_int, CStr, CString};

    /// Runs a jemalloc control command that takes and returns nothing ("arena.0.purge");
    /// jemalloc's result, 0 when it knew the name and did it.
    pub fn command(name: &CStr) -> c_int {
        // SAFETY: `name` is a NUL-terminated control name; commands of this kind read and write
        // no value, so null pointers and a zero length are what mallctl expects.
        unsafe { tikv_jemalloc_sys::mallctl(name.as_ptr(), std::ptr::null_mut(), std::ptr::null_mut(), std::ptr::null_mut(), 0) }
    }

    /// The arena of the calling thread.
    pub fn this_arena() -> Option<u32> {
        let mut arena: u32 = 0;
        let mut len = std::mem::size_of::<u32>();
        // SAFETY: "thread.arena" reads an unsigned int into `arena`, whose size is `len`.
        let read = unsafe {
            tikv_jemalloc_sys::mallctl(c"thread.arena".as_ptr(), (&mut arena as *mut u32).cast(), &mut len, std::ptr::null_mut(), 0)
        };
        (read == 0).then_some(arena)
    }

    /// The command purging arena `arena` ("arena.N.purge").
    pub fn purge_command(arena: u32) -> CString {
        // Digits never contain NUL.
        CString::new(format!("arena.{arena}.purge")).unwrap_or_default()
    }

    // Releasing memory is an optimisation: an error code from jemalloc changes nothing else,
    // so the two releases ignore it (the test below holds the names to jemalloc's).

    /// Every arena's unused dirty pages back to the system (4096 is MALLCTL_ARENAS_ALL).
    pub fn purge_all() {
        command(c"arena.4096.purge");
    }

    /// The calling thread's cached blocks back to its arena, and that arena's unused pages
    /// back to the system.
    pub fn purge_this_thread() {
        command(c"thread.tcache.flush");
        if let Some(arena) = this_arena() {
            command(&purge_command(arena));
        }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::jemalloc::{command, purge_command, this_arena};

    /// The control names are jemalloc's: a name it does not know would make the release a
    /// silent no-op, so each is run here and its result checked.
    #[test]
    fn jemalloc_knows_the_control_names() {
        assert_eq!(command(c"arena.4096.purge"), 0, "purge every arena");
        assert_eq!(command(c"thread.tcache.flush"), 0, "flush this thread's cache");
        let arena = this_arena().expect("this thread's arena is read");
        assert_eq!(command(&purge_command(arena)), 0, "purge this thread's arena");
    }
}
