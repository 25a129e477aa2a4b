import { mount } from "svelte";
import App from "./app/App.svelte";
import { beforeFirstPaint } from "./app/boot";
import "./app/theme.css";
import { markBoot } from "./lib/paintMark";

const target = document.getElementById("app");
if (!target) throw new Error("index.html lost its #app element");
void beforeFirstPaint().then(() => {
  mount(App, { target });
  markBoot("mounted");
});
