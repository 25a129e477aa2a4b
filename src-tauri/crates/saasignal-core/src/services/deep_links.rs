//! Links into the app (`saasignal-admin://org/<org id>/<view>`), from another program or
//! the browser: read strictly, anything else refused, and opened in an account that has
//! the org cached (the open account first).

use serde::Serialize;

use crate::accounts::AccountId;
use crate::core::Core;
use crate::events::CoreEvent;

/// The scheme the bundles register for the app.
pub const SCHEME: &str = "saasignal-admin";

/// A screen of an org a link may open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LinkView {
    Projects,
    Members,
    Tokens,
    Browser,
    Usage,
    Activity,
    Settings,
}

impl LinkView {
    fn named(name: &str) -> Option<Self> {
        Some(match name {
            "projects" => Self::Projects,
            "members" => Self::Members,
            "tokens" => Self::Tokens,
            "browser-tokens" => Self::Browser,
            "usage" => Self::Usage,
            "activity" => Self::Activity,
            "settings" => Self::Settings,
            _ => return None,
        })
    }
}

/// What a link asks to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeepLink {
    pub org_id: String,
    pub view: LinkView,
}

/// Why a link was not opened, in words for the window.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkRefused {
    #[error(
        "This link is not one SaaSignal Admin opens: links look like saasignal-admin://org/<organization id>/tokens"
    )]
    Malformed,
    #[error(
        "No account in this app has the organization {0} cached: open it once, then try the link again"
    )]
    UnknownOrg(String),
}

/// The longest org id a link may carry (ids are short; anything longer is not one).
const MAX_ID: usize = 64;

/// Reads `saasignal-admin://org/<org id>/<view>` (a trailing slash allowed); anything else
/// is refused: another scheme, host or shape, a query or fragment, an id with characters
/// ids never have.
pub fn parse(link: &str) -> Result<DeepLink, LinkRefused> {
    // The link itself is neither shown nor logged: it came from outside and may carry
    // anything (a query with a token in it).
    let refused = || LinkRefused::Malformed;
    let rest = link
        .strip_prefix(SCHEME)
        .and_then(|rest| rest.strip_prefix("://org/"))
        .ok_or_else(refused)?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let mut parts = rest.split('/');
    let (Some(org_id), Some(view), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(refused());
    };
    let id_ok = !org_id.is_empty()
        && org_id.len() <= MAX_ID
        && org_id
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-');
    let view = LinkView::named(view)
        .filter(|_| id_ok)
        .ok_or_else(refused)?;
    Ok(DeepLink {
        org_id: org_id.to_owned(),
        view,
    })
}

/// The first argument that is a link to the app (how the OS hands one to a launch).
pub fn link_in<I: IntoIterator<Item = String>>(args: I) -> Option<String> {
    args.into_iter()
        .find(|arg| arg.starts_with(&format!("{SCHEME}:")))
}

impl Core {
    /// Opens `link` in the window (`CoreEvent::OpenView`), or says why not
    /// (`CoreEvent::LinkRefused`). The account is the open one if it has the org cached,
    /// else the first that has.
    pub fn open_link(&self, link: &str) {
        let event = match self.link_target(link) {
            Ok((account, target)) => CoreEvent::OpenView {
                account,
                org_id: target.org_id,
                view: target.view,
            },
            Err(refused) => {
                tracing::warn!(reason = %refused, "a link to the app was refused");
                CoreEvent::LinkRefused {
                    message: refused.to_string(),
                }
            }
        };
        self.emit(event);
    }

    fn link_target(&self, link: &str) -> Result<(AccountId, DeepLink), LinkRefused> {
        let target = parse(link)?;
        let book = self.accounts();
        let candidates = book
            .current
            .iter()
            .chain(book.accounts.iter().map(|account| &account.id));
        for account in candidates {
            match self.inner.cache.orgs(account.as_str()) {
                Ok(orgs) if orgs.data.iter().any(|org| org.id == target.org_id) => {
                    return Ok((account.clone(), target));
                }
                Ok(_) => {}
                Err(error) => {
                    tracing::warn!(%error, "a link's org was looked for in a cache that failed")
                }
            }
        }
        Err(LinkRefused::UnknownOrg(target.org_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_org_view_link_reads_and_nothing_else_does() {
        assert_eq!(
            parse("saasignal-admin://org/org_01H8Z/tokens"),
            Ok(DeepLink {
                org_id: "org_01H8Z".into(),
                view: LinkView::Tokens
            })
        );
        assert_eq!(
            parse("saasignal-admin://org/org_1/browser-tokens/").map(|link| link.view),
            Ok(LinkView::Browser)
        );
        for refused in [
            "https://org/org_1/tokens",
            "saasignal-admin://account/org_1/tokens",
            "saasignal-admin://org/org_1",
            "saasignal-admin://org//tokens",
            "saasignal-admin://org/org_1/tokens/extra",
            "saasignal-admin://org/org_1/keys",
            "saasignal-admin://org/org_1/tokens?x=1",
            "saasignal-admin://org/../tokens",
            "saasignal-admin://org/org%2F1/tokens",
            "saasignal-admin:org/org_1/tokens",
        ] {
            assert!(
                matches!(parse(refused), Err(LinkRefused::Malformed)),
                "{refused}"
            );
        }
        let long = format!("saasignal-admin://org/{}/tokens", "a".repeat(65));
        assert!(parse(&long).is_err());
    }

    #[test]
    fn the_link_is_found_among_a_launchs_arguments() {
        let args = ["saasignal-admin", "--flag", "saasignal-admin://org/o/usage"];
        assert_eq!(
            link_in(args.map(String::from)).as_deref(),
            Some("saasignal-admin://org/o/usage")
        );
        assert_eq!(link_in(["saasignal-admin".to_owned()]), None);
    }
}
