//! What every response of `hailong serve` carries, and which `Host` it answers.
//!
//! - **Headers.** Every response, whatever its handler, gets [`headers`]: a Content-Security-
//!   Policy that allows only the server's own stylesheet, script and images (and `data:`
//!   images), no inline script or style, no framing, no `<base>`, forms posted only to itself;
//!   `X-Frame-Options: DENY` for browsers without CSP; `nosniff`; and `Referrer-Policy:
//!   same-origin` (not `no-referrer`: under it browsers send `Origin: null` with a form's POST,
//!   which the same-origin check of POSTs would refuse).
//! - **DNS rebinding.** A server on this machine without accounts or a token trusts whoever can
//!   reach it, so a page of another site must not reach it under a name of its own that
//!   resolves to 127.0.0.1: such a server answers only requests whose `Host` is `127.0.0.1`,
//!   `localhost` or `[::1]` (any port), see [`loopback_host`].

/// The Content-Security-Policy of every response.
pub const CSP: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// The headers every response carries.
pub fn headers() -> [(String, String); 4] {
    [
        ("Content-Security-Policy".into(), CSP.into()),
        ("X-Frame-Options".into(), "DENY".into()),
        ("X-Content-Type-Options".into(), "nosniff".into()),
        ("Referrer-Policy".into(), "same-origin".into()),
    ]
}

/// Whether a `Host` header names this machine: `127.0.0.1`, `localhost` or `[::1]`, with or
/// without a port (and `localhost.`, written with the root's dot). A missing `Host` is not.
pub fn loopback_host(host: Option<&str>) -> bool {
    let Some(host) = host.map(str::trim) else {
        return false;
    };
    let name = if let Some(rest) = host.strip_prefix('[') {
        // "[::1]" or "[::1]:8080".
        match rest.split_once(']') {
            Some((inside, after)) if after.is_empty() || port(after) => {
                return inside == "::1";
            }
            _ => return false,
        }
    } else {
        match host.rsplit_once(':') {
            Some((name, p)) if port(&format!(":{p}")) => name,
            Some(_) => return false,
            None => host,
        }
    };
    matches!(
        name.to_ascii_lowercase().as_str(),
        "127.0.0.1" | "localhost" | "localhost."
    )
}

/// ":8080" (digits only, at least one).
fn port(s: &str) -> bool {
    s.strip_prefix(':')
        .is_some_and(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_machines_names_are_loopback_hosts() {
        for ok in [
            "127.0.0.1",
            "127.0.0.1:8080",
            "localhost",
            "LOCALHOST:1",
            "[::1]",
            "[::1]:8080",
        ] {
            assert!(loopback_host(Some(ok)), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:8080",
            "127.0.0.1.evil.example",
            "localhost.evil.example:80",
            "127.0.0.1:80x",
            "[::2]:80",
            "[::1]x",
            "10.0.0.1:8080",
            "",
        ] {
            assert!(!loopback_host(Some(bad)), "{bad}");
        }
        assert!(!loopback_host(None));
    }
}
