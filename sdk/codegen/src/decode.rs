//! `decode.rs`: a [`FromJson`] decoder for every type of `types.rs` that serde can decode,
//! read off the same items and the same serde attributes (after `tolerate` and `by_kind`), so
//! the SDK's two decoders cannot drift apart by hand. What each attribute means here is what it
//! means to serde's derive:
//!
//! - a field named by `rename` is looked up by that key; any other key is skipped, or refused
//!   when the type has `deny_unknown_fields`; a key given twice is refused;
//! - a missing `Option` field is `None`; one with `deserialize_with = Option::deserialize`
//!   (typify's required-but-nullable field) must be present;
//! - `default` fills a missing field with the type's default, `default = "f"` with `f()`;
//!   `deserialize_with = null_as_default` also takes `null` as the default;
//! - any other field is required;
//! - an open enum or a constrained string (`FromStr` behind a hand-written `Deserialize`) is read
//!   as a string and parsed; a union of distinct kinds (`by_kind`) dispatches on the first
//!   byte; an `untagged` union of objects tries its variants in order.
//!
//! An item of any other shape stops the generator (so a new shape cannot be decoded wrongly).
//!
//! [`FromJson`]: ../../molecule_sdk/json/trait.FromJson.html

use crate::unions::{Kind, kind_of, struct_names};
use quote::{format_ident, quote};
use std::collections::BTreeSet;
use syn::{Fields, Item, Meta, punctuated::Punctuated};

/// The field attributes this generator reads (`skip_serializing_if` only concerns encoding);
/// any other stops it, so a new kind of field cannot be decoded differently from serde.
const FIELD_WORDS: [&str; 4] = [
    "rename",
    "default",
    "deserialize_with",
    "skip_serializing_if",
];

/// The serde attribute words of an item or field: `(name, value)`, the value empty for a flag.
fn serde_words(attrs: &[syn::Attribute]) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let metas = attr
            .parse_args_with(Punctuated::<Meta, syn::Token![,]>::parse_terminated)
            .map_err(|e| format!("serde attribute: {e}"))?;
        for meta in metas {
            let name = meta
                .path()
                .get_ident()
                .map(|i| i.to_string())
                .unwrap_or_default();
            let value = match &meta {
                Meta::NameValue(nv) => match &nv.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => s.value(),
                    _ => return Err(format!("serde attribute `{name}` has no string value")),
                },
                _ => String::new(),
            };
            out.push((name, value));
        }
    }
    Ok(out)
}

fn word<'a>(words: &'a [(String, String)], name: &str) -> Option<&'a str> {
    words
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn derives_deserialize(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .any(|a| a.path().is_ident("derive") && quote!(#a).to_string().contains("Deserialize"))
}

fn is_option(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Option"))
}

/// The body of `read` for a struct with named fields.
fn struct_body(st: &syn::ItemStruct) -> Result<proc_macro2::TokenStream, String> {
    let name = st.ident.to_string();
    let item_words = serde_words(&st.attrs)?;
    let Fields::Named(fields) = &st.fields else {
        return match &st.fields {
            Fields::Unnamed(f) if f.unnamed.len() == 1 => {
                Ok(quote! { FromJson::read(r).map(Self) })
            }
            _ => Err(format!(
                "{name}: a derived decoder for this struct shape is not supported"
            )),
        };
    };
    let mut slots = Vec::new();
    let mut arms = Vec::new();
    let mut inits = Vec::new();
    for (i, f) in fields.named.iter().enumerate() {
        let ident = f.ident.as_ref().ok_or("unnamed field")?;
        let words = serde_words(&f.attrs)?;
        let key = word(&words, "rename")
            .map(str::to_owned)
            .unwrap_or_else(|| ident.to_string().trim_start_matches("r#").to_owned());
        let slot = format_ident!("f{i}");
        slots.push(quote! { let mut #slot = ::std::option::Option::None; });
        arms.push(quote! { #key => field(r, &mut #slot, #key)?, });
        if let Some((other, _)) = words
            .iter()
            .find(|(w, _)| !FIELD_WORDS.contains(&w.as_str()))
        {
            return Err(format!(
                "{name}.{key}: serde attribute `{other}` is not supported"
            ));
        }
        let with = word(&words, "deserialize_with");
        let null_default = with == Some("crate::tolerant::null_as_default");
        let nullable = with.is_some_and(|w| w.ends_with("Option::deserialize"));
        let value = match (word(&words, "default"), with) {
            (Some(""), _) if nullable => quote! { #slot.unwrap_or_default() },
            (None, _) if nullable => quote! { need(r, #slot, #key)? },
            (Some(""), _) if null_default => quote! { #slot.flatten().unwrap_or_default() },
            (Some(""), None) => quote! { #slot.unwrap_or_default() },
            (Some(f), None) => {
                let f: syn::Path = syn::parse_str(f).map_err(|e| format!("{name}.{key}: {e}"))?;
                quote! { #slot.unwrap_or_else(types::#f) }
            }
            (None, _) if null_default => quote! { need(r, #slot, #key)?.unwrap_or_default() },
            (None, None) if is_option(&f.ty) => quote! { #slot.flatten() },
            (None, None) => quote! { need(r, #slot, #key)? },
            _ => {
                return Err(format!(
                    "{name}.{key}: unsupported field attributes {words:?}"
                ));
            }
        };
        inits.push(quote! { #ident: #value, });
    }
    if let Some((other, _)) = item_words.iter().find(|(w, _)| w != "deny_unknown_fields") {
        return Err(format!(
            "{name}: serde attribute `{other}` is not supported"
        ));
    }
    let other = if word(&item_words, "deny_unknown_fields").is_some() {
        quote! { other => return ::std::result::Result::Err(unknown_field(r, other)), }
    } else {
        quote! { _ => r.skip()?, }
    };
    Ok(quote! {
        #(#slots)*
        r.object()?;
        while let ::std::option::Option::Some(key) = r.key()? {
            match &*key {
                #(#arms)*
                #other
            }
        }
        ::std::result::Result::Ok(Self { #(#inits)* })
    })
}

/// The variants of an enum as `(variant, its one field's type)`.
fn variants(e: &syn::ItemEnum) -> Result<Vec<(&syn::Ident, &syn::Type)>, String> {
    e.variants
        .iter()
        .map(|v| match &v.fields {
            Fields::Unnamed(f) if f.unnamed.len() == 1 => Ok((&v.ident, &f.unnamed[0].ty)),
            _ => Err(format!(
                "{}: variant {} is not a one-field tuple",
                e.ident, v.ident
            )),
        })
        .collect()
}

/// A union whose variants are of different kinds: the first byte picks the variant.
fn by_kind_body(
    e: &syn::ItemEnum,
    structs: &BTreeSet<String>,
) -> Result<proc_macro2::TokenStream, String> {
    let mut arms = Vec::new();
    let mut expected = Vec::new();
    for (variant, ty) in variants(e)? {
        let (byte, what) = match kind_of(ty, structs) {
            Some(Kind::Text) => (b'"', "text"),
            Some(Kind::Array) => (b'[', "an array"),
            Some(Kind::Object) => (b'{', "an object"),
            None => return Err(format!("{}: variant {variant} has no kind", e.ident)),
        };
        expected.push(what);
        let byte = syn::LitByte::new(byte, proc_macro2::Span::call_site());
        arms.push(
            quote! { ::std::option::Option::Some(#byte) => FromJson::read(r).map(Self::#variant), },
        );
    }
    let expected = expected.join(" or ");
    Ok(quote! {
        match r.peek() {
            #(#arms)*
            _ => ::std::result::Result::Err(r.expected(#expected)),
        }
    })
}

/// An `untagged` union of same-kind variants: each is tried from the same place, in order.
fn untagged_body(e: &syn::ItemEnum) -> Result<proc_macro2::TokenStream, String> {
    let tries = variants(e)?.into_iter().map(|(variant, _)| {
        quote! {
            match FromJson::read(r) {
                ::std::result::Result::Ok(v) => return ::std::result::Result::Ok(Self::#variant(v)),
                ::std::result::Result::Err(_) => *r = start.clone(),
            }
        }
    });
    let msg = format!("the value matches none of the forms of {}", e.ident);
    Ok(quote! {
        let start = r.clone();
        #(#tries)*
        ::std::result::Result::Err(r.fail(#msg.into()))
    })
}

/// `decode.rs` for the final `types.rs` items.
pub fn gen_decode(file: &syn::File) -> Result<String, String> {
    let structs = struct_names(file);
    let enums: std::collections::BTreeMap<String, &syn::ItemEnum> = file
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Enum(e) => Some((e.ident.to_string(), e)),
            _ => None,
        })
        .collect();
    let mut impls = Vec::new();
    for item in &file.items {
        let (ident, body) = match item {
            Item::Struct(st) if derives_deserialize(&st.attrs) => (&st.ident, struct_body(st)?),
            Item::Enum(e) if derives_deserialize(&e.attrs) => {
                if serde_words(&e.attrs)? != [("untagged".to_string(), String::new())] {
                    return Err(format!("{}: only untagged enums derive a decoder", e.ident));
                }
                (&e.ident, untagged_body(e)?)
            }
            Item::Impl(imp)
                if imp.trait_.as_ref().is_some_and(|(_, t, _)| {
                    t.segments.last().is_some_and(|s| s.ident == "Deserialize")
                }) =>
            {
                let syn::Type::Path(ty) = &*imp.self_ty else {
                    continue;
                };
                let ident = &ty.path.segments.last().ok_or("impl without a type")?.ident;
                let text = quote!(#imp).to_string();
                let body = if text.contains("open_enum") || text.contains(". parse ()") {
                    quote! { parsed(r) }
                } else if text.contains("ByKind") {
                    let e = enums
                        .get(&ident.to_string())
                        .ok_or_else(|| format!("{ident}: no enum"))?;
                    by_kind_body(e, &structs)?
                } else {
                    return Err(format!(
                        "{ident}: a hand-written Deserialize this generator does not know"
                    ));
                };
                (ident, body)
            }
            _ => continue,
        };
        impls.push(quote! {
            impl FromJson for types::#ident {
                fn read(r: &mut Reader<'_>) -> ::std::result::Result<Self, JsonError> {
                    #body
                }
            }
        });
    }
    let file: syn::File = syn::parse2(quote! {
        use super::types;
        use crate::json::{FromJson, JsonError, Reader, field, need, parsed, unknown_field};
        #(#impls)*
    })
    .map_err(|e| format!("decode.rs does not parse: {e}"))?;
    Ok(format!(
        "{}\n//! A JSON decoder for every type in `types.rs` (see `crate::json` and `molecule-sdk-codegen`'s\n//! `decode` module).\n#![allow(clippy::all, clippy::pedantic, unused_imports)]\n\n{}",
        crate::HEADER,
        prettyplease::unparse(&file)
    ))
}
