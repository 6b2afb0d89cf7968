//! A team server's address as a person types it ("agendapack.council.local:8443", with or
//! without `https://`), read into a host and a port. The team server speaks only HTTPS, so
//! `http://` is refused with a sentence saying so; without a port, 443 is meant.
//!
//! Deliberately not here: looking the name up or connecting (`super::TeamClient`).

use std::fmt;

/// A team server's host and port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerAddress {
    /// A DNS name or an IP address; an IPv6 address without its brackets.
    pub host: String,
    pub port: u16,
}

impl ServerAddress {
    /// Reads what the person typed; the error is one sentence for beside the field.
    pub fn parse(typed: &str) -> Result<ServerAddress, String> {
        let text = typed.trim();
        if text.is_empty() {
            return Err("Type the team server's address, for example agendapack.council.local:8443.".into());
        }
        let lower = text.to_ascii_lowercase();
        let rest = if lower.starts_with("https://") {
            &text["https://".len()..]
        } else if lower.starts_with("http://") {
            return Err("The team server speaks only HTTPS: write https:// or leave the scheme out.".into());
        } else if lower.contains("://") {
            return Err(format!("{} is not a team server address: use https:// or no scheme.", shown(text)));
        } else {
            text
        };
        // A trailing slash is harmless; any other path is not part of a server's address.
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        if rest.contains(['/', '?', '#', '@']) || rest.chars().any(char::is_whitespace) {
            return Err(format!("{} is not a server address: write only the name and port, e.g. server.council.local:8443.", shown(text)));
        }
        let (host, port) = split_port(rest).ok_or_else(|| format!("{} is not a server address: the port must be a number from 1 to 65535.", shown(text)))?;
        let valid_host = !host.is_empty()
            && host.len() <= 253
            && (host.parse::<std::net::IpAddr>().is_ok() || host.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'));
        if !valid_host {
            return Err(format!("{} is not a server name or IP address.", shown(host)));
        }
        Ok(ServerAddress { host: host.to_ascii_lowercase(), port })
    }

    /// `https://host:port`, the origin every request goes to.
    pub fn origin(&self) -> String {
        format!("https://{self}")
    }
}

impl fmt::Display for ServerAddress {
    /// `host:port`, with brackets around an IPv6 address: also the key the desktop keeps a
    /// trusted fingerprint under.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
    }
}

/// `host:port`, `[v6]:port`, `host` or `[v6]` (port 443); None when a port is not a number 1-65535.
fn split_port(text: &str) -> Option<(&str, u16)> {
    let port_of = |p: &str| p.parse::<u16>().ok().filter(|&p| p != 0);
    if let Some(inner) = text.strip_prefix('[') {
        let (host, after) = inner.split_once(']')?;
        return match after {
            "" => Some((host, 443)),
            _ => Some((host, port_of(after.strip_prefix(':')?)?)),
        };
    }
    match text.matches(':').count() {
        0 => Some((text, 443)),
        1 => {
            let (host, port) = text.split_once(':')?;
            Some((host, port_of(port)?))
        }
        // A bare IPv6 address: no port can be told from it.
        _ => text.parse::<std::net::Ipv6Addr>().ok().map(|_| (text, 443)),
    }
}

/// At most 40 characters of what was typed, quoted.
fn shown(text: &str) -> String {
    let mut short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    format!("{short:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(typed: &str) -> String {
        ServerAddress::parse(typed).unwrap_or_else(|e| panic!("{typed}: {e}")).to_string()
    }

    #[test]
    fn addresses_are_read_as_people_type_them() {
        assert_eq!(ok("server.council.local:8443"), "server.council.local:8443");
        assert_eq!(ok("  https://Server.Council.Local:8443/ "), "server.council.local:8443");
        assert_eq!(ok("10.0.0.5"), "10.0.0.5:443");
        assert_eq!(ok("[::1]:9000"), "[::1]:9000");
        assert_eq!(ok("::1"), "[::1]:443");
        assert_eq!(ServerAddress::parse("127.0.0.1:8443").unwrap().origin(), "https://127.0.0.1:8443");
    }

    #[test]
    fn wrong_addresses_get_one_sentence() {
        for (typed, says) in [
            ("", "Type the team server's address"),
            ("http://server:8443", "only HTTPS"),
            ("ftp://server", "not a team server address"),
            ("server:99999", "port must be a number"),
            ("server:0", "port must be a number"),
            ("server:8443/api", "only the name and port"),
            ("user@server", "only the name and port"),
            ("ser ver", "only the name and port"),
            ("bad_name!:8443", "not a server name"),
        ] {
            let error = ServerAddress::parse(typed).expect_err(typed);
            assert!(error.contains(says), "{typed:?}: {error}");
            assert!(error.ends_with('.'), "one sentence: {error}");
        }
    }
}
