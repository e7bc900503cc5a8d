//! Windows are the shell's: the presenter view is created here, not by the page, and no page
//! may navigate anywhere but the app's own pages.

use tauri::{AppHandle, Manager, Runtime, WebviewUrl, WebviewWindowBuilder};

use crate::commands::CommandResult;
use crate::errors::internal;

/// Opens the presenter view, or brings it forward if it is open.
#[tauri::command]
pub async fn open_presenter_window(app: AppHandle) -> CommandResult<()> {
    if let Some(w) = app.get_webview_window("presenter") {
        return w.set_focus().map_err(internal);
    }
    WebviewWindowBuilder::new(&app, "presenter", WebviewUrl::App("presenter.html".into()))
        .title("演示者视图 Presenter view")
        .inner_size(900.0, 620.0)
        .build()
        .map(|_| ())
        .map_err(|e| internal(format!("the presenter view could not open: {e}")))
}

/// The app's own pages: `tauri://localhost` (Linux, macOS) or `http(s)://tauri.localhost`
/// (Windows). Everything else — a link, `location = "https://…"`, a `file://` URL — is refused.
pub fn is_own_page(url: &tauri::Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        "about" => url.path() == "blank",
        _ => false,
    }
}

/// A plugin whose only job is to refuse navigation away from the app's pages, in every webview.
pub fn navigation_guard<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("navigation-guard").on_navigation(|_webview, url| is_own_page(url)).build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_apps_pages_are_allowed() {
        for ok in
            ["tauri://localhost/index.html", "tauri://localhost/presenter.html", "http://tauri.localhost/bare.html"]
        {
            assert!(is_own_page(&ok.parse().unwrap()), "{ok}");
        }
        for bad in [
            "https://example.com/",
            "file:///home/user/.ssh/id_rsa",
            "tauri://evil/index.html",
            "http://tauri.localhost.example.com/",
            "data:text/html,<script>",
        ] {
            assert!(!is_own_page(&bad.parse().unwrap()), "{bad}");
        }
    }
}
