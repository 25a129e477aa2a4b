import { mount } from "svelte";
import App from "./app/App.svelte";
import { beforeFirstPaint } from "./app/boot";
import "./app/theme.css";
import { holdServerReadsUntilFirstFrame, markBoot } from "./lib/paintMark";
import { markPlatform } from "./lib/platform";

const target = document.getElementById("app");
if (!target) throw new Error("index.html lost its #app element");
markPlatform();
const firstScreenMounted = holdServerReadsUntilFirstFrame();
void beforeFirstPaint()
  .then(() => {
    mount(App, { target });
    markBoot("mounted");
    firstScreenMounted();
  })
  .catch((error: unknown) => {
    // Never a blank window: say what failed, with the details to report.
    target.textContent = `SaaSignal Admin could not start its window. Please report this: ${
      error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error)
    }`;
    target.setAttribute("data-testid", "boot-failed");
    console.error(error);
  });
