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
        let client = self
            .client
            .as_ref()
            .ok_or_else(|| anyhow!("the WebDriver session has ended"))?;
        let mouse = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
            element,
            duration: Some(Duration::from_millis(100)),
            x: dx,
            y: dy,
        });
        client.perform_actions(mouse).await.map_err(wd)
    }

    /// Clicks the control `testid` of the table row `row` as a person reaches it: the row
    /// scrolled into view, the mouse over the control (a row's controls show only on the
    /// row in use, `ui/src/ui/VirtualTable.svelte`), then the click.
    pub async fn click_in_row(&self, row: impl Into<By>, testid: &str) -> Result<()> {
        let control = By::testid(testid).inside(row);
        let element = wait::until(format!("{control} to exist"), wait::UI, || async {
            Ok(match self.all(&control).await?.into_iter().next() {
                Some(element) => Check::Done(element),
                None => Check::Waiting("not in the page".into()),
            })
        })
        .await?;
        let client = self
            .client
            .as_ref()
            .ok_or_else(|| anyhow!("the WebDriver session has ended"))?;
        // Hidden controls cannot be a pointer target: the mouse goes to where the control
        // is drawn, in the viewport's coordinates.
        let centre = client
            .execute(
                "const el = arguments[0];\
                 el.scrollIntoView({ block: 'nearest', inline: 'nearest' });\
                 const r = el.getBoundingClientRect();\
                 return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];",
                vec![serde_json::to_value(&element)?],
            )
            .await
            .map_err(wd)?;
        let (Some(x), Some(y)) = (centre[0].as_f64(), centre[1].as_f64()) else {
            return Err(anyhow!("{control} has no position: {centre}"));
        };
        let mouse = MouseActions::new("mouse".into()).then(PointerAction::MoveTo {
            duration: Some(Duration::from_millis(100)),
            x,
            y,
        });
        client.perform_actions(mouse).await.map_err(wd)?;
        self.click(control).await
    }
}
