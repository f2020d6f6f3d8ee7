//! The organization a tenant host belongs to: its slug comes from the host name, its id (which
//! the tenant guard requires in `X-Molecule-Org-Id`) from `GET /cp/orgs/{slug}`. Loaded once per
//! page load by the API handle (`api::handle`).

use crate::api;
use molecule_sdk::{ApiError, CallContext, calls, types::Organization};

/// The org of this tenant host.
#[derive(Clone, Debug, PartialEq)]
pub struct Tenant {
    pub slug: String,
    pub org: Organization,
}

impl Tenant {
    /// Context for tenant calls: routing headers for this org.
    pub fn context(&self) -> CallContext {
        api::tenant_context(&self.slug, &self.org.id.to_string())
    }
}

/// Loads the org of the tenant host `slug`.
pub async fn load(slug: String) -> Result<Tenant, ApiError> {
    let org = api::send(calls::get_org(&slug)).await?;
    Ok(Tenant { slug, org })
}
