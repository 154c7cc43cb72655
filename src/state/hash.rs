//! The pure part of routing: screens, and the parts of a hash
//! (`#/<screen>[/<tab>][?key=value&…]`). Compiled natively so that it is tested natively.

/// The screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Dashboard,
    Method,
    L1,
    L2,
    L3,
    L4,
    L5,
    Diagnosis,
    Data,
    Projects,
}

impl Route {
    pub const ALL: [Route; 10] = [
        Route::Dashboard,
        Route::Method,
        Route::L1,
        Route::L2,
        Route::L3,
        Route::L4,
        Route::L5,
        Route::Diagnosis,
        Route::Data,
        Route::Projects,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Route::Dashboard => "dashboard",
            Route::Method => "method",
            Route::L1 => "l1",
            Route::L2 => "l2",
            Route::L3 => "l3",
            Route::L4 => "l4",
            Route::L5 => "l5",
            Route::Diagnosis => "diagnosis",
            Route::Data => "data",
            Route::Projects => "projects",
        }
    }

    /// The layer (1–5) this screen belongs to.
    pub fn layer(self) -> Option<u8> {
        match self {
            Route::L1 => Some(1),
            Route::L2 => Some(2),
            Route::L3 => Some(3),
            Route::L4 => Some(4),
            Route::L5 => Some(5),
            _ => None,
        }
    }

    pub fn of_layer(layer: u8) -> Route {
        match layer {
            1 => Route::L1,
            2 => Route::L2,
            3 => Route::L3,
            4 => Route::L4,
            _ => Route::L5,
        }
    }

    pub fn parse(hash: &str) -> Route {
        let slug = Location::parse(hash).slug;
        Route::ALL
            .into_iter()
            .find(|r| r.slug() == slug)
            .unwrap_or(Route::Method)
    }

    pub fn href(self) -> &'static str {
        match self {
            Route::Dashboard => "#/dashboard",
            Route::Method => "#/method",
            Route::L1 => "#/l1",
            Route::L2 => "#/l2",
            Route::L3 => "#/l3",
            Route::L4 => "#/l4",
            Route::L5 => "#/l5",
            Route::Diagnosis => "#/diagnosis",
            Route::Data => "#/data",
            Route::Projects => "#/projects",
        }
    }
}

/// A link to a tab of a screen, with optional query pairs (values are percent-encoded).
pub fn href_to(route: Route, tab: &str, query: &[(&str, &str)]) -> String {
    let mut s = String::from(route.href());
    if !tab.is_empty() {
        s.push('/');
        s.push_str(tab);
    }
    for (i, (k, v)) in query.iter().enumerate() {
        s.push(if i == 0 { '?' } else { '&' });
        s.push_str(k);
        s.push('=');
        s.push_str(&encode(v));
    }
    s
}

/// The parts of a hash.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    pub slug: String,
    pub tab: String,
    pub query: Vec<(String, String)>,
}

impl Location {
    pub fn parse(hash: &str) -> Location {
        let h = hash.trim_start_matches('#').trim_start_matches('/');
        let (path, query) = h.split_once('?').unwrap_or((h, ""));
        let mut parts = path.split('/');
        let slug = parts.next().unwrap_or("").to_string();
        let tab = parts.next().unwrap_or("").to_string();
        let query = query
            .split('&')
            .filter(|kv| !kv.is_empty())
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                (k.to_string(), decode(v))
            })
            .collect();
        Location { slug, tab, query }
    }
    pub fn get(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The hash of this location with query keys set (`Some`) or removed (`None`); the other
    /// keys keep their order, a new key goes last.
    pub fn with_query(&self, updates: &[(&str, Option<&str>)]) -> String {
        let mut query = self.query.clone();
        for (k, v) in updates {
            match (query.iter_mut().find(|(x, _)| x == k), v) {
                (Some(slot), Some(v)) => slot.1 = v.to_string(),
                (Some(_), None) => query.retain(|(x, _)| x != k),
                (None, Some(v)) => query.push((k.to_string(), v.to_string())),
                (None, None) => {}
            }
        }
        let mut s = format!("#/{}", self.slug);
        if !self.tab.is_empty() {
            s.push('/');
            s.push_str(&self.tab);
        }
        for (i, (k, v)) in query.iter().enumerate() {
            s.push(if i == 0 { '?' } else { '&' });
            s.push_str(k);
            s.push('=');
            s.push_str(&encode(v));
        }
        s
    }
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_parts() {
        let l = Location::parse("#/l3/maps?client=ab%20c&x=1");
        assert_eq!(l.slug, "l3");
        assert_eq!(l.tab, "maps");
        assert_eq!(l.get("client"), Some("ab c"));
        assert_eq!(l.get("x"), Some("1"));
        assert_eq!(Route::parse("#/l3/maps?client=1"), Route::L3);
        assert_eq!(Route::parse(""), Route::Method);
        assert_eq!(Route::parse("#/nonsense"), Route::Method);
        assert_eq!(
            href_to(Route::L1, "abc", &[("q", "К01 x")]),
            "#/l1/abc?q=%D0%9A01%20x"
        );
        assert_eq!(
            Location::parse(&href_to(Route::L1, "abc", &[("q", "К01 x")])).get("q"),
            Some("К01 x")
        );
        assert_eq!(Location::parse("#/l1?q=%ZZ%").get("q"), Some("%ZZ%"));
    }

    #[test]
    fn query_keys_are_set_and_removed() {
        let l = Location::parse("#/l2/board?cat=A&period=y2025");
        assert_eq!(
            l.with_query(&[("cat", Some("B")), ("channel", Some("x y"))]),
            "#/l2/board?cat=B&period=y2025&channel=x%20y"
        );
        assert_eq!(
            l.with_query(&[("cat", None), ("line", None)]),
            "#/l2/board?period=y2025"
        );
        assert_eq!(
            Location::parse("#/l2").with_query(&[("cat", Some("C"))]),
            "#/l2?cat=C"
        );
        assert_eq!(
            Location::parse("").with_query(&[]),
            "#/",
            "an empty hash stays the default screen"
        );
        let round = Location::parse(&l.with_query(&[("q", Some("Насос & клапан"))]));
        assert_eq!(round.get("q"), Some("Насос & клапан"));
        assert_eq!(round.get("cat"), Some("A"));
    }
}
