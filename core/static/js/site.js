// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Forms marked data-autosubmit submit themselves when a select changes (e.g. filters).
  document.querySelectorAll("form[data-autosubmit] select").forEach((el) => {
    el.addEventListener("change", () => el.form.requestSubmit());
  });
  // Elements marked data-print print the page.
  document.querySelectorAll("[data-print]").forEach((el) => {
    el.hidden = false;
    el.addEventListener("click", () => window.print());
  });
  // On phones the menu folds behind a menu button (CSS decides the width; open without JS).
  const header = document.querySelector("[data-menu]");
  const menuButton = document.querySelector("[data-menu-button]");
  if (header && menuButton) {
    header.dataset.menu = "closed";
    menuButton.hidden = false;
    menuButton.addEventListener("click", () => {
      const open = header.dataset.menu !== "open";
      header.dataset.menu = open ? "open" : "closed";
      menuButton.setAttribute("aria-expanded", String(open));
    });
  }
  // Tables that become cards on a phone: each cell names its column (templates may set
  // data-label themselves; this fills in the rest from the header row).
  document.querySelectorAll("table.cards").forEach((table) => {
    const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    table.querySelectorAll("tbody tr").forEach((row) => {
      [...row.children].forEach((cell, index) => {
        if (cell.tagName === "TD" && !cell.dataset.label && headers[index]) {
          cell.dataset.label = headers[index];
        }
      });
    });
  });
  // After a failed form, focus goes to the error summary so the list is read out first.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
