//! The mouse: moving it over an element the way a person does (WebDriver pointer
//! actions), for hover states such as a chart's tooltip.

use std::time::Duration;

use anyhow::{Result, anyhow};
use fantoccini::actions::{InputSource, MouseActions, PointerAction};

use super::app::{App, By, wd};

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
}
