//! Resources and actions with type-erased futures.
//!
//! `LocalResource::new` and `Action::new_local` are generic over the closure and its future, so
//! every call site would compile its own copy of Leptos' async machinery into the bundle. These
//! wrappers box the closure and the future, so the machinery is compiled once per value type
//! instead of once per call site (a large share of the wasm on a console with many pages).

use leptos::prelude::*;
use std::{future::Future, pin::Pin, rc::Rc};

type BoxFut<T> = Pin<Box<dyn Future<Output = T>>>;
type ActionFn<I, O> = Rc<dyn Fn(&I) -> BoxFut<O>>;

/// `LocalResource::new`, compiled once per `T`.
pub fn resource<T, Fut, F>(fetcher: F) -> LocalResource<T>
where
    T: 'static,
    Fut: Future<Output = T> + 'static,
    F: Fn() -> Fut + 'static,
{
    boxed_resource(Rc::new(move || Box::pin(fetcher()) as BoxFut<T>))
}

fn boxed_resource<T: 'static>(fetcher: Rc<dyn Fn() -> BoxFut<T>>) -> LocalResource<T> {
    LocalResource::new(move || fetcher())
}

/// `Action::new_local`, compiled once per input/output pair.
pub fn action<I, O, Fut, F>(run: F) -> Action<I, O>
where
    I: 'static,
    O: 'static,
    Fut: Future<Output = O> + 'static,
    F: Fn(&I) -> Fut + 'static,
{
    boxed_action(Rc::new(move |input: &I| Box::pin(run(input)) as BoxFut<O>))
}

fn boxed_action<I: 'static, O: 'static>(run: ActionFn<I, O>) -> Action<I, O> {
    Action::new_local(move |input: &I| run(input))
}
