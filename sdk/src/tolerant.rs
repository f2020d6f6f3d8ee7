//! Decoding helpers the generated types call (see `molecule_sdk_codegen::tolerate`).

use serde::{Deserialize, Deserializer};

/// A field with a default takes `null` as that default (Go sends `null` for a nil slice or map).
pub fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}
