//! The organization a tenant host belongs to: its slug comes from the host name, its id (which
//! the tenant guard requires in `X-Molecule-Org-Id`) from `GET /cp/orgs/{slug}`.

use crate::{api, config::Config};
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

/// Loads the tenant of this host; `Ok(None)` when the console is not on a tenant host.
pub async fn load() -> Result<Option<Tenant>, ApiError> {
    let Some(slug) = Config::from_window().host_slug else {
        return Ok(None);
    };
    let org = api::send(calls::get_org(&slug)).await?;
    Ok(Some(Tenant { slug, org }))
}

/// A resource of this host's tenant, for pages that need it.
pub fn use_tenant() -> crate::reactive::Res<Result<Option<Tenant>, ApiError>> {
    crate::reactive::resource(load)
}
