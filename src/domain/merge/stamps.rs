//! Record stamps: a 64-bit hash of each record's key and of its content, packed into the
//! compact string a [`SharedState`](crate::domain::SharedState) carries. Hashing walks the JSON
//! value with object keys sorted, so a stamp does not depend on field order or on how a build
//! orders JSON maps.

use serde_json::Value;
use std::collections::HashMap;

/// FNV-1a, 64 bits: stable across builds and platforms (unlike `std`'s hasher).
#[derive(Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv::new()
    }
}

impl Fnv {
    pub fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    pub fn bytes(&mut self, b: &[u8]) {
        for x in b {
            self.0 ^= *x as u64;
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    pub fn finish(self) -> u64 {
        self.0
    }
}

/// Hash of a key string.
pub fn key_hash(key: &str) -> u64 {
    let mut h = Fnv::new();
    h.bytes(key.as_bytes());
    h.finish()
}

/// Hash of a value, independent of object key order.
pub fn value_hash(v: &Value) -> u64 {
    let mut h = Fnv::new();
    walk(v, &mut h);
    h.finish()
}

fn walk(v: &Value, h: &mut Fnv) {
    match v {
        Value::Null => h.bytes(b"n"),
        Value::Bool(b) => h.bytes(if *b { b"t" } else { b"f" }),
        Value::Number(n) => {
            h.bytes(b"#");
            h.bytes(n.to_string().as_bytes());
            h.bytes(b";");
        }
        Value::String(s) => {
            h.bytes(b"s");
            h.bytes(&(s.len() as u64).to_le_bytes());
            h.bytes(s.as_bytes());
        }
        Value::Array(a) => {
            h.bytes(b"[");
            for x in a {
                walk(x, h);
            }
            h.bytes(b"]");
        }
        Value::Object(o) => {
            let mut keys: Vec<&String> = o.keys().collect();
            keys.sort();
            h.bytes(b"{");
            for k in keys {
                h.bytes(&(k.len() as u64).to_le_bytes());
                h.bytes(k.as_bytes());
                if let Some(x) = o.get(k) {
                    walk(x, h);
                }
            }
            h.bytes(b"}");
        }
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Packs (key hash, content hash) pairs: 16 bytes each, base64url without padding.
pub fn encode(pairs: &[(u64, u64)]) -> String {
    let mut bytes = Vec::with_capacity(pairs.len() * 16);
    for (k, v) in pairs {
        bytes.extend_from_slice(&k.to_le_bytes());
        bytes.extend_from_slice(&v.to_le_bytes());
    }
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (*b as u32) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// Reverses [`encode`]; `None` for text that is not a packed list of pairs.
pub fn decode(text: &str) -> Option<HashMap<u64, u64>> {
    let mut bytes = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in text.bytes() {
        let v = ALPHABET.iter().position(|a| *a == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push(((acc >> bits) & 0xff) as u8);
        }
    }
    if bytes.len() % 16 != 0 {
        return None;
    }
    Some(
        bytes
            .chunks(16)
            .map(|c| {
                let mut k = [0u8; 8];
                let mut v = [0u8; 8];
                k.copy_from_slice(&c[..8]);
                v.copy_from_slice(&c[8..]);
                (u64::from_le_bytes(k), u64::from_le_bytes(v))
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hash_ignores_key_order_but_not_values() {
        let a: Value = serde_json::from_str(r#"{"a":1,"b":[1,"x"]}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"b":[1,"x"],"a":1}"#).unwrap();
        let c: Value = serde_json::from_str(r#"{"b":[1,"x"],"a":2}"#).unwrap();
        let d: Value = serde_json::from_str(r#"{"b":["x",1],"a":1}"#).unwrap();
        assert_eq!(value_hash(&a), value_hash(&b));
        assert_ne!(value_hash(&a), value_hash(&c));
        assert_ne!(value_hash(&a), value_hash(&d));
        assert_ne!(
            value_hash(&Value::String("ab".into())),
            value_hash(&serde_json::json!(["a", "b"]))
        );
    }

    #[test]
    fn bad_text_does_not_decode() {
        assert_eq!(decode(""), Some(HashMap::new()));
        assert_eq!(decode("!!"), None);
        assert_eq!(decode("AAAA"), None);
    }

    proptest! {
        #[test]
        fn pairs_round_trip(pairs in proptest::collection::vec((any::<u64>(), any::<u64>()), 0..40)) {
            let map: HashMap<u64, u64> = pairs.iter().copied().collect();
            let unique: Vec<(u64, u64)> = map.iter().map(|(k, v)| (*k, *v)).collect();
            prop_assert_eq!(decode(&encode(&unique)), Some(map));
        }
    }
}
