//! The operator area's pages (below `layouts::operator`, which holds the admin-token gate):
//! every organization, one tenant, creating an org, the fleet rollout, runtime-image and
//! thin-AMI pins, and the template catalog. Each is its own address and its own lazy chunk;
//! every call carries the admin token through the API handle.

pub mod amis;
pub mod catalog;
pub mod catalog_form;
pub mod create_org;
pub mod fleet;
pub mod images;
pub mod maintenance;
pub mod orgs;
pub mod outcomes;
pub mod tenant;
pub mod tenant_facts;
