//! One file per screen.

pub mod dashboard;
pub mod data;
pub mod diagnosis;
pub mod glossary;
pub mod layer1;
pub mod layer2;
pub mod layer3;
pub mod layer4;
pub mod layer5;
pub mod layer_report;
pub mod method;
pub mod projects;
