//! Who the audit trail names for the changes made on this thread, when that is not the
//! store's own [`Actor`](crate::Actor): the team server runs each signed-in person's command
//! on a worker thread inside [`acting_as`], so the trail's triggers name that person.
//!
//! Why a thread's name and not [`Store::set_actor`](crate::Store::set_actor): the actor is
//! shared by every thread using the store, and a command takes the store's lock several times
//! (a pack build: once to check, once to start, then its worker thread), so swapping it around
//! one command would let another person's command, running in between, be recorded under the
//! wrong name. SQLite calls the trail's functions on the thread that runs the statement, which
//! is the thread running the command; a pack job's thread takes the name of the thread that
//! started it. So nothing is serialised and nothing can be misattributed.
//!
//! Deliberately not here: the clock (still the store's actor's), and who may do what.

use std::cell::RefCell;

thread_local! {
    static ACTING: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f` with the audit trail naming `user` for every change made on this thread, then
/// restores what was there before (also when `f` panics).
pub fn acting_as<T>(user: &str, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<String>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            ACTING.with(|slot| *slot.borrow_mut() = previous);
        }
    }
    let previous = ACTING.with(|slot| slot.borrow_mut().replace(user.to_string()));
    let _restore = Restore(previous);
    f()
}

/// The name [`acting_as`] set on this thread, if any.
pub fn acting_user() -> Option<String> {
    ACTING.with(|slot| slot.borrow().clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_holds_inside_and_is_restored_after() {
        assert_eq!(acting_user(), None, "no name outside");
        acting_as("Priya Shah", || {
            assert_eq!(acting_user().as_deref(), Some("Priya Shah"), "the name inside");
            acting_as("Tom Ng", || assert_eq!(acting_user().as_deref(), Some("Tom Ng"), "an inner name wins"));
            assert_eq!(acting_user().as_deref(), Some("Priya Shah"), "the outer name is back");
            std::thread::spawn(|| assert_eq!(acting_user(), None, "another thread is not named")).join().unwrap();
        });
        assert_eq!(acting_user(), None, "restored after");
    }
}
