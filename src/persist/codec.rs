//! Compression of what is kept in localStorage.
//!
//! A 10 000-deal project is ~10 MB of JSON while browsers give an origin about 5 M characters
//! of localStorage, so stored projects are deflated and packed 15 bits per UTF-16 code unit
//! (every unit in U+0020…U+801F: no surrogates, no control characters). Plain JSON is still
//! read, so a value written by hand or by an older build loads too.

use super::error::Damage;
use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::decompress_to_vec_with_limit;

const PREFIX: &str = "z1:";
const OFFSET: u32 = 0x20;
/// Refuse to inflate beyond this (a damaged value must not eat the tab's memory).
const MAX_INFLATED: usize = 256 * 1024 * 1024;

/// Deflates `text` and packs it into a compact string for localStorage.
pub fn pack(text: &str) -> String {
    let bytes = compress_to_vec(text.as_bytes(), 5);
    let mut out = String::with_capacity(PREFIX.len() + 12 + bytes.len() * 8 / 15 * 3 + 3);
    out.push_str(PREFIX);
    out.push_str(&bytes.len().to_string());
    out.push(':');
    let mut acc: u32 = 0;
    let mut bits = 0;
    for b in bytes {
        acc = (acc << 8) | b as u32;
        bits += 8;
        while bits >= 15 {
            bits -= 15;
            let v = (acc >> bits) & 0x7fff;
            out.push(char::from_u32(v + OFFSET).unwrap_or(' '));
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        let v = (acc << (15 - bits)) & 0x7fff;
        out.push(char::from_u32(v + OFFSET).unwrap_or(' '));
    }
    out
}

/// Reverses [`pack`]; plain JSON passes through unchanged.
pub fn unpack(stored: &str) -> Result<String, Damage> {
    let Some(rest) = stored.strip_prefix(PREFIX) else {
        return Ok(stored.to_string());
    };
    let (len, body) = rest.split_once(':').ok_or(Damage::NoLength)?;
    let len: usize = len.parse().map_err(|_| Damage::BadLength)?;
    let mut bytes = Vec::with_capacity(len);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in body.chars() {
        let v = (c as u32)
            .checked_sub(OFFSET)
            .filter(|v| *v <= 0x7fff)
            .ok_or(Damage::BadCharacter)?;
        acc = (acc << 15) | v;
        bits += 15;
        while bits >= 8 && bytes.len() < len {
            bits -= 8;
            bytes.push(((acc >> bits) & 0xff) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    if bytes.len() != len {
        return Err(Damage::Truncated);
    }
    let raw = decompress_to_vec_with_limit(&bytes, MAX_INFLATED)
        .map_err(|e| Damage::Inflate(format!("{:?}", e.status)))?;
    String::from_utf8(raw).map_err(|_| Damage::NotUtf8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn round_trip_and_plain_passthrough() {
        let text = "{\"format\":\"sloy-project\",\"name\":\"ГидроТеплоМаш «Демо»\"}".repeat(50);
        let packed = pack(&text);
        assert!(packed.chars().count() < text.chars().count());
        assert!(packed
            .chars()
            .all(|c| (c as u32) >= 0x20 && !(0xd800..0xe000).contains(&(c as u32))));
        assert_eq!(unpack(&packed).unwrap(), text);
        assert_eq!(unpack("{\"a\":1}").unwrap(), "{\"a\":1}");
        assert_eq!(unpack(&pack("")).unwrap(), "");
    }

    #[test]
    fn damage_is_reported() {
        let packed = pack(&"abc".repeat(100));
        let cut: String = packed.chars().take(packed.chars().count() - 3).collect();
        assert_eq!(unpack(&cut), Err(Damage::Truncated));
        assert_eq!(unpack("z1:xx:"), Err(Damage::BadLength));
        assert_eq!(unpack("z1:5"), Err(Damage::NoLength));
        assert_eq!(unpack("z1:5:\u{1}"), Err(Damage::BadCharacter));
        // Five bytes that are not a deflate stream.
        assert!(matches!(
            unpack("z1:5:\u{8000}\u{8000}\u{8000}"),
            Err(Damage::Inflate(_))
        ));
    }

    proptest! {
        #[test]
        fn any_text_round_trips(s in ".{0,400}") {
            prop_assert_eq!(unpack(&pack(&s)).unwrap(), s);
        }
    }
}
