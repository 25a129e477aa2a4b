//! The contract's fixed lists (regions, scopes, usage primitives), so the UI does not keep its own copy.

use saasignal_contract::{billing, regions, scopes, validate};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RegionInfo {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    pub regions: Vec<RegionInfo>,
    pub default_region: String,
    pub known_scopes: Vec<String>,
    pub scope_families: Vec<String>,
    pub browser_ttl_min: u32,
    pub browser_ttl_max: u32,
    pub browser_ttl_default: u32,
    /// The usage counters, in the reference's order.
    pub primitives: Vec<String>,
    pub usage_warn_percent: f64,
    pub usage_alarm_percent: f64,
    pub billing_read_scope: String,
    pub free_plan_scope: String,
    /// The package the free-plan switch moves an org to.
    pub free_package_id: String,
}

pub fn catalog() -> Catalog {
    let as_u32 = |value: i64| u32::try_from(value).unwrap_or_default();
    Catalog {
        regions: regions::REGIONS
            .iter()
            .map(|region| RegionInfo {
                code: region.code.to_owned(),
                name: region.name.to_owned(),
            })
            .collect(),
        default_region: regions::DEFAULT_REGION.to_owned(),
        known_scopes: scopes::KNOWN_SCOPES
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
        scope_families: scopes::FAMILIES.iter().map(|s| (*s).to_owned()).collect(),
        browser_ttl_min: as_u32(validate::BROWSER_TTL_MIN),
        browser_ttl_max: as_u32(validate::BROWSER_TTL_MAX),
        browser_ttl_default: as_u32(validate::BROWSER_TTL_DEFAULT),
        primitives: billing::PRIMITIVES
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
        usage_warn_percent: billing::WARN_PERCENT,
        usage_alarm_percent: billing::ALARM_PERCENT,
        billing_read_scope: billing::BILLING_READ.to_owned(),
        free_plan_scope: billing::FREE_PLAN_SWITCH.to_owned(),
        free_package_id: billing::FREE_PACKAGE_ID.to_owned(),
    }
}

#[tauri::command]
pub async fn contract_catalog() -> Catalog {
    catalog()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_lists_the_eight_regions_and_the_ttl_bounds() {
        let catalog = catalog();
        assert_eq!(catalog.regions.len(), 8);
        assert_eq!(catalog.default_region, "enam");
        assert_eq!(
            (
                catalog.browser_ttl_min,
                catalog.browser_ttl_max,
                catalog.browser_ttl_default
            ),
            (60, 1800, 900)
        );
        assert!(catalog.known_scopes.iter().any(|s| s == "tokens:write"));
    }
}
