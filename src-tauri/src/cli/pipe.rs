//! Closed pipes: `agendapack meetings | head -1` must end quietly when `head` has gone
//! (issue 14). Rust's runtime ignores SIGPIPE, so a write to a closed pipe is an error, and
//! `println!` turns that error into a panic ("failed printing to stdout: Broken pipe"). For
//! the commands that print and end, the classic Unix behaviour is right: the default SIGPIPE
//! action ends the process silently, as it does for `cat` or `ls`.
//!
//! Windows has no SIGPIPE (issue 20): there the same write fails with "The pipe is being
//! closed" (ERROR_NO_DATA, 232), "No process is on the other end of the pipe"
//! (ERROR_PIPE_NOT_CONNECTED, 233; what Wine reports) or ERROR_BROKEN_PIPE (109), and
//! `println!` panics with it. A panic hook recognises exactly that panic and ends the process
//! quietly (exit code 0, nothing printed), the Windows counterpart of SIGPIPE; every other
//! panic goes on to the usual hook.
//!
//! Deliberately not for the servers (`serve`): a browser closing a socket early must not kill
//! them, so they keep Rust's default and handle the write error per request.

/// Makes a write to a closed stdout or stderr end the process silently (see the module doc).
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
    #[cfg(windows)]
    {
        let usual = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let payload = info.payload();
            let message = payload.downcast_ref::<String>().map(String::as_str).or_else(|| payload.downcast_ref::<&str>().copied());
            if message.is_some_and(is_closed_pipe_panic) {
                std::process::exit(0);
            }
            usual(info);
        }));
    }
}

/// Windows' error codes for a pipe whose reader has gone: ERROR_BROKEN_PIPE, ERROR_NO_DATA and
/// ERROR_PIPE_NOT_CONNECTED. (On Windows the standard library files only the first two as
/// `ErrorKind::BrokenPipe`, and a panic carries only the error's text, so they go by number.)
const WINDOWS_CLOSED_PIPE: [i32; 3] = [109, 232, 233];

/// True for the panic `print!`/`eprint!` raise when the pipe they write to has been closed on
/// Windows: "failed printing to stdout: <description> (os error 232)".
#[cfg_attr(not(windows), allow(dead_code))]
fn is_closed_pipe_panic(message: &str) -> bool {
    let Some(error) = ["failed printing to stdout: ", "failed printing to stderr: "].iter().find_map(|p| message.strip_prefix(p)) else {
        return false;
    };
    let code = error.rsplit_once("(os error ").and_then(|(_, rest)| rest.strip_suffix(')')).and_then(|n| n.parse::<i32>().ok());
    code.is_some_and(|c| WINDOWS_CLOSED_PIPE.contains(&c))
}

#[cfg(test)]
mod tests {
    use super::is_closed_pipe_panic;

    #[test]
    fn only_a_print_to_a_closed_pipe_is_recognised() {
        for code in [109, 232, 233] {
            let error = format!("No process is on the other end of the pipe. (os error {code})");
            assert!(is_closed_pipe_panic(&format!("failed printing to stdout: {error}")), "{code} on stdout");
            assert!(is_closed_pipe_panic(&format!("failed printing to stderr: {error}")), "{code} on stderr");
        }
        for other in [
            "failed printing to stdout: There is not enough space on the disk. (os error 112)",
            "failed printing to stdout: The pipe is being closed.",
            "index out of bounds: the len is 0 but the index is 232 (os error 232)",
            "failed printing to stdout: (os error 2330)",
        ] {
            assert!(!is_closed_pipe_panic(other), "{other}");
        }
    }
}
