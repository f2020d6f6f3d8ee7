//! Molecule Console: the browser console of the Molecule AI platform (Leptos CSR).
//!
//! Layout: `app` (providers + route table), `router` (addresses, history, nested layouts),
//! `config` (runtime hosts), `api` (the only module that talks to the network), `paths` (every
//! in-app URL), `session`, `components` (shared UI),
//! `pages/<area>/` (one route component per file).

pub mod api;
pub mod app;
pub mod components;
pub mod config;
pub mod download;
pub mod format;
pub mod layouts;
pub mod pages;
pub mod paths;
pub mod prefetch;
pub mod reactive;
pub mod roles;
pub mod router;
pub mod session;
pub mod tenant;
pub mod validate;
pub mod words;

pub use app::App;
