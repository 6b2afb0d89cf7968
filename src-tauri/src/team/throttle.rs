//! Sign-in throttling: after [`LIMIT`] failed sign-ins within [`WINDOW`] for one account name,
//! or from one address, further attempts for that name or from that address are refused
//! without checking the password until the oldest failure leaves the window. Per account
//! stops guessing one person's password from many addresses; per address stops one machine
//! trying many names. A good sign-in clears its account's failures, not its address's (a
//! guesser who also holds one account must not be able to reset the count).
//!
//! IPv6 addresses count by their /64 network, since one machine can hold a whole /64. Kept in
//! memory like the sessions; failures older than the window are dropped as new ones come, so
//! the table holds at most the failures of the last [`WINDOW`]. Time is passed in.
//!
//! Deliberately not here: passwords, HTTP. Behind a reverse proxy every request would come
//! from the proxy's address; the team server terminates TLS itself, so the peer address is the
//! client's.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// Failed sign-ins allowed within [`WINDOW`], per account and per address.
pub const LIMIT: usize = 5;
/// How long a failed sign-in counts.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    /// Account names compare without regard to case, as a person types them.
    Account(String),
    Address(IpAddr),
}

/// The failed sign-ins of the last [`WINDOW`].
#[derive(Default)]
pub struct LoginThrottle {
    failures: HashMap<Key, VecDeque<Instant>>,
}

impl LoginThrottle {
    /// Ok when a sign-in for `name` from `address` may be tried now; otherwise how long until
    /// it may.
    pub fn check(&mut self, name: &str, address: IpAddr, now: Instant) -> Result<(), Duration> {
        let wait = [account_key(name), address_key(address)]
            .iter()
            .filter_map(|key| self.wait(key, now))
            .max();
        match wait {
            Some(wait) => Err(wait),
            None => Ok(()),
        }
    }

    /// Counts a failed sign-in against the name and the address.
    pub fn failed(&mut self, name: &str, address: IpAddr, now: Instant) {
        self.failures.retain(|_, times| {
            drop_old(times, now);
            !times.is_empty()
        });
        for key in [account_key(name), address_key(address)] {
            let times = self.failures.entry(key).or_default();
            times.push_back(now);
            // More than LIMIT never changes the answer; the oldest stays the one that matters.
            while times.len() > LIMIT {
                times.pop_front();
            }
        }
    }

    /// A good sign-in: the account's failures are forgiven.
    pub fn succeeded(&mut self, name: &str) {
        self.failures.remove(&account_key(name));
    }

    fn wait(&mut self, key: &Key, now: Instant) -> Option<Duration> {
        let times = self.failures.get_mut(key)?;
        drop_old(times, now);
        if times.len() < LIMIT {
            return None;
        }
        let oldest = *times.front()?;
        Some(WINDOW.saturating_sub(now.saturating_duration_since(oldest)))
    }
}

fn drop_old(times: &mut VecDeque<Instant>, now: Instant) {
    while times.front().is_some_and(|t| now.saturating_duration_since(*t) >= WINDOW) {
        times.pop_front();
    }
}

fn account_key(name: &str) -> Key {
    Key::Account(name.trim().to_lowercase())
}

fn address_key(address: IpAddr) -> Key {
    match address {
        IpAddr::V4(_) => Key::Address(address),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => Key::Address(IpAddr::V4(v4)),
            None => {
                let network = u128::from(v6) & !((1u128 << 64) - 1);
                Key::Address(IpAddr::V6(network.into()))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn five_failures_for_one_account_refuse_the_sixth_from_anywhere() {
        let (mut throttle, t0) = (LoginThrottle::default(), Instant::now());
        for n in 0..LIMIT {
            assert!(throttle.check("avery", ip(&format!("10.0.0.{n}")), t0).is_ok(), "attempt {} may be tried", n + 1);
            throttle.failed("avery", ip(&format!("10.0.0.{n}")), t0);
        }
        let wait = throttle.check("Avery", ip("10.9.9.9"), t0).unwrap_err();
        assert_eq!(wait, WINDOW, "the name in another case from another address is still refused");
        assert!(throttle.check("blake", ip("10.9.9.9"), t0).is_ok(), "another account is not");
        assert!(throttle.check("avery", ip("10.9.9.9"), t0 + WINDOW).is_ok(), "after the window it may be tried again");
    }

    #[test]
    fn five_failures_from_one_address_refuse_any_name_from_it() {
        let (mut throttle, t0) = (LoginThrottle::default(), Instant::now());
        for n in 0..LIMIT {
            throttle.failed(&format!("name{n}"), ip("192.0.2.7"), t0 + Duration::from_secs(n as u64 * 60));
        }
        let wait = throttle.check("someone-new", ip("192.0.2.7"), t0 + Duration::from_secs(300)).unwrap_err();
        assert_eq!(wait, WINDOW - Duration::from_secs(300), "until the first failure is 15 minutes old");
        assert!(throttle.check("someone-new", ip("192.0.2.8"), t0).is_ok(), "another address is not refused");
    }

    #[test]
    fn a_good_sign_in_forgives_the_account_but_not_the_address() {
        let (mut throttle, t0) = (LoginThrottle::default(), Instant::now());
        for _ in 0..LIMIT {
            throttle.failed("avery", ip("192.0.2.7"), t0);
        }
        throttle.succeeded("avery");
        assert!(throttle.check("avery", ip("192.0.2.8"), t0).is_ok(), "the account's count was cleared");
        assert!(throttle.check("blake", ip("192.0.2.7"), t0).is_err(), "the address's count was not");
    }

    #[test]
    fn an_ipv6_network_counts_as_one_address() {
        let (mut throttle, t0) = (LoginThrottle::default(), Instant::now());
        for n in 0..LIMIT {
            throttle.failed(&format!("name{n}"), ip(&format!("2001:db8:1:2::{n}")), t0);
        }
        assert!(throttle.check("x", ip("2001:db8:1:2:ffff::1"), t0).is_err(), "the same /64");
        assert!(throttle.check("x", ip("2001:db8:1:3::1"), t0).is_ok(), "another /64");
    }

    #[test]
    fn old_failures_are_dropped() {
        let (mut throttle, t0) = (LoginThrottle::default(), Instant::now());
        for n in 0..100 {
            throttle.failed(&format!("name{n}"), ip("192.0.2.7"), t0);
        }
        throttle.failed("late", ip("198.51.100.1"), t0 + WINDOW);
        assert_eq!(throttle.failures.len(), 2, "only the late failure's name and address remain");
    }
}
