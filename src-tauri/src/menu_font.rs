//! The menu bar's Chinese in a sans face on Linux.
//!
//! GTK draws the menu bar in the desktop's UI font, which often has no Chinese (Cantarell,
//! DejaVu Sans). Pango then asks fontconfig for any face with the characters, and where the
//! locale says nothing about Chinese (`LANG=C`, or an English desktop) fontconfig may answer
//! with a calligraphic 楷体 (AR PL UKai on Debian) — 文件 and 编辑 look handwritten. This adds
//! the common CJK sans faces after the user's own family, for this app's menus only: Latin
//! text keeps the desktop's font, and a family that is not installed is skipped.

/// CJK sans faces found on Linux desktops, Simplified first (the app's default language).
#[cfg(target_os = "linux")]
const CJK_SANS: &[&str] = &[
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans CJK TC",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
];

#[cfg(target_os = "linux")]
pub fn prefer_chinese_sans() {
    use gtk::gdk;
    use gtk::prelude::*;

    let Some(screen) = gdk::Screen::default() else {
        return;
    };
    let own = gtk::Settings::default()
        .and_then(|s| s.gtk_font_name())
        .and_then(|name| gtk::pango::FontDescription::from_string(&name).family())
        .map(|f| f.to_string());
    let families: Vec<String> = own
        .into_iter()
        .chain(CJK_SANS.iter().map(|f| f.to_string()))
        .map(|f| format!("\"{}\"", f.replace(['"', '\\'], "")))
        .collect();
    let css = format!(
        "menubar, menubar menuitem, menu, menu menuitem {{ font-family: {}, sans-serif; }}",
        families.join(", ")
    );
    let provider = gtk::CssProvider::new();
    // A rejected style sheet only leaves the menus as GTK draws them by default.
    if provider.load_from_data(css.as_bytes()).is_ok() {
        gtk::StyleContext::add_provider_for_screen(
            &screen,
            &provider,
            gtk::STYLE_PROVIDER_PRIORITY_APPLICATION,
        );
    }
}

#[cfg(not(target_os = "linux"))]
pub fn prefer_chinese_sans() {}
