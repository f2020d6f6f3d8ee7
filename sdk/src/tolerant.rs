//! Decoding helpers the generated types call (see `molecule_sdk_codegen::tolerate`).

use serde::{
    Deserialize, Deserializer,
    de::{Error, Visitor},
};
use std::{fmt, marker::PhantomData, str::FromStr};

/// A field with a default takes `null` as that default (Go sends `null` for a nil slice or map).
pub fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Decodes an open string enum (see `molecule_sdk_codegen::tolerate`) through its `FromStr`,
/// which keeps a value it does not know as `Unknown`: straight from the text the decoder holds,
/// with nothing buffered and nothing allocated for a value it knows.
pub fn open_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
    T::Err: fmt::Display,
{
    struct Text<T>(PhantomData<T>);
    impl<T> Visitor<'_> for Text<T>
    where
        T: FromStr,
        T::Err: fmt::Display,
    {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: Error>(self, v: &str) -> Result<T, E> {
            v.parse().map_err(E::custom)
        }
    }
    deserializer.deserialize_str(Text(PhantomData))
}
