//! Whether an HTTP request to one of our servers may change data: the rule that stops any web
//! page the user happens to visit from writing to AgendaPack through the loopback `agendapack
//! serve` (issue 14) or the team server `agendapack server` (issue 18), even when the browser
//! holds a valid session cookie. A pure function of the request's method and headers, so that
//! both servers apply the same rule, and so it is checked before a byte of the body is read.
//!
//! The rule, for a state-changing method (anything but GET, HEAD and OPTIONS):
//! - the `Origin` header, when present, must be one of the server's own origins (`http://` and a
//!   host for the loopback server, `https://` and the host for the team server);
//!   `null` (sandboxed frames, some redirects) is someone else;
//! - without `Origin`, a browser's `Sec-Fetch-Site` must say `same-origin` (or `none`: typed by
//!   the user); a client that sends neither is not a browser and so not a web page's puppet;
//! - the body must be declared `application/json`. Browsers let any page send `text/plain`,
//!   `application/x-www-form-urlencoded` and `multipart/form-data` across sites without asking
//!   the server first (an HTML form can do it), but never `application/json`, so this alone
//!   refuses every "simple" cross-site request even from a browser that sends no `Origin`.
//!
//! Deliberately not here: the Host check against DNS rebinding (the server knows its own
//! addresses), reading or limiting the body, and anything about which command is called.

/// Why a request is refused: each maps to one HTTP status and one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// 403: the request comes from another site.
    CrossSite,
    /// 415: the body is not declared as JSON.
    NotJson,
}

impl Refusal {
    pub fn status(self) -> u16 {
        match self {
            Refusal::CrossSite => 403,
            Refusal::NotJson => 415,
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Refusal::CrossSite => "This server accepts changes only from its own pages, not from another site.",
            Refusal::NotJson => "Commands must be sent as JSON (Content-Type: application/json).",
        }
    }
}

/// The headers the rule reads, as the request carried them (`None` when absent).
#[derive(Debug, Clone, Copy, Default)]
pub struct RequestHeaders<'a> {
    pub origin: Option<&'a str>,
    pub sec_fetch_site: Option<&'a str>,
    pub content_type: Option<&'a str>,
}

/// Whether a request to the loopback server may go on. `own_hosts` are the `host:port` values
/// the server answers to (the same list its Host check uses), so its own pages' Origin is
/// `http://` + one of them.
pub fn check(method: &str, headers: &RequestHeaders, own_hosts: &[String]) -> Result<(), Refusal> {
    let own_origins: Vec<String> = own_hosts.iter().map(|host| format!("http://{host}")).collect();
    check_origins(method, headers, &own_origins)
}

/// The same rule with the server's own origins written out whole (`https://host:port` for the
/// team server, which serves nothing over plain HTTP).
pub fn check_origins(method: &str, headers: &RequestHeaders, own_origins: &[String]) -> Result<(), Refusal> {
    if !changes_state(method) {
        return Ok(());
    }
    match headers.origin.map(str::trim) {
        Some(origin) => {
            if !own_origins.iter().any(|own| origin.eq_ignore_ascii_case(own)) {
                return Err(Refusal::CrossSite);
            }
        }
        None => {
            if let Some(site) = headers.sec_fetch_site.map(str::trim) {
                if !site.eq_ignore_ascii_case("same-origin") && !site.eq_ignore_ascii_case("none") {
                    return Err(Refusal::CrossSite);
                }
            }
        }
    }
    if !is_json(headers.content_type) {
        return Err(Refusal::NotJson);
    }
    Ok(())
}

/// GET, HEAD and OPTIONS are safe by HTTP's own definition; the server changes nothing on them.
fn changes_state(method: &str) -> bool {
    !["GET", "HEAD", "OPTIONS"].iter().any(|m| method.eq_ignore_ascii_case(m))
}

/// `application/json`, with or without parameters (`; charset=utf-8`), in any case.
fn is_json(content_type: Option<&str>) -> bool {
    let Some(value) = content_type else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("application/json")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own() -> Vec<String> {
        vec!["127.0.0.1:8320".into(), "localhost:8320".into()]
    }

    /// One case: method, Origin, Sec-Fetch-Site, Content-Type, and the expected outcome.
    fn check_case(method: &str, origin: Option<&str>, site: Option<&str>, content_type: Option<&str>, expect: Result<(), Refusal>) {
        let headers = RequestHeaders { origin, sec_fetch_site: site, content_type };
        assert_eq!(check(method, &headers, &own()), expect, "{method} origin={origin:?} site={site:?} type={content_type:?}");
    }

    #[test]
    fn own_pages_sending_json_may_write() {
        check_case("POST", Some("http://127.0.0.1:8320"), Some("same-origin"), Some("application/json"), Ok(()));
        check_case("POST", Some("http://LOCALHOST:8320"), None, Some("application/json; charset=utf-8"), Ok(()));
        // curl and the Rust tests send neither header: not a browser, so no other site behind it.
        check_case("POST", None, None, Some("application/json"), Ok(()));
        check_case("POST", None, Some("same-origin"), Some("application/json"), Ok(()));
    }

    #[test]
    fn another_site_is_refused_whatever_it_sends() {
        check_case("POST", Some("http://evil.example"), Some("cross-site"), Some("text/plain"), Err(Refusal::CrossSite));
        check_case("POST", Some("http://evil.example"), None, Some("application/json"), Err(Refusal::CrossSite));
        // A different port on the same machine is a different origin (another local app).
        check_case("POST", Some("http://127.0.0.1:9999"), None, Some("application/json"), Err(Refusal::CrossSite));
        check_case("POST", Some("https://127.0.0.1:8320"), None, Some("application/json"), Err(Refusal::CrossSite));
        // Sandboxed frames and data: pages send the opaque origin "null".
        check_case("POST", Some("null"), None, Some("application/json"), Err(Refusal::CrossSite));
        check_case("DELETE", None, Some("cross-site"), Some("application/json"), Err(Refusal::CrossSite));
        check_case("POST", None, Some("same-site"), Some("application/json"), Err(Refusal::CrossSite));
    }

    #[test]
    fn bodies_a_form_can_send_are_refused() {
        for form_type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"] {
            check_case("POST", None, None, Some(form_type), Err(Refusal::NotJson));
            check_case("POST", Some("http://127.0.0.1:8320"), None, Some(form_type), Err(Refusal::NotJson));
        }
        check_case("POST", None, None, None, Err(Refusal::NotJson));
        check_case("POST", None, None, Some("application/jsonx"), Err(Refusal::NotJson));
    }

    #[test]
    fn the_team_server_knows_only_its_https_origin() {
        let own = vec!["https://agendas.example.gov.uk:8443".to_string()];
        let check_team = |origin: Option<&str>, content_type: &str| {
            let headers = RequestHeaders { origin, sec_fetch_site: None, content_type: Some(content_type) };
            check_origins("POST", &headers, &own)
        };
        assert_eq!(check_team(Some("https://agendas.example.gov.uk:8443"), "application/json"), Ok(()), "its own page");
        // The same host over plain HTTP is another origin: the team server never serves it.
        assert_eq!(check_team(Some("http://agendas.example.gov.uk:8443"), "application/json"), Err(Refusal::CrossSite));
        assert_eq!(check_team(Some("https://agendas.example.gov.uk.evil.example:8443"), "application/json"), Err(Refusal::CrossSite));
        assert_eq!(check_team(Some("https://evil.example"), "text/plain"), Err(Refusal::CrossSite), "a foreign form post");
        assert_eq!(check_team(None, "text/plain"), Err(Refusal::NotJson), "a form post from a browser without Origin");
    }

    #[test]
    fn reading_is_not_checked() {
        check_case("GET", Some("http://evil.example"), Some("cross-site"), None, Ok(()));
        check_case("HEAD", None, None, None, Ok(()));
    }
}
