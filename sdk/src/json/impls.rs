//! [`FromJson`] for the types the generated types are made of.

use super::{FromJson, JsonError, Reader};
use std::collections::BTreeMap;
use std::num::NonZeroU32;

impl FromJson for String {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        r.string().map(|s| s.into_owned())
    }
}

impl FromJson for bool {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        r.boolean()
    }
}

impl FromJson for i64 {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        r.integer()
    }
}

impl FromJson for i32 {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let n = r.integer()?;
        i32::try_from(n).map_err(|_| r.fail(format!("{n} is out of range")))
    }
}

impl FromJson for NonZeroU32 {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let n = r.integer()?;
        u32::try_from(n)
            .ok()
            .and_then(NonZeroU32::new)
            .ok_or_else(|| r.fail(format!("expected a whole number from 1, found {n}")))
    }
}

impl FromJson for f64 {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        r.float()
    }
}

impl FromJson for uuid::Uuid {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let text = r.string()?;
        // A fixed text, not uuid's own error: its wording (group counts and lengths) is not
        // worth the bytes its formatting adds to the first download.
        uuid::Uuid::try_parse(&text).map_err(|_| r.fail(format!("{text:?} is not a UUID")))
    }
}

/// `null` or the value.
impl<T: FromJson> FromJson for Option<T> {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        if r.null() {
            Ok(None)
        } else {
            T::read(r).map(Some)
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        r.array()?;
        let mut items = Vec::new();
        while r.item()? {
            items.push(T::read(r)?);
        }
        Ok(items)
    }
}

/// An object as a map; a repeated key keeps its last value (as serde's map decoding does).
impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        r.object()?;
        let mut map = BTreeMap::new();
        while let Some(key) = r.key()? {
            map.insert(key.into_owned(), T::read(r)?);
        }
        Ok(map)
    }
}

/// A success without a body the client reads: whatever the server sent (an empty body arrives
/// as `null`) is read past. More tolerant than serde's `()`, which takes only `null`: a server
/// that starts answering `{"ok":true}` where the contract says nothing breaks no client.
impl FromJson for () {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        r.skip()
    }
}

/// Free-form JSON (workspace configs, event payloads): numbers as serde_json makes them, an
/// integer as `u64` or `i64` when it fits, otherwise a float.
impl FromJson for serde_json::Value {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        use serde_json::{Number, Value};
        Ok(match r.peek() {
            Some(b'"') => Value::String(String::read(r)?),
            Some(b'{') => Value::Object(serde_json::Map::read(r)?),
            Some(b'[') => Value::Array(Vec::read(r)?),
            Some(b't' | b'f') => Value::Bool(r.boolean()?),
            _ if r.null() => Value::Null,
            _ => {
                let text = r.number()?;
                // serde_json reads `-0` as the float -0.0.
                let whole = !text.contains(['.', 'e', 'E']) && text != "-0";
                if let (true, Ok(n)) = (whole, text.parse::<u64>()) {
                    Value::from(n)
                } else if let (true, Ok(n)) = (whole, text.parse::<i64>()) {
                    Value::from(n)
                } else {
                    let x = super::to_f64(text).and_then(Number::from_f64);
                    Value::Number(x.ok_or_else(|| r.fail(format!("{text} is out of range")))?)
                }
            }
        })
    }
}

impl FromJson for serde_json::Map<String, serde_json::Value> {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        r.object()?;
        let mut map = serde_json::Map::new();
        while let Some(key) = r.key()? {
            let value = serde_json::Value::read(r)?;
            map.insert(key.into_owned(), value);
        }
        Ok(map)
    }
}
