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
});
