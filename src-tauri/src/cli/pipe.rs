//! Closed pipes: `agendapack meetings | head -1` must end quietly when `head` has gone
//! (issue 14). Rust's runtime ignores SIGPIPE, so a write to a closed pipe is an error, and
//! `println!` turns that error into a panic ("failed printing to stdout: Broken pipe"). For
//! the commands that print and end, the classic Unix behaviour is right: the default SIGPIPE
//! action ends the process silently, as it does for `cat` or `ls`.
//!
//! Deliberately not for the servers (`serve`): a browser closing a socket early must not kill
//! them, so they keep Rust's default and handle the write error per request.

/// Restores the default action for SIGPIPE (end the process, silently). Unix only: Windows has
/// no SIGPIPE, and there a closed pipe stays a write error.
pub fn end_quietly_on_closed_pipe() {
    #[cfg(unix)]
    {
        // From the C library every Unix Rust program links; SIGPIPE is 13 and SIG_DFL is 0 on
        // Linux, macOS and the BSDs.
        extern "C" {
            fn signal(signum: i32, handler: usize) -> usize;
        }
        const SIGPIPE: i32 = 13;
        const SIG_DFL: usize = 0;
        // SAFETY: called once at start-up, before any thread is spawned; it only resets the
        // disposition of one signal to the system default.
        unsafe {
            signal(SIGPIPE, SIG_DFL);
        }
    }
}
