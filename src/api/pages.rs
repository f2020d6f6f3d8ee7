//! Reading every page of a list the platform pages with `limit`/`offset` (operator
//! organizations, invoices), so a page's search covers every row.

use molecule_sdk::ApiError;
use std::future::Future;

/// Calls `page(offset)` for `batch` rows at a time, from offset 0, until a page comes back
/// short or the total it reports is reached; returns every row in order. `page` yields a page's
/// rows and the total the platform reports (0 when it reports none).
pub async fn every_page<T, F, Fut>(batch: usize, mut page: F) -> Result<Vec<T>, ApiError>
where
    F: FnMut(usize) -> Fut,
    Fut: Future<Output = Result<(Vec<T>, usize), ApiError>>,
{
    let mut all = Vec::new();
    loop {
        let (rows, total) = page(all.len()).await?;
        let got = rows.len();
        all.extend(rows);
        if got < batch || all.len() >= total {
            return Ok(all);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::task::{Context, Poll, Waker};

    /// Runs a future that never waits (the pages below are ready at once).
    fn ready<T>(f: impl Future<Output = T>) -> T {
        let mut f = std::pin::pin!(f);
        match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(v) => v,
            Poll::Pending => panic!("the pages are ready at once"),
        }
    }

    #[test]
    fn reads_until_a_short_page_or_the_total() {
        let rows: Vec<u32> = (0..7).collect();
        let mut offsets = Vec::new();
        let got = ready(every_page(3, |offset| {
            offsets.push(offset);
            let page = rows.iter().copied().skip(offset).take(3).collect();
            async move { Ok((page, 7)) }
        }))
        .unwrap();
        assert_eq!(got, rows);
        assert_eq!(offsets, [0, 3, 6], "the short last page ends it");
        // Exactly full pages: the total ends it, without asking for an empty page.
        let mut calls = 0;
        let six = ready(every_page(3, |offset| {
            calls += 1;
            let page: Vec<usize> = (offset..(offset + 3).min(6)).collect();
            async move { Ok((page, 6)) }
        }))
        .unwrap();
        assert_eq!((six.len(), calls), (6, 2));
    }
}
