//! The SDK's JSON reader: what every response is decoded with, through the generated
//! [`FromJson`] impls (`generated/decode.rs`, written by `molecule-sdk-codegen` from the same
//! types and the same tolerance rules as their serde derives).
//!
//! Why not serde_json: a browser client pays for decoding code in its download. serde's derive
//! writes a visitor per type (a field visitor, a map visitor and a sequence visitor JSON never
//! uses) and each is instantiated for serde_json's deserializer; the console's first page carried
//! about 36 KB of that code for three types. Here the reading is one non-generic [`Reader`]
//! (whitespace, strings with their escapes, number syntax, nesting) and each type's decoder is a
//! loop over its keys. serde stays for encoding request bodies and for native code (the
//! devserver decodes requests with it); a differential test holds the two decoders to the same
//! answers on the contract's examples and on mutations of them.
//!
//! Semantics follow serde_json and serde's derive: a required field must be present (a missing
//! `Option` field is `None` unless it is required-nullable), a field may not appear twice,
//! unknown fields are skipped unless the type denies them, integers must be integers in range,
//! strings must be valid JSON strings (no raw control characters, no lone surrogates), nesting
//! is limited to 128 levels, and nothing but whitespace may follow the value.

mod impls;

use std::borrow::Cow;
use std::fmt;

/// How deep objects and arrays may nest (127 levels, as in serde_json): a hostile body cannot
/// exhaust the stack.
const MAX_DEPTH: u32 = 127;

/// Why a body could not be decoded, and where (line and column, as serde_json reports them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    what: String,
    line: usize,
    column: usize,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.what, self.line, self.column
        )
    }
}

impl std::error::Error for JsonError {}

/// A type the generated code (or this module) can read from JSON.
pub trait FromJson: Sized {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError>;
}

/// Decodes a whole text as `T`: the value, then nothing but whitespace.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, JsonError> {
    let mut r = Reader::new(text);
    let value = T::read(&mut r)?;
    match r.peek() {
        None => Ok(value),
        Some(_) => Err(r.fail("trailing characters".into())),
    }
}

/// A position in a JSON text. The methods read one token or one value and leave the reader
/// after it; on an error the position is where the reading stopped.
#[derive(Clone)]
pub struct Reader<'a> {
    text: &'a str,
    at: usize,
    depth: u32,
    /// Just inside `{` or `[`: the next key or item takes no comma.
    fresh: bool,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            at: 0,
            depth: 0,
            fresh: false,
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The next byte after whitespace, which is skipped.
    pub fn peek(&mut self) -> Option<u8> {
        while let Some(&b) = self.bytes().get(self.at) {
            if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                return Some(b);
            }
            self.at += 1;
        }
        None
    }

    /// An error at the current position.
    #[cold]
    pub fn fail(&self, what: String) -> JsonError {
        let before = &self.text[..self.at.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = self.at - before.rfind('\n').map_or(0, |n| n + 1) + 1;
        JsonError { what, line, column }
    }

    /// "expected X, found Y", Y being the kind of the value that is there.
    #[cold]
    pub fn expected(&mut self, what: &str) -> JsonError {
        let found = match self.peek() {
            None => "the end of the text",
            Some(b'"') => "a string",
            Some(b'{') => "an object",
            Some(b'[') => "an array",
            Some(b't' | b'f') => "a boolean",
            Some(b'n') => "null",
            Some(b'-' | b'0'..=b'9') => "a number",
            Some(_) => "an invalid character",
        };
        self.fail(format!("expected {what}, found {found}"))
    }

    fn word(&mut self, word: &str) -> bool {
        let found = self.text[self.at..].starts_with(word);
        if found {
            self.at += word.len();
        }
        found
    }

    /// Takes a `null` if one is next.
    pub fn null(&mut self) -> bool {
        self.peek() == Some(b'n') && self.word("null")
    }

    pub fn boolean(&mut self) -> Result<bool, JsonError> {
        match self.peek() {
            Some(b't') if self.word("true") => Ok(true),
            Some(b'f') if self.word("false") => Ok(false),
            _ => Err(self.expected("true or false")),
        }
    }

    /// The text of a number, checked against JSON's grammar.
    pub fn number(&mut self) -> Result<&'a str, JsonError> {
        self.peek();
        let start = self.at;
        let b = self.bytes();
        let digits = |at: &mut usize| {
            let from = *at;
            while b.get(*at).is_some_and(u8::is_ascii_digit) {
                *at += 1;
            }
            *at > from
        };
        let mut at = start;
        if b.get(at) == Some(&b'-') {
            at += 1;
        }
        let int_from = at;
        let mut ok = digits(&mut at) && (b[int_from] != b'0' || at == int_from + 1);
        if ok && b.get(at) == Some(&b'.') {
            at += 1;
            ok = digits(&mut at);
        }
        if ok && matches!(b.get(at), Some(b'e' | b'E')) {
            at += 1;
            if matches!(b.get(at), Some(b'+' | b'-')) {
                at += 1;
            }
            ok = digits(&mut at);
        }
        if !ok {
            return Err(self.expected("a number"));
        }
        self.at = at;
        Ok(&self.text[start..at])
    }

    /// A whole number that fits an `i64` (a fraction or exponent is refused, as serde does).
    pub fn integer(&mut self) -> Result<i64, JsonError> {
        let text = self.number()?;
        // serde_json reads `-0` as the float -0.0, which no integer field takes.
        if text.contains(['.', 'e', 'E']) || text == "-0" {
            return Err(self.fail(format!("expected an integer, found {text}")));
        }
        text.parse()
            .map_err(|_| self.fail(format!("{text} is out of range")))
    }

    /// A number as the nearest `f64` (see [`to_f64`]); out of range is an error, as in
    /// serde_json.
    pub fn float(&mut self) -> Result<f64, JsonError> {
        let text = self.number()?;
        to_f64(text).ok_or_else(|| self.fail(format!("{text} is out of range")))
    }

    /// A string, borrowed from the text when it has no escapes.
    pub fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        if self.peek() != Some(b'"') {
            return Err(self.expected("a string"));
        }
        self.at += 1;
        let start = self.at;
        let b = self.bytes();
        let mut owned: Option<String> = None;
        let mut run = start;
        loop {
            match b.get(self.at) {
                None => return Err(self.fail("unterminated string".into())),
                Some(b'"') => {
                    let tail = &self.text[run..self.at];
                    self.at += 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(tail),
                        Some(mut s) => {
                            s.push_str(tail);
                            Cow::Owned(s)
                        }
                    });
                }
                Some(b'\\') => {
                    let chunk = &self.text[run..self.at];
                    self.at += 1;
                    let c = self.escape()?;
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(chunk);
                    s.push(c);
                    run = self.at;
                }
                Some(0..=0x1f) => return Err(self.fail("control character in a string".into())),
                Some(_) => self.at = plain_end(b, self.at + 1),
            }
        }
    }

    /// Reads past a string that is not kept (see [`Reader::skip`]).
    fn skip_string(&mut self) -> Result<(), JsonError> {
        if self.peek() != Some(b'"') {
            return Err(self.expected("a string"));
        }
        let b = self.bytes();
        self.at += 1;
        loop {
            self.at = plain_end(b, self.at);
            match b.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.at += 1;
                    match b.get(self.at) {
                        Some(b'u') => {
                            self.at += 1;
                            self.hex4()?;
                        }
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                            self.at += 1
                        }
                        _ => return Err(self.fail("invalid escape".into())),
                    }
                }
                None => return Err(self.fail("unterminated string".into())),
                Some(_) => return Err(self.fail("control character in a string".into())),
            }
        }
    }

    /// One escape, the backslash already read.
    fn escape(&mut self) -> Result<char, JsonError> {
        let c = match self.bytes().get(self.at) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.at += 1;
                let hi = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&hi) {
                    if !self.word("\\u") {
                        return Err(self.fail("lone leading surrogate".into()));
                    }
                    let lo = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return Err(self.fail("lone leading surrogate".into()));
                    }
                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                } else {
                    hi
                };
                return char::from_u32(code)
                    .ok_or_else(|| self.fail("lone trailing surrogate".into()));
            }
            _ => return Err(self.fail("invalid escape".into())),
        };
        self.at += 1;
        Ok(c)
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self
                .bytes()
                .get(self.at)
                .and_then(|&b| char::from(b).to_digit(16));
            code = code * 16 + digit.ok_or_else(|| self.fail("invalid \\u escape".into()))?;
            self.at += 1;
        }
        Ok(code)
    }

    fn open(&mut self, brace: u8, what: &str) -> Result<(), JsonError> {
        if self.peek() != Some(brace) {
            return Err(self.expected(what));
        }
        if self.depth == MAX_DEPTH {
            return Err(self.fail("nested too deeply".into()));
        }
        self.at += 1;
        self.depth += 1;
        self.fresh = true;
        Ok(())
    }

    /// True when the container ends here (and leaves it); otherwise takes the comma that must
    /// come before every entry but the first.
    fn close(&mut self, brace: u8) -> Result<bool, JsonError> {
        let b = self.peek();
        if b == Some(brace) {
            self.at += 1;
            self.depth -= 1;
            self.fresh = false;
            return Ok(true);
        }
        if !std::mem::take(&mut self.fresh) {
            if b != Some(b',') {
                return Err(self.expected(if brace == b'}' {
                    "`,` or `}`"
                } else {
                    "`,` or `]`"
                }));
            }
            self.at += 1;
        }
        Ok(false)
    }

    /// Enters an object; then [`Reader::key`] until it returns `None`.
    pub fn object(&mut self) -> Result<(), JsonError> {
        self.open(b'{', "an object")
    }

    /// The next key of the object (its value comes next), or `None` at its end.
    pub fn key(&mut self) -> Result<Option<Cow<'a, str>>, JsonError> {
        if self.close(b'}')? {
            return Ok(None);
        }
        let key = self.string()?;
        if self.peek() != Some(b':') {
            return Err(self.expected("`:`"));
        }
        self.at += 1;
        Ok(Some(key))
    }

    /// Enters an array; then [`Reader::item`] before each item until it returns false.
    pub fn array(&mut self) -> Result<(), JsonError> {
        self.open(b'[', "an array")
    }

    /// True when another item follows.
    pub fn item(&mut self) -> Result<bool, JsonError> {
        Ok(!self.close(b']')?)
    }

    /// Reads past one value of any kind. As serde_json does for a value it ignores, its
    /// strings (keys included) are checked for form but not for paired surrogates, and its
    /// numbers for syntax only. Unlike serde_json, the nesting limit holds here too.
    pub fn skip(&mut self) -> Result<(), JsonError> {
        match self.peek() {
            Some(b'"') => self.skip_string(),
            Some(b'{') => {
                self.object()?;
                while !self.close(b'}')? {
                    self.skip_string()?;
                    if self.peek() != Some(b':') {
                        return Err(self.expected("`:`"));
                    }
                    self.at += 1;
                    self.skip()?;
                }
                Ok(())
            }
            Some(b'[') => {
                self.array()?;
                while self.item()? {
                    self.skip()?;
                }
                Ok(())
            }
            Some(b't' | b'f') => self.boolean().map(drop),
            _ if self.null() => Ok(()),
            _ => self.number().map(drop),
        }
    }
}

/// Where the run of ordinary string bytes from `at` ends: at the first `"`, `\\` or control
/// character, or at the end. Eight bytes at a time (most of a large list is text): in a word
/// `w`, a byte equal to zero sets its top bit in `(w - 0x0101…) & !w`, and so does a byte below
/// `n` in `(w - n·0x0101…) & !w`; a borrow can only mark bytes above one that is truly found, so
/// the lowest mark is exact.
fn plain_end(b: &[u8], mut at: usize) -> usize {
    const ONES: u64 = u64::MAX / 255;
    const TOPS: u64 = ONES << 7;
    while let Some(word) = b.get(at..at + 8) {
        let w = u64::from_le_bytes(word.try_into().unwrap_or_default());
        let quote = w ^ (ONES * u64::from(b'"'));
        let backslash = w ^ (ONES * u64::from(b'\\'));
        let found = (w.wrapping_sub(ONES * 0x20) & !w
            | quote.wrapping_sub(ONES) & !quote
            | backslash.wrapping_sub(ONES) & !backslash)
            & TOPS;
        if found != 0 {
            return at + found.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    while b
        .get(at)
        .is_some_and(|&c| c != b'"' && c != b'\\' && c >= 0x20)
    {
        at += 1;
    }
    at
}

/// Exact powers of ten as `f64` (10^22 is the largest one a double holds exactly).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The value of a JSON number's text (already checked by [`Reader::number`]: other text may
/// panic), `None` when it is too large for an `f64`.
///
/// Not `str::parse`: the standard library's float parser carries a 10 KB table of powers of
/// five into every download that reads a number with a fraction. Instead: the first 19
/// significant digits as an integer `m` and a power of ten `e`. When no non-zero digit was
/// dropped, `m` is at most 2^53 and `e` within ±22, both are exact doubles and one
/// multiplication or division rounds once, so the result is the correctly rounded value
/// (Clinger's fast path): that covers the prices, shares and measurements an API sends.
/// Beyond it (more significant digits, or magnitudes beyond 1e±22 that cannot be rewritten
/// into the range) the result may be a few units off in the last place, as serde_json's own
/// reading may be, though not always in the same units; a number within a few units of the
/// largest double may be taken as out of range.
pub(crate) fn to_f64(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    let negative = b.first() == Some(&b'-');
    let (mut m, mut e, mut fraction, mut dropped) = (0u64, 0i32, false, false);
    let mut i = usize::from(negative);
    while let Some(&c) = b.get(i) {
        match c {
            b'.' => fraction = true,
            b'0'..=b'9' if m < 1_000_000_000_000_000_000 => {
                m = m * 10 + u64::from(c - b'0');
                e -= i32::from(fraction);
            }
            b'0'..=b'9' => {
                e += i32::from(!fraction);
                dropped |= c != b'0';
            }
            _ => break,
        }
        i += 1;
    }
    if i < b.len() {
        let exp = &text[i + 1..];
        let (sign, digits) = match exp.as_bytes()[0] {
            b'-' => (-1, &exp[1..]),
            b'+' => (1, &exp[1..]),
            _ => (1, exp),
        };
        // A longer exponent is out of range either way (or zero).
        let n: i32 = digits.parse().unwrap_or(99_999).min(99_999);
        e = e.saturating_add(sign * n);
    }
    // Exact rewrites that bring more numbers into the fast path: trailing zeros of a fraction
    // (`1.0e-22` is 1e-22, not 10e-23), and a small mantissa times ten (`12e30` is 12e9 × 1e22).
    while e < 0 && m != 0 && m % 10 == 0 {
        m /= 10;
        e += 1;
    }
    while e > 22 && m != 0 && m <= (1 << 53) / 10 {
        m *= 10;
        e -= 1;
    }
    let mut x = m as f64;
    if !dropped && m <= 1 << 53 && (-22..=22).contains(&e) {
        x = if e >= 0 {
            x * POW10[e as usize]
        } else {
            x / POW10[-e as usize]
        };
    } else if m != 0 {
        while e > 0 && x.is_finite() {
            let k = e.min(22);
            x *= POW10[k as usize];
            e -= k;
        }
        while e < 0 && x != 0.0 {
            let k = (-e).min(22);
            x /= POW10[k as usize];
            e += k;
        }
    }
    let x = if negative { -x } else { x };
    x.is_finite().then_some(x)
}

/// The generated decoders' helpers: one field's value into its slot (a second occurrence of the
/// key is an error, as in serde's derive), and a required field's value out of it. They are
/// instantiated once per field type, so their error paths are kept out of line.
pub fn field<T: FromJson>(
    r: &mut Reader<'_>,
    slot: &mut Option<T>,
    name: &str,
) -> Result<(), JsonError> {
    if slot.is_some() {
        return Err(field_error(r, "duplicate", name));
    }
    *slot = Some(T::read(r)?);
    Ok(())
}

/// A required field's value, or "missing field" (reported where the object ended).
pub fn need<T>(r: &Reader<'_>, slot: Option<T>, name: &str) -> Result<T, JsonError> {
    match slot {
        Some(value) => Ok(value),
        None => Err(field_error(r, "missing", name)),
    }
}

/// A key the type does not allow (`deny_unknown_fields`).
pub fn unknown_field(r: &Reader<'_>, key: &str) -> JsonError {
    field_error(r, "unknown", key)
}

#[cold]
#[inline(never)]
fn field_error(r: &Reader<'_>, what: &str, name: &str) -> JsonError {
    r.fail(format!("{what} field `{name}`"))
}

/// A string read through the type's `FromStr` (open enums, constrained strings).
pub fn parsed<T>(r: &mut Reader<'_>) -> Result<T, JsonError>
where
    T: std::str::FromStr,
    T::Err: fmt::Display,
{
    let text = r.string()?;
    text.parse().map_err(|e: T::Err| r.fail(e.to_string()))
}

#[cfg(test)]
mod tests;
