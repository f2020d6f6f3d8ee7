//! The organization a tenant host belongs to: its slug comes from the host name, its id (which
//! the tenant guard requires in `X-Molecule-Org-Id`) from `GET /cp/orgs/{slug}`. Loaded once per
//! page load by the API handle (`api::handle`).

use crate::api;
use molecule_sdk::{ApiError, Call, CallContext, calls, types::Organization};
use serde::de::DeserializeOwned;

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

    /// Sends a tenant operation for this org.
    pub async fn send<T: DeserializeOwned>(&self, call: Call<T>) -> Result<T, ApiError> {
        api::send_with(call, self.context()).await
    }
}

/// Loads the org of the tenant host `slug`.
pub async fn load(slug: String) -> Result<Tenant, ApiError> {
    let org = api::send(calls::get_org(&slug)).await?;
    Ok(Tenant { slug, org })
}

/// This host's tenant, for pages below the tenant layout (which only shows them on a tenant host).
pub fn use_tenant() -> crate::reactive::Res<Result<Tenant, ApiError>> {
    api::use_api()
        .tenant()
        .expect("tenant pages are only shown on a tenant host")
}
