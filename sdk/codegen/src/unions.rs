//! Decoding the contract's `oneOf` unions without buffering.
//!
//! typify writes a `oneOf` as an enum with serde's `untagged`, whose derived decoder reads the
//! whole value into an intermediate tree and then tries each variant in turn. Where every
//! variant is a different kind of JSON value (text, an array, an object), the value's first
//! token already says which variant it is: the generated decoder here asks the decoder for any
//! value and decodes the one variant that kind belongs to, straight from the input. A union of
//! two object types (which only the fields can tell apart) keeps the derive.

use quote::quote;
use std::collections::BTreeSet;
use syn::{Fields, Item, Type};

/// The kind of JSON value a variant's type is decoded from.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    Text,
    Array,
    Object,
}

/// The kind a type decodes from, if the type alone says: `String`, `Vec<_>`, a JSON map, or
/// one of the file's structs.
pub(crate) fn kind_of(ty: &Type, structs: &BTreeSet<String>) -> Option<Kind> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?.ident.to_string();
    match last.as_str() {
        "String" => Some(Kind::Text),
        "Vec" => Some(Kind::Array),
        "Map" => Some(Kind::Object),
        name if p.path.segments.len() == 1 && structs.contains(name) => Some(Kind::Object),
        _ => None,
    }
}

/// The names of the file's structs (what `kind_of` takes for an object).
pub(crate) fn struct_names(file: &syn::File) -> BTreeSet<String> {
    file.items
        .iter()
        .filter_map(|it| match it {
            Item::Struct(s) => Some(s.ident.to_string()),
            _ => None,
        })
        .collect()
}

/// Gives every untagged enum whose variants are of distinct kinds a decoder that dispatches on
/// the kind (see the module's documentation).
pub fn by_kind(file: &mut syn::File) -> Result<(), String> {
    let structs = struct_names(file);
    let mut decoders: Vec<(usize, Item)> = Vec::new();
    for (at, item) in file.items.iter_mut().enumerate() {
        let Item::Enum(e) = item else { continue };
        let untagged = e
            .attrs
            .iter()
            .any(|a| a.path().is_ident("serde") && quote!(#a).to_string().contains("untagged"));
        if !untagged {
            continue;
        }
        let mut arms = Vec::new();
        for v in &e.variants {
            let Fields::Unnamed(f) = &v.fields else { break };
            let [field] = f.unnamed.iter().collect::<Vec<_>>()[..] else {
                break;
            };
            let Some(kind) = kind_of(&field.ty, &structs) else {
                break;
            };
            arms.push((kind, v.ident.clone()));
        }
        let kinds: BTreeSet<Kind> = arms.iter().map(|(k, _)| *k).collect();
        if arms.len() != e.variants.len() || kinds.len() != arms.len() {
            continue;
        }
        for attr in &mut e.attrs {
            crate::drop_derive(attr, "Deserialize")?;
        }
        let ident = &e.ident;
        let mut expected = Vec::new();
        let methods = arms.iter().map(|(kind, variant)| match kind {
            Kind::Text => {
                expected.push("text");
                quote! {
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::std::result::Result<Self::Value, E> {
                        ::std::result::Result::Ok(#ident::#variant(v.to_owned()))
                    }
                }
            }
            Kind::Array => {
                expected.push("an array");
                quote! {
                    fn visit_seq<A: ::serde::de::SeqAccess<'de>>(self, seq: A) -> ::std::result::Result<Self::Value, A::Error> {
                        ::serde::Deserialize::deserialize(::serde::de::value::SeqAccessDeserializer::new(seq)).map(#ident::#variant)
                    }
                }
            }
            Kind::Object => {
                expected.push("an object");
                quote! {
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, map: A) -> ::std::result::Result<Self::Value, A::Error> {
                        ::serde::Deserialize::deserialize(::serde::de::value::MapAccessDeserializer::new(map)).map(#ident::#variant)
                    }
                }
            }
        });
        let methods: Vec<_> = methods.collect();
        let expected = expected.join(" or ");
        let body: syn::Block = syn::parse_quote! {{
            struct ByKind;
            impl<'de> ::serde::de::Visitor<'de> for ByKind {
                type Value = #ident;

                fn expecting(&self, f: &mut ::std::fmt::Formatter) -> ::std::fmt::Result {
                    f.write_str(#expected)
                }

                #(#methods)*
            }
            deserializer.deserialize_any(ByKind)
        }};
        decoders.push((at + 1, decoder(ident, body)));
    }
    for (at, item) in decoders.into_iter().rev() {
        file.items.insert(at, item);
    }
    Ok(())
}

/// `impl Deserialize for ident`, its `deserialize` being `body` (with `deserializer` in scope).
pub(crate) fn decoder(ident: &syn::Ident, body: syn::Block) -> Item {
    syn::parse_quote! {
        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: ::serde::Deserializer<'de>,
            #body
        }
    }
}
