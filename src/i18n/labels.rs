//! Accessible names and headers that only screen readers hear, and the glossary screen's own
//! words (the names of inputs in table
//! cells whose column header alone does not say it, hidden headers of row-name columns), kept
//! apart from the screens' visible wording.

/// Strings of this area.
pub struct Labels {
    /// The hidden header of a table's column of row actions (delete, open …).
    pub col_actions: &'static str,
    pub glossary_title: &'static str,
    pub glossary_lead: &'static str,
    /// The share of a category in the company plan (an input per category).
    pub category_share: &'static str,
    /// The hidden header of a column of row names («Показатель»).
    pub col_item: &'static str,
    /// The hidden header of a column of status marks.
    pub col_status: &'static str,
    /// The row of a list without a name of its own: «Строка {}».
    pub row_n: &'static str,
    /// The template text being edited.
    pub template_text: &'static str,
}

pub const LABELS_RU: Labels = Labels {
    col_actions: "Действия",
    glossary_title: "Словарь терминов",
    glossary_lead: "Термины метода послойного внедрения системы продаж: что они значат в Слое. Наведите курсор или перейдите клавишей Tab на подчёркнутый термин на любом экране — появится то же объяснение.",
    category_share: "Доля категории в плане, %",
    col_item: "Показатель",
    col_status: "Статус",
    row_n: "строка {}",
    template_text: "Текст шаблона",
};

pub const LABELS_EN: Labels = Labels {
    col_actions: "Actions",
    glossary_title: "Glossary",
    glossary_lead: "The terms of the layered sales-system method and what they mean in Sloy. The Russian acronyms stay as consultants and documents use them. Hover over, or Tab to, an underlined term on any screen for the same explanation.",
    category_share: "Category's share of the plan, %",
    col_item: "Item",
    col_status: "Status",
    row_n: "row {}",
    template_text: "Template text",
};
