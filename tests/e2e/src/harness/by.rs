//! [`By`]: what a journey finds, a `data-testid` or CSS for the few places without one.

use std::fmt;

/// What to find: a `data-testid`, or CSS for the few places without one.
#[derive(Clone, Debug)]
pub struct By {
    css: String,
}

impl By {
    pub fn testid(id: &str) -> Self {
        Self {
            css: format!("[data-testid=\"{id}\"]"),
        }
    }

    pub fn css(css: &str) -> Self {
        Self {
            css: css.to_owned(),
        }
    }

    /// Narrows to elements that also carry `name="value"`.
    pub fn with_attr(mut self, name: &str, value: &str) -> Self {
        self.css.push_str(&format!("[{name}=\"{value}\"]"));
        self
    }

    /// Only matches inside `outer`.
    pub fn inside(self, outer: impl Into<By>) -> Self {
        Self {
            css: format!("{} {}", outer.into().css, self.css),
        }
    }

    pub fn as_css(&self) -> &str {
        &self.css
    }
}

impl From<&str> for By {
    fn from(testid: &str) -> Self {
        By::testid(testid)
    }
}

impl From<&By> for By {
    fn from(by: &By) -> Self {
        by.clone()
    }
}

impl fmt::Display for By {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.css)
    }
}
