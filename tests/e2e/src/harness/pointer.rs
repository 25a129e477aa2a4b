//! The mouse: moving it over an element the way a person does (WebDriver pointer
//! actions), for hover states such as a chart's tooltip or a table row's controls.

use std::time::Duration;

use anyhow::{Result, anyhow};
use fantoccini::actions::{InputSource, MouseActions, PointerAction};

use super::app::{App, By, wd};
use super::wait::{self, Check};

impl App {
    /// Moves the mouse to `(dx, dy)` pixels from the centre of the element `by` names.
    pub async fn hover(&self, by: impl Into<By>, dx: f64, dy: f64) -> Result<()> {
        let element = self.wait_for(by).await?;
        let client = self.client()?;
        let mouse = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
            element,
            duration: Some(Duration::from_millis(100)),
            x: dx,
            y: dy,
        });
        client.perform_actions(mouse).await.map_err(wd)
    }

    /// Clicks the control `testid` of the table row `row` as a person reaches it: the row
    /// scrolled into view and the mouse over it (a row's controls are laid out only on
    /// the row in use, `ui/src/ui/VirtualTable.svelte`), then over the control, then the
    /// click.
    pub async fn click_in_row(&self, row: impl Into<By>, testid: &str) -> Result<()> {
        let control = By::testid(testid).inside(row);
        let element = wait::until(format!("{control} to exist"), wait::UI, || async {
            Ok(match self.all(&control).await?.into_iter().next() {
                Some(element) => Check::Done(element),
                None => Check::Waiting("not in the page".into()),
            })
        })
        .await?;
        let row_centre = self
            .centre_of(
                &element,
                "const row = arguments[0].closest('[role=row]') ?? arguments[0];\
                 row.scrollIntoView({ block: 'nearest', inline: 'nearest' });\
                 return row;",
            )
            .await?
            .ok_or_else(|| anyhow!("the row of {control} is not drawn"))?;
        self.move_mouse_to(row_centre).await?;
        let control_centre = wait::until(format!("{control} to be drawn"), wait::UI, || async {
            Ok(
                match self
                    .centre_of(&element, "arguments[0].scrollIntoView({ block: 'nearest', inline: 'nearest' }); return arguments[0];")
                    .await?
                {
                    Some(centre) => Check::Done(centre),
                    None => Check::Waiting("not laid out (the row not in use?)".into()),
                },
            )
        })
        .await?;
        self.move_mouse_to(control_centre).await?;
        self.click(control).await
    }

    /// The viewport centre of the element `script` returns (given `element` as its
    /// argument); `None` while it has no box (`display: none`). Hidden controls cannot be
    /// a pointer target, so the mouse goes to where they are drawn.
    async fn centre_of(
        &self,
        element: &fantoccini::elements::Element,
        script: &str,
    ) -> Result<Option<(f64, f64)>> {
        let client = self.client()?;
        let centre = client
            .execute(
                &format!(
                    "const el = (() => {{ {script} }})();\
                     const r = el.getBoundingClientRect();\
                     if (r.width === 0 && r.height === 0) return null;\
                     return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];"
                ),
                vec![serde_json::to_value(element)?],
            )
            .await
            .map_err(wd)?;
        Ok(match (centre[0].as_f64(), centre[1].as_f64()) {
            (Some(x), Some(y)) => Some((x, y)),
            _ => None,
        })
    }

    async fn move_mouse_to(&self, (x, y): (f64, f64)) -> Result<()> {
        let client = self.client()?;
        let mouse = MouseActions::new("mouse".into()).then(PointerAction::MoveTo {
            duration: Some(Duration::from_millis(100)),
            x,
            y,
        });
        client.perform_actions(mouse).await.map_err(wd)
    }
}
