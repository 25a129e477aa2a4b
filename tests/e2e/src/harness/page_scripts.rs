//! The JavaScript the harness runs in the page.

/// Index of the first argument a person could see, or -1: `checkVisibility` covers
/// display:none, `hidden`, `visibility` and the content-visibility a closed `<details>`
/// uses (its content keeps layout boxes); a box is required too. The elements come as
/// separate arguments: WebKitWebDriver turns element references into nodes only there.
pub(super) const FIRST_VISIBLE: &str = r#"
for (let i = 0; i < arguments.length; i++) {
  const el = arguments[i];
  if (el.isConnected && el.getClientRects().length > 0
      && el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true })) return i;
}
return -1;"#;

/// Resolves after the next two animation frames, i.e. once the page has painted.
pub(super) const NEXT_PAINT: &str = "const done = arguments[arguments.length - 1];\n\
    requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";

pub(super) const INNER_TEXT: &str = "return arguments[0].innerText;";
