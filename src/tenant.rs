//! The organization a tenant host belongs to: its slug comes from the host name, its id (which
//! the tenant guard requires in `X-Molecule-Org-Id`) from `GET /cp/orgs/{slug}`. Loaded once per
//! page load by the API handle (`api::handle`).

use crate::api;
use molecule_sdk::{ApiError, CallContext, calls, types::Organization};
use std::{future::Future, pin::Pin};

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

type TenantFuture = Pin<Box<dyn Future<Output = Result<Tenant, ApiError>>>>;

/// Loads the org of the tenant host `slug`. The API handle starts this at start-up, on tenant
/// hosts only, in parallel with the page's own code; the code that reads an org is itself a
/// small lazy chunk, so the main module (which the organizations list needs) does not carry it.
pub async fn load(slug: String) -> Result<Tenant, ApiError> {
    #[leptos::wasm_split::wasm_split(
        console_tenant_load,
        wasm_split_path = ::leptos::wasm_split,
        fallible
    )]
    fn loader(slug: String) -> Result<TenantFuture, leptos::wasm_split::SplitLoaderError> {
        Ok(Box::pin(async move {
            let org = api::send(calls::get_org(&slug)).await?;
            Ok(Tenant { slug, org })
        }))
    }
    match loader(slug).await {
        Ok(fetch) => fetch.await,
        // The chunk could not be fetched: offline, or a new deployment replaced it.
        Err(_) => Err(ApiError::from_transport(
            molecule_sdk::TransportError::Network("the console's code could not be loaded".into()),
        )),
    }
}
