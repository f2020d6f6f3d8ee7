//! The one way pages send requests: [`use_api`] gives a `Copy` handle whose [`Api::send`] picks
//! the credentials from the operation itself (its surface and security tiers), so no page
//! threads an org, a tenant or a token through props to make a call.
//!
//! - Operations that only an operator may call (`CpAdmin`), and any operation that accepts the
//!   operator's token when sent from the operator area, carry the admin bearer held in memory.
//! - Tenant operations go to this page's tenant host with the org routing headers; the org is
//!   loaded once per page load (started at start-up, in parallel with any page's code).
//! - Everything else goes through `/cp/*` on this origin with the session cookie.

use crate::{
    reactive::Res,
    tenant::{self, Tenant},
    words::{NOT_ON_TENANT, OPERATOR_TOKEN_REFUSED, console_error},
};
use leptos::prelude::*;
use molecule_sdk::json::FromJson;
use molecule_sdk::{ApiError, Call, CallContext, Operation, Surface, Tier};

/// Which area a handle serves: the operator area prefers the admin token where an operation
/// accepts both it and a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Area {
    Console,
    Operator,
}

/// The console's request handle (from context; `Copy`).
#[derive(Clone, Copy)]
pub struct Api {
    /// This host's organization; `None` when the page is not on a tenant host.
    tenant: Option<Res<Result<Tenant, ApiError>>>,
    /// The operator's admin token, in memory only.
    operator: RwSignal<Option<String>>,
    area: Area,
}

/// Creates the handle (and starts loading this host's org) and provides it.
pub fn provide_api() -> Api {
    let tenant = crate::config::Config::from_window()
        .host_slug
        .map(|slug| crate::reactive::resource(move || tenant::load(slug.clone())));
    let api = Api {
        tenant,
        operator: RwSignal::new(None),
        area: Area::Console,
    };
    provide_context(api);
    api
}

/// Provides, below the operator layout, a handle that prefers the admin token.
pub fn provide_operator_api() -> Api {
    let api = Api {
        area: Area::Operator,
        ..use_api()
    };
    provide_context(api);
    api
}

/// The handle from context.
pub fn use_api() -> Api {
    expect_context::<Api>()
}

fn accepts(op: &Operation, tier: Tier) -> bool {
    op.security.iter().any(|alt| alt.contains(&tier))
}

impl Api {
    /// Sends `call` with the credentials its operation takes.
    pub async fn send<T: FromJson>(self, call: Call<T>) -> Result<T, ApiError> {
        let op = call.op;
        let admin = self.uses_admin_token(op);
        let ctx = self.context_for(op, admin).await?;
        match super::send_with(call, ctx).await {
            Err(e) if admin && e.status == 401 => Err(console_error(401, OPERATOR_TOKEN_REFUSED)),
            other => other,
        }
    }

    /// This host's organization, when the page is on a tenant host.
    pub fn tenant(self) -> Option<Res<Result<Tenant, ApiError>>> {
        self.tenant
    }

    /// The operator's admin token (memory only).
    pub fn operator_token(self) -> RwSignal<Option<String>> {
        self.operator
    }

    /// Checks an operator's admin token against the control plane (listing the orgs) and holds
    /// it only once it is accepted.
    pub async fn unlock_operator(self, candidate: String) -> Result<(), ApiError> {
        let ctx = CallContext {
            bearer: Some(candidate.clone()),
            ..Default::default()
        };
        match super::send_with(molecule_sdk::calls::admin_list_orgs(), ctx).await {
            Ok(_) => {
                self.operator.set(Some(candidate));
                Ok(())
            }
            Err(e) if e.status == 401 => Err(console_error(401, OPERATOR_TOKEN_REFUSED)),
            Err(e) => Err(e),
        }
    }

    fn uses_admin_token(self, op: &Operation) -> bool {
        accepts(op, Tier::CpAdmin) && (self.area == Area::Operator || !accepts(op, Tier::Session))
    }

    async fn context_for(self, op: &Operation, admin: bool) -> Result<CallContext, ApiError> {
        if admin {
            let token = self
                .operator
                .get_untracked()
                .ok_or_else(|| console_error(401, OPERATOR_TOKEN_REFUSED))?;
            return Ok(CallContext {
                bearer: Some(token),
                ..Default::default()
            });
        }
        if op.surface == Surface::Tenant {
            let tenant = self
                .tenant
                .ok_or_else(|| console_error(400, NOT_ON_TENANT))?;
            return Ok(tenant.await?.context());
        }
        Ok(super::cp_context())
    }
}
