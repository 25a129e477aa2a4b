import { mount } from "svelte";
import App from "./app/App.svelte";
import "./app/theme.css";

const target = document.getElementById("app");
if (!target) throw new Error("index.html lost its #app element");
mount(App, { target });
