//! Polling driven by data: re-run a resource on a timer only while the page says it should.

use gloo_timers::callback::Timeout;
use leptos::prelude::*;

/// Bumps `tick` after `interval()` milliseconds whenever `interval()` returns `Some`, and stops
/// as soon as it returns `None`. `interval` is reactive: it is re-evaluated when what it reads
/// changes (typically the resource that `tick` re-runs), so each load decides the next one.
/// The pending timer is cancelled when the owning component unmounts.
pub fn use_poll(tick: RwSignal<u32>, interval: impl Fn() -> Option<u32> + 'static) {
    let pending: StoredValue<Option<Timeout>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |_| {
        let next = interval();
        // Replacing the handle drops (cancels) any timer still pending.
        pending.set_value(
            next.map(|ms| Timeout::new(ms, move || tick.try_update(|t| *t += 1).unwrap_or(()))),
        );
    });
    on_cleanup(move || pending.set_value(None));
}
