//! The pure part of routing — the screens, their tabs and the hash
//! (`#/<screen>[/<tab>][?key=value&…]`) — lives in [`crate::domain::route`], because the domain
//! names the places where things are fixed. Re-exported here under the names the browser part
//! uses (`Route` is the screen).

pub use crate::domain::route::{
    DiagnosisTab, L1Tab, L2Tab, L3Tab, L4Tab, L5Tab, Location, MethodTab, Place, Screen as Route,
    Tab,
};
