// Loaded before the app's module, as a plain script. If the module fails while it is
// being loaded (a script error before anything is drawn), the window says so, with the
// details to report, instead of staying blank.
window.addEventListener("error", function (event) {
  var app = document.getElementById("app");
  if (!app || app.childElementCount > 0) return;
  app.textContent =
    "SaaSignal Admin could not start its window. Please report this: " +
    event.message + " (" + event.filename + ":" + event.lineno + ":" + event.colno + ")";
  app.setAttribute("data-testid", "boot-failed");
});
