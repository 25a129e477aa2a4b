//! The regions a project can live in.

/// One deployment region: the code the API speaks and the name a person reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// The code sent over the wire, e.g. `enam`.
    pub code: &'static str,
    /// A human name, e.g. "Eastern North America".
    pub name: &'static str,
}

/// Every region the platform accepts, in the docs' order.
pub const REGIONS: &[Region] = &[
    Region {
        code: "wnam",
        name: "Western North America",
    },
    Region {
        code: "enam",
        name: "Eastern North America",
    },
    Region {
        code: "weur",
        name: "Western Europe",
    },
    Region {
        code: "eeur",
        name: "Eastern Europe",
    },
    Region {
        code: "apac",
        name: "Asia-Pacific",
    },
    Region {
        code: "oc",
        name: "Oceania",
    },
    Region {
        code: "afr",
        name: "Africa",
    },
    Region {
        code: "me",
        name: "Middle East",
    },
];

/// The region a project gets when its creator names none.
pub const DEFAULT_REGION: &str = "enam";

/// Looks a region up by its code.
pub fn find(code: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|region| region.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_region_is_listed() {
        assert_eq!(
            find(DEFAULT_REGION).map(|r| r.name),
            Some("Eastern North America")
        );
    }

    #[test]
    fn all_eight_codes_are_known() {
        let codes: Vec<_> = REGIONS.iter().map(|r| r.code).collect();
        assert_eq!(
            codes,
            ["wnam", "enam", "weur", "eeur", "apac", "oc", "afr", "me"]
        );
        assert!(find("us-east").is_none());
        assert!(find("ENAM").is_none());
    }
}
