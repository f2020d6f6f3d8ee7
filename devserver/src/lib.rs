//! molecule-devserver: the local Molecule platform.

pub mod config;
pub mod error;
pub mod faults;
