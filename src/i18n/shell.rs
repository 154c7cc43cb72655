//! Strings of the app shell: navigation, header, banners, project list, method map.

/// App-shell strings.
pub struct Shell {
    pub app_name: &'static str,
}

pub const SHELL_RU: Shell = Shell {
    app_name: "Слой"
};
pub const SHELL_EN: Shell = Shell { app_name: "Sloy" };
