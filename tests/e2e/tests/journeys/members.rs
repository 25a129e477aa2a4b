//! Members: invite a new email with the Read-only preset (pending on the sandbox until
//! that email signs up), the invitee signs up on the sandbox, a refresh from the command
//! palette shows them as a member with the invited scopes; their scopes change through
//! the Scopes dialog (added and removed shown before saving), then they are removed
//! after confirmation. Every change is checked on the server.

use std::collections::BTreeSet;

use anyhow::{Context, Result, bail, ensure};
use saasignal_e2e::harness::a11y::audit;
use saasignal_e2e::harness::scan::{self, Kind};
use saasignal_e2e::harness::wait::{self, Check};
use saasignal_e2e::{App, By, Journey};
use saasignal_sandbox::seed::DEMO_OWNER;
use saasignal_secret::Secret;

use saasignal_e2e::steps::{self, ServerView};

const NEWBIE_NAME: &str = "Newbie Tester";
/// Added and removed in the Scopes dialog (both are known scopes, so both have a box).
const ADDED: &str = "kv:write";
const REMOVED: &str = "projects:read";

saasignal_e2e::journey! { invite_a_new_member_edit_their_scopes_and_remove_them: "members_invite_edit_remove" => members }

async fn members(j: &mut Journey) -> Result<()> {
    let server = j.sandbox().await?;
    let view = ServerView::as_user(&server, DEMO_OWNER).await?;
    let acme = view.acme_id().await?;
    let email = format!(
        "newbie-{}@saasignal.dev",
        chrono::Utc::now().timestamp_millis()
    );
    let app = j.launch().await?;
    steps::sign_in_first(app, &server, DEMO_OWNER, "Owner").await?;
    app.click("tab-members").await?;
    app.wait_attr("members-table", "data-row-count", "3")
        .await?;
    app.step("members").await?;

    // Invite: a new email, the Read-only preset (its scopes are listed in the picker).
    app.click("member-invite").await?;
    app.wait_for("invite-dialog").await?;
    app.type_into("invite-email", &email).await?;
    app.click("invite-scopes-preset-readonly").await?;
    let summary = app
        .wait_text_contains(
            By::css("p.summary").inside("invite-scopes"),
            "Read access to:",
        )
        .await?;
    let invited = scope_set(summary.trim_start_matches("Read access to:"), ",");
    ensure!(
        invited.len() > 1 && invited.iter().all(|s| s.ends_with(":read")),
        "the Read-only preset lists {invited:?}"
    );
    ensure!(
        invited.contains(REMOVED) && !invited.contains(ADDED),
        "the Read-only preset ({invited:?}) does not suit the later edit"
    );
    app.step("invite-filled").await?;
    app.click("invite-submit").await?;
    app.wait_gone("invite-dialog").await?;
    app.wait_text_contains("notice", &format!("Invitation sent to {email}"))
        .await?;

    // Pending: waiting on the sandbox with those scopes; no member yet, here or there.
    let Some(pending) = server.pending_invite(&email)? else {
        bail!("the sandbox holds no invitation for {email}");
    };
    ensure!(
        pending.iter().cloned().collect::<BTreeSet<_>>() == invited,
        "the sandbox's invitation has scopes {pending:?}, the dialog chose {invited:?}"
    );
    ensure!(
        find_member(&view, &acme, &email).await?.is_none(),
        "{email} is a member before signing up"
    );
    app.wait_attr("members-table", "data-row-count", "3")
        .await?;
    ensure!(
        !app.texts("member-row")
            .await?
            .iter()
            .any(|row| row.contains(&email)),
        "{email} is listed as a member while the invitation is pending"
    );
    // The app remembers what it sent: "Invited · pending" (the API lists no invites).
    let sent = By::testid("sent-invite").with_attr("data-email", &email);
    app.wait_attr(sent.clone(), "data-state", "pending").await?;
    app.step("invite-pending").await?;

    // The invitee signs up on the sandbox: the invitation becomes a membership.
    let password = format!("newbie-password-{}", std::process::id());
    scan::remember(Kind::Password, format!("password of {email}"), &password);
    let signed_up = server
        .client()?
        .sign_up_email(NEWBIE_NAME, &email, &Secret::new(password.as_str()))
        .await
        .map_err(|error| anyhow::anyhow!("sign-up of {email} on the sandbox: {error}"))?;
    scan::remember(
        Kind::SessionToken,
        format!("API sign-up of {email}"),
        signed_up.token.expose(),
    );
    let user_id = signed_up.user.id.clone();
    ensure!(
        server.pending_invite(&email)?.is_none(),
        "the invitation still waits after the sign-up"
    );
    let joined = find_member(&view, &acme, &email)
        .await?
        .with_context(|| format!("{email} is no member on the sandbox after signing up"))?;
    ensure!(
        joined.user_id == user_id && scope_set_of(&joined.scopes) == invited,
        "on the sandbox {email} joined as {} with {:?} (expected {user_id} with {invited:?})",
        joined.user_id,
        joined.scopes
    );

    // The app reads the list again on "Refresh from the server" (command palette).
    steps::refresh_from_palette(app).await?;
    let row = By::testid("member-row").with_attr("data-key", &user_id);
    app.wait_text_contains(row.clone(), &email).await?;
    app.wait_attr("members-table", "data-row-count", "4")
        .await?;
    wait_row_scopes(app, &row, &invited).await?;
    app.wait_attr(sent.clone(), "data-state", "accepted")
        .await?;
    app.step("member-joined").await?;
    app.click(By::testid("sent-invite-forget").inside(sent.clone()))
        .await?;
    app.wait_gone(sent).await?;

    // Scopes: Custom, add one and remove one; the dialog shows both before saving.
    app.click_in_row(row.clone(), "member-edit").await?;
    app.wait_for("edit-scopes-dialog").await?;
    app.wait_text_contains("edit-scopes-diff", "No changes yet")
        .await?;
    audit(app, "the edit-scopes dialog").await?;
    app.wait_enabled("edit-scopes-submit", false).await?;
    app.click("edit-scopes-preset-custom").await?;
    app.click(format!("edit-scopes-scope-{ADDED}").as_str())
        .await?;
    app.click(format!("edit-scopes-scope-{REMOVED}").as_str())
        .await?;
    app.wait_text_contains("edit-scopes-added", ADDED).await?;
    app.wait_text_contains("edit-scopes-removed", REMOVED)
        .await?;
    let added = app.text("edit-scopes-added").await?;
    let removed = app.text("edit-scopes-removed").await?;
    ensure!(
        !added.contains(REMOVED) && !removed.contains(ADDED),
        "the change reads: {added:?} / {removed:?}"
    );
    app.wait_enabled("edit-scopes-submit", true).await?;
    app.step("scopes-change-shown").await?;
    app.click("edit-scopes-submit").await?;
    app.wait_gone("edit-scopes-dialog").await?;
    let mut expected = invited.clone();
    expected.remove(REMOVED);
    expected.insert(ADDED.to_owned());
    wait_row_scopes(app, &row, &expected).await?;
    let changed = find_member(&view, &acme, &email)
        .await?
        .with_context(|| format!("{email} is no member on the sandbox after the edit"))?;
    ensure!(
        scope_set_of(&changed.scopes) == expected,
        "on the sandbox {email} has {:?} after the edit (expected {expected:?})",
        changed.scopes
    );
    app.step("scopes-saved").await?;

    // Remove, after confirming.
    app.click_in_row(row.clone(), "member-remove").await?;
    app.wait_text_contains("remove-member-dialog", &email)
        .await?;
    app.step("remove-confirm").await?;
    app.click("remove-member-dialog-confirm").await?;
    app.wait_gone("remove-member-dialog").await?;
    app.wait_text_contains("notice", &format!("{email} was removed"))
        .await?;
    app.wait_count(row, 0).await?;
    app.wait_attr("members-table", "data-row-count", "3")
        .await?;
    ensure!(
        find_member(&view, &acme, &email).await?.is_none(),
        "{email} is still a member on the sandbox after removal"
    );
    app.step("removed").await
}

/// Waits until the row's scope chips (their tooltip lists every scope) hold `expected`.
async fn wait_row_scopes(app: &App, row: &By, expected: &BTreeSet<String>) -> Result<()> {
    let chips = By::css(".chips").inside(row);
    let want = expected.iter().cloned().collect::<Vec<_>>().join(", ");
    wait::until(
        format!("{row} to list the scopes {want}"),
        wait::UI,
        || async {
            let Some(element) = app.visible(&chips).await? else {
                return Ok(Check::Waiting("no scope chips displayed".into()));
            };
            let title = element.attr("title").await?.unwrap_or_default();
            Ok(if scope_set(&title, ",") == *expected {
                Check::Done(())
            } else {
                Check::Waiting(format!("{title:?}"))
            })
        },
    )
    .await
}

/// A member as the server lists them: user id and scopes.
struct OnServer {
    user_id: String,
    scopes: Vec<String>,
}

/// The member with `email` in the org, as the server lists them.
async fn find_member(view: &ServerView, org_id: &str, email: &str) -> Result<Option<OnServer>> {
    Ok(view
        .client
        .list_members(&view.token, org_id)
        .await?
        .into_iter()
        .find(|member| member.email.eq_ignore_ascii_case(email))
        .map(|member| OnServer {
            user_id: member.user_id,
            scopes: member.scopes,
        }))
}

/// A list of scopes split on `separator`, trimmed, as a set.
fn scope_set(list: &str, separator: &str) -> BTreeSet<String> {
    list.split(separator)
        .map(str::trim)
        .filter(|scope| !scope.is_empty())
        .map(str::to_owned)
        .collect()
}

fn scope_set_of(scopes: &[String]) -> BTreeSet<String> {
    scopes.iter().cloned().collect()
}
