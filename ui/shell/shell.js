// Fills the summary from the engine; the page works without it (plain browser) too.
window.addEventListener("DOMContentLoaded", async () => {
  const tauri = window.__TAURI__;
  if (!tauri) return;
  try {
    const s = await tauri.core.invoke("library_summary");
    document.getElementById("data-dir").textContent = s.data_dir;
    document.getElementById("documents").textContent = String(s.documents);
    document.getElementById("templates").textContent = String(s.templates);
  } catch (e) {
    document.getElementById("data-dir").textContent = (e && e.message) || String(e);
  }
});
