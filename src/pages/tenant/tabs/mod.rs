//! The tabs of a workspace other than its overview (`pages::tenant::workspace`), each its own
//! address below `/console/workspaces/:id`. The layout (`layouts::workspace`) loads the
//! workspace and draws the tabs; each tab mounts the section components of its subject, which
//! load and fail on their own. Every tab rebuilds its sections when the address moves to
//! another workspace (the layout stays mounted then).

pub mod budget;
pub mod bundle;
pub mod plugins;
pub mod secrets;
pub mod settings;
pub mod tokens;
