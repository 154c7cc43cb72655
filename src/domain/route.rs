//! Places in the app: the screens, the tabs of each screen, and their address in the page's
//! hash, `#/<screen>[/<tab>][?key=value&…]` (e.g. `#/l1/abc`, `#/l3/maps?client=<id>`).
//!
//! Why in the domain: the method names the place where a missing result or a diagnosed problem
//! is fixed («где исправить»: [`super::gating::fix_at`], [`super::diagnostics::Action::place`]),
//! so the places are typed here and every link the domain emits is a [`Place`], never a string.
//! Pages build their tab bars and links from the same enums, and [`Place::parse`] reads a hash
//! back, so a tab that does not exist cannot be linked to.

/// The screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Screen {
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
    /// The glossary of the method's terms.
    Glossary,
}

impl Screen {
    pub const ALL: [Screen; 11] = [
        Screen::Dashboard,
        Screen::Method,
        Screen::L1,
        Screen::L2,
        Screen::L3,
        Screen::L4,
        Screen::L5,
        Screen::Diagnosis,
        Screen::Data,
        Screen::Projects,
        Screen::Glossary,
    ];

    /// The first part of the hash.
    pub fn slug(self) -> &'static str {
        match self {
            Screen::Dashboard => "dashboard",
            Screen::Method => "method",
            Screen::L1 => "l1",
            Screen::L2 => "l2",
            Screen::L3 => "l3",
            Screen::L4 => "l4",
            Screen::L5 => "l5",
            Screen::Diagnosis => "diagnosis",
            Screen::Data => "data",
            Screen::Projects => "projects",
            Screen::Glossary => "glossary",
        }
    }

    /// The layer (1–5) this screen belongs to.
    pub fn layer(self) -> Option<u8> {
        match self {
            Screen::L1 => Some(1),
            Screen::L2 => Some(2),
            Screen::L3 => Some(3),
            Screen::L4 => Some(4),
            Screen::L5 => Some(5),
            _ => None,
        }
    }

    /// The screen of layer `layer` (1–5; any other number gives layer 5's).
    pub fn of_layer(layer: u8) -> Screen {
        match layer {
            1 => Screen::L1,
            2 => Screen::L2,
            3 => Screen::L3,
            4 => Screen::L4,
            _ => Screen::L5,
        }
    }

    /// The screen of a hash; an unknown or empty one is the method map (the start screen).
    pub fn parse(hash: &str) -> Screen {
        let slug = Location::parse(hash).slug;
        Screen::from_slug(&slug).unwrap_or(Screen::Method)
    }

    fn from_slug(slug: &str) -> Option<Screen> {
        Screen::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// The screen's address, on its default tab.
    pub fn href(self) -> &'static str {
        match self {
            Screen::Dashboard => "#/dashboard",
            Screen::Method => "#/method",
            Screen::L1 => "#/l1",
            Screen::L2 => "#/l2",
            Screen::L3 => "#/l3",
            Screen::L4 => "#/l4",
            Screen::L5 => "#/l5",
            Screen::Diagnosis => "#/diagnosis",
            Screen::Data => "#/data",
            Screen::Projects => "#/projects",
            Screen::Glossary => "#/glossary",
        }
    }

    /// Every tab of the screen, as places, in the order of its tab bar; one place for a screen
    /// without tabs.
    pub fn places(self) -> Vec<Place> {
        match self {
            Screen::Dashboard => vec![Place::Dashboard],
            Screen::Method => MethodTab::ALL.iter().map(|t| Place::Method(*t)).collect(),
            Screen::L1 => L1Tab::ALL.iter().map(|t| Place::L1(*t)).collect(),
            Screen::L2 => L2Tab::ALL.iter().map(|t| Place::L2(*t)).collect(),
            Screen::L3 => L3Tab::ALL.iter().map(|t| Place::L3(*t)).collect(),
            Screen::L4 => L4Tab::ALL.iter().map(|t| Place::L4(*t)).collect(),
            Screen::L5 => L5Tab::ALL.iter().map(|t| Place::L5(*t)).collect(),
            Screen::Diagnosis => DiagnosisTab::ALL
                .iter()
                .map(|t| Place::Diagnosis(*t))
                .collect(),
            Screen::Data => vec![Place::Data],
            Screen::Projects => vec![Place::Projects],
            Screen::Glossary => vec![Place::Glossary],
        }
    }
}

/// The tabs of one screen: an enum whose variants are the tabs, the first being the default.
pub trait Tab: Copy + Eq + std::fmt::Debug + Send + Sync + 'static {
    /// The screen the tabs belong to.
    const SCREEN: Screen;
    /// Every tab, in the order of the tab bar; the first is shown when the hash names none.
    const ALL: &'static [Self];
    /// The second part of the hash (empty for a tab reached by the screen's address alone).
    fn slug(self) -> &'static str;
    /// The place of this tab.
    fn place(self) -> Place;
    /// The tab shown first.
    fn default_tab() -> Self {
        Self::ALL[0]
    }
    /// The tab of a slug; `None` when the screen has no such tab.
    fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|t| t.slug() == slug)
    }
    /// The tab of a slug; an empty or unknown slug opens the default tab.
    fn from_slug_or_default(slug: &str) -> Self {
        Self::from_slug(slug).unwrap_or_else(Self::default_tab)
    }
}

macro_rules! tabs {
    (
        $(#[$doc:meta])*
        $name:ident, $screen:ident { $($variant:ident => $slug:literal),+ $(,)? }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant),+
        }

        impl Tab for $name {
            const SCREEN: Screen = Screen::$screen;
            const ALL: &'static [Self] = &[$($name::$variant),+];
            fn slug(self) -> &'static str {
                match self {
                    $($name::$variant => $slug),+
                }
            }
            fn place(self) -> Place {
                Place::$screen(self)
            }
        }

        impl From<$name> for Place {
            fn from(t: $name) -> Place {
                Place::$screen(t)
            }
        }
    };
}

tabs! {
    /// The method map: the map itself (`#/method`) and the printable layer report.
    MethodTab, Method { Map => "", Report => "report" }
}

tabs! {
    /// Layer 1 — goals and plans.
    L1Tab, L1 {
        Clients => "clients",
        Dims => "dims",
        Abc => "abc",
        Hypotheses => "hypotheses",
        Goals => "goals",
        Plans => "plans",
        Structure => "structure",
        PlanFact => "planfact",
    }
}

tabs! {
    /// Layer 2 — the funnel.
    L2Tab, L2 {
        Board => "board",
        Funnel => "funnel",
        Metrics => "metrics",
        Deals => "deals",
        Stages => "stages",
    }
}

tabs! {
    /// Layer 3 — strategy for A and B clients.
    L3Tab, L3 {
        Maps => "maps",
        Typical => "typical",
        Programme => "programme",
        Pr => "pr",
        Touches => "touches",
        Metrics => "metrics",
    }
}

tabs! {
    /// Layer 4 — client-work tools.
    L4Tab, L4 {
        Matrix => "matrix",
        Questions => "questions",
        Briefing => "briefing",
        Deal => "deal",
        Teo => "teo",
        Docs => "docs",
        Metrics => "metrics",
    }
}

tabs! {
    /// Layer 5 — psychology.
    L5Tab, L5 {
        Checklists => "checklists",
        Coaching => "coaching",
    }
}

tabs! {
    /// The diagnosis.
    DiagnosisTab, Diagnosis {
        Result => "result",
        Thresholds => "thresholds",
        History => "history",
        Report => "report",
    }
}

/// A screen with its tab: the place a link opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    Dashboard,
    Method(MethodTab),
    L1(L1Tab),
    L2(L2Tab),
    L3(L3Tab),
    L4(L4Tab),
    L5(L5Tab),
    Diagnosis(DiagnosisTab),
    Data,
    Projects,
    Glossary,
}

impl Place {
    /// Every place of the app: each screen with each of its tabs.
    pub fn all() -> Vec<Place> {
        Screen::ALL.iter().flat_map(|s| s.places()).collect()
    }

    pub fn screen(self) -> Screen {
        match self {
            Place::Dashboard => Screen::Dashboard,
            Place::Method(_) => Screen::Method,
            Place::L1(_) => Screen::L1,
            Place::L2(_) => Screen::L2,
            Place::L3(_) => Screen::L3,
            Place::L4(_) => Screen::L4,
            Place::L5(_) => Screen::L5,
            Place::Diagnosis(_) => Screen::Diagnosis,
            Place::Data => Screen::Data,
            Place::Projects => Screen::Projects,
            Place::Glossary => Screen::Glossary,
        }
    }

    /// The layer (1–5) of the place's screen.
    pub fn layer(self) -> Option<u8> {
        self.screen().layer()
    }

    /// The tab's slug; empty for a screen without tabs.
    pub fn tab_slug(self) -> &'static str {
        match self {
            Place::Dashboard | Place::Data | Place::Projects | Place::Glossary => "",
            Place::Method(t) => t.slug(),
            Place::L1(t) => t.slug(),
            Place::L2(t) => t.slug(),
            Place::L3(t) => t.slug(),
            Place::L4(t) => t.slug(),
            Place::L5(t) => t.slug(),
            Place::Diagnosis(t) => t.slug(),
        }
    }

    /// The hash of the place: `#/l1/abc`.
    pub fn to_hash(self) -> String {
        self.href(&[])
    }

    /// The hash of the place with query pairs (values are percent-encoded):
    /// `#/l3/maps?client=…`.
    pub fn href(self, query: &[(&str, &str)]) -> String {
        let mut s = String::from(self.screen().href());
        let tab = self.tab_slug();
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

    /// The place a hash names exactly: `None` when the screen or the tab does not exist. An
    /// absent tab is the screen's default tab; the query is ignored.
    pub fn parse(hash: &str) -> Option<Place> {
        let l = Location::parse(hash);
        let screen = Screen::from_slug(&l.slug)?;
        if l.tab.is_empty() {
            return screen.places().first().copied();
        }
        screen
            .places()
            .into_iter()
            .find(|p| !p.tab_slug().is_empty() && p.tab_slug() == l.tab)
    }
}

/// The parts of a hash, as strings (the screen and the tab are read with [`Screen::parse`] and
/// [`Tab::from_slug_or_default`]).
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
        assert_eq!(Screen::parse("#/l3/maps?client=1"), Screen::L3);
        assert_eq!(Screen::parse(""), Screen::Method);
        assert_eq!(Screen::parse("#/nonsense"), Screen::Method);
        let h = Place::L1(L1Tab::Abc).href(&[("q", "К01 x")]);
        assert_eq!(h, "#/l1/abc?q=%D0%9A01%20x");
        assert_eq!(Location::parse(&h).get("q"), Some("К01 x"));
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

    #[test]
    fn every_place_round_trips_through_its_hash() {
        let all = Place::all();
        assert_eq!(all.len(), 1 + 2 + 8 + 5 + 6 + 7 + 2 + 4 + 1 + 1 + 1);
        for p in &all {
            assert_eq!(Place::parse(&p.to_hash()), Some(*p), "{}", p.to_hash());
            assert_eq!(
                Place::parse(&p.href(&[("deal", "x y")])),
                Some(*p),
                "with a query"
            );
            assert_eq!(Screen::parse(&p.to_hash()), p.screen());
        }
        let mut hashes: Vec<String> = all.iter().map(|p| p.to_hash()).collect();
        hashes.sort();
        hashes.dedup();
        assert_eq!(hashes.len(), all.len(), "two places share a hash");
    }

    #[test]
    fn a_screen_address_opens_its_default_tab() {
        for s in Screen::ALL {
            let first = s.places()[0];
            assert_eq!(Place::parse(s.href()), Some(first), "{s:?}");
        }
        assert_eq!(Place::parse("#/l4"), Some(Place::L4(L4Tab::Matrix)));
        assert_eq!(
            Place::parse("#/method"),
            Some(Place::Method(MethodTab::Map))
        );
        assert_eq!(L2Tab::from_slug_or_default(""), L2Tab::Board);
        assert_eq!(L2Tab::from_slug_or_default("nonsense"), L2Tab::Board);
        assert_eq!(L3Tab::from_slug("touches"), Some(L3Tab::Touches));
    }

    #[test]
    fn unknown_screens_and_tabs_do_not_parse() {
        assert_eq!(Place::parse("#/l9/abc"), None);
        assert_eq!(Place::parse("#/l1/board"), None, "board is a layer-2 tab");
        assert_eq!(Place::parse("#/dashboard/x"), None);
        assert_eq!(Place::parse("#/method/abc"), None);
    }

    #[test]
    fn tabs_know_their_screen() {
        fn check<T: Tab>() {
            for t in T::ALL {
                assert_eq!(t.place().screen(), T::SCREEN);
                assert_eq!(T::from_slug(t.slug()), Some(*t));
            }
        }
        check::<MethodTab>();
        check::<L1Tab>();
        check::<L2Tab>();
        check::<L3Tab>();
        check::<L4Tab>();
        check::<L5Tab>();
        check::<DiagnosisTab>();
    }
}
