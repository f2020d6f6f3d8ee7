//! Operator tier (`Authorization: Bearer <cp admin token>`, `/api/v1/admin/*`), one module per
//! concern: orgs, tenant instances (reads, teardown, scrub), lifecycle actions (redeploy, reboot,
//! volume migration), the fleet redeploy, workspace env, thin-AMI and runtime-image pins, and the
//! registry templates.
//!
//! Every action has a simulated effect later reads show: reboot/redeploy/migration add boot
//! events and make the instance busy for a few simulated seconds, redeploy changes the image tag,
//! teardown purges the org and all its tenant data, scrub empties the artifact list.

mod amis;
mod fleet;
mod images;
mod lifecycle;
mod lookup;
mod orgs;
mod templates;
mod tenants;
mod workspaces;

use crate::state::AppState;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(templates::routes())
        .merge(orgs::routes())
        .merge(tenants::routes())
        .merge(lifecycle::routes())
        .merge(fleet::routes())
        .merge(workspaces::routes())
        .merge(amis::routes())
        .merge(images::routes())
}
