//! Messages for the user: short notices that fade, and errors that stay until closed.

use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

/// One message; `title` says where (e.g. the file name), `text` what happened.
#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub id: u64,
    pub level: Level,
    pub title: String,
    pub text: String,
}

#[derive(Clone, Copy)]
pub struct Toasts {
    pub list: RwSignal<Vec<Toast>>,
    next: StoredValue<u64>,
}

impl Toasts {
    pub fn push(&self, level: Level, title: impl Into<String>, text: impl Into<String>) {
        let id = self.next.get_value() + 1;
        self.next.set_value(id);
        self.list.update(|v| {
            v.push(Toast {
                id,
                level,
                title: title.into(),
                text: text.into(),
            })
        });
        if level == Level::Info {
            let list = self.list;
            set_timeout(
                move || list.update(|v| v.retain(|t| t.id != id)),
                Duration::from_secs(5),
            );
        }
    }
    pub fn info(&self, title: impl Into<String>, text: impl Into<String>) {
        self.push(Level::Info, title, text);
    }
    pub fn error(&self, title: impl Into<String>, text: impl Into<String>) {
        self.push(Level::Error, title, text);
    }
    pub fn close(&self, id: u64) {
        self.list.update(|v| v.retain(|t| t.id != id));
    }
}

pub fn provide_toasts() -> Toasts {
    let t = Toasts {
        list: RwSignal::new(vec![]),
        next: StoredValue::new(0),
    };
    provide_context(t);
    t
}

pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}
