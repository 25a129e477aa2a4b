// Calls the one command, shows its answer, and marks the frame that shows it: the same
// "first useful paint" mark the app sets when its first rows are on screen.
window.__TAURI__.core.invoke("greet").then((text) => {
  const greeting = document.getElementById("greeting");
  greeting.textContent = text;
  greeting.dataset.testid = "greeting";
  requestAnimationFrame(() => performance.mark("first-useful-paint"));
});
