//! Strings of the export controls (tables to CSV/XLSX, charts to PNG/SVG).

pub struct Export {
    pub csv: &'static str,
    pub csv_title: &'static str,
    pub xlsx: &'static str,
    pub xlsx_title: &'static str,
    pub png: &'static str,
    pub png_title: &'static str,
    pub svg: &'static str,
    pub svg_title: &'static str,
    pub failed: &'static str,
    pub group: &'static str,
}

pub const EXPORT_RU: Export = Export {
    csv: "CSV",
    csv_title: "Скачать таблицу в CSV для Excel (UTF-8, разделитель «;», числа с запятой)",
    xlsx: "Excel",
    xlsx_title: "Скачать таблицу книгой Excel (.xlsx)",
    png: "PNG",
    png_title: "Скачать диаграмму картинкой PNG",
    svg: "SVG",
    svg_title: "Скачать диаграмму в SVG (вектор, для презентаций)",
    failed: "Браузер не дал сохранить файл",
    group: "Скачать",
};

pub const EXPORT_EN: Export = Export {
    csv: "CSV",
    csv_title: "Download the table as CSV for Excel (UTF-8, «;» separator, decimal comma)",
    xlsx: "Excel",
    xlsx_title: "Download the table as an Excel book (.xlsx)",
    png: "PNG",
    png_title: "Download the chart as a PNG picture",
    svg: "SVG",
    svg_title: "Download the chart as SVG (vector, for slides)",
    failed: "The browser did not save the file",
    group: "Download",
};
