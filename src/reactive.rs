//! Resources and actions compiled once, not once per call site and value type.
//!
//! `LocalResource::new` and `Action::new_local` are generic over the closure, its future and the
//! value, so every call site would compile its own copy of Leptos' async machinery into the
//! bundle. [`resource`] boxes the fetcher and stores every value as one erased type, so that
//! machinery exists once in the whole console; [`Res`] gives the typed view back. [`action`]
//! boxes the closure and the future (compiled once per input/output pair).

use leptos::prelude::*;
use std::{
    any::Any,
    future::{Future, IntoFuture},
    marker::PhantomData,
    pin::Pin,
    rc::Rc,
};

type BoxFut<T> = Pin<Box<dyn Future<Output = T>>>;
type ActionFn<I, O> = Rc<dyn Fn(&I) -> BoxFut<O>>;

/// A value of any type, shared (what every [`Res`] stores).
#[derive(Clone)]
struct Erased(Rc<dyn Any>);

/// A local resource of `T`: `get` (tracked, `None` while loading) and `.await`.
pub struct Res<T> {
    inner: LocalResource<Erased>,
    ty: PhantomData<fn() -> T>,
}

impl<T> Clone for Res<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Res<T> {}

impl<T: Clone + 'static> Res<T> {
    /// The current value, tracked; `None` while the first load is running.
    pub fn get(&self) -> Option<T> {
        self.inner.get().map(|v| typed(&v))
    }

    /// Reads the current value in place, tracked (`None` while the first load is running):
    /// for a large value that `get` would copy.
    pub fn with<R>(&self, f: impl FnOnce(Option<&T>) -> R) -> R {
        self.inner.with(|v| {
            f(v.as_ref().map(|v| {
                v.0.downcast_ref::<T>()
                    .expect("a resource holds the type it was created with")
            }))
        })
    }

    /// Loads again.
    pub fn refetch(&self) {
        self.inner.refetch();
    }
}

impl<T: Clone + 'static> IntoFuture for Res<T> {
    type Output = T;
    // Send, as `Suspend` requires (the resource's own future is; the value never crosses an await).
    type IntoFuture = Pin<Box<dyn Future<Output = T> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { typed(&self.inner.await) })
    }
}

fn typed<T: Clone + 'static>(v: &Erased) -> T {
    v.0.downcast_ref::<T>()
        .expect("a resource holds the type it was created with")
        .clone()
}

/// `LocalResource::new`, with the async machinery compiled once for the whole console.
pub fn resource<T, Fut, F>(fetcher: F) -> Res<T>
where
    T: 'static,
    Fut: Future<Output = T> + 'static,
    F: Fn() -> Fut + 'static,
{
    Res {
        inner: erased_resource(Rc::new(move || {
            let fut = fetcher();
            Box::pin(async move { Erased(Rc::new(fut.await)) }) as BoxFut<Erased>
        })),
        ty: PhantomData,
    }
}

#[allow(clippy::disallowed_methods)] // the one place it is created
fn erased_resource(fetcher: Rc<dyn Fn() -> BoxFut<Erased>>) -> LocalResource<Erased> {
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

#[allow(clippy::disallowed_methods)] // the one place it is created
fn boxed_action<I: 'static, O: 'static>(run: ActionFn<I, O>) -> Action<I, O> {
    Action::new_local(move |input: &I| run(input))
}
