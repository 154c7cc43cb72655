#![cfg(not(target_arch = "wasm32"))]
//! Every link the domain emits («где исправить» of a result, the screen of a diagnosis action)
//! opens a screen and tab that exist, and every tab's address reads back as that tab.

use sloy::domain::diagnostics::Action;
use sloy::domain::gating::fix_at;
use sloy::domain::method::{ItemKind, LAYERS};
use sloy::domain::route::{Place, Screen};

#[test]
fn every_fix_link_opens_a_tab_of_its_layer() {
    let mut links = 0;
    for layer in LAYERS.iter() {
        for item in layer.items {
            let Some(place) = fix_at(item.id) else {
                assert_ne!(item.kind, ItemKind::Result, "{} has no fix link", item.id);
                continue;
            };
            links += 1;
            let hash = place.to_hash();
            assert_eq!(Place::parse(&hash), Some(place), "{}: {hash}", item.id);
            assert!(Place::all().contains(&place), "{}: {hash}", item.id);
            assert_eq!(place.layer(), Some(layer.n), "{}: {hash}", item.id);
            assert!(!place.tab_slug().is_empty(), "{} links to a tab", item.id);
        }
    }
    assert!(
        links >= 11,
        "every result of layers 1–5 has its link, found {links}"
    );
}

#[test]
fn every_diagnosis_action_opens_an_existing_tab() {
    for a in Action::ALL {
        let place = a.place();
        let hash = place.to_hash();
        assert_eq!(Place::parse(&hash), Some(place), "{a:?}: {hash}");
        assert!(place.layer().is_some(), "{a:?} is done on a layer screen");
    }
}

#[test]
fn every_tab_round_trips_and_no_two_share_an_address() {
    let all = Place::all();
    for s in Screen::ALL {
        assert!(all.iter().any(|p| p.screen() == s), "{s:?} has no place");
    }
    let mut seen = std::collections::HashSet::new();
    for p in &all {
        let hash = p.to_hash();
        assert_eq!(Place::parse(&hash), Some(*p), "{hash}");
        assert_eq!(Screen::parse(&hash), p.screen(), "{hash}");
        assert!(seen.insert(hash.clone()), "two places share {hash}");
    }
    // A tab of another screen is not a tab of this one.
    assert_eq!(Place::parse("#/l2/abc"), None);
    assert_eq!(Place::parse("#/l5/metrics"), None);
}
