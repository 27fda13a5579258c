// The front panel's only script: sends presses without reloading, refreshes the display on each new frame,
// and polls the rest of the state once a second. Everything also works as plain forms without it.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const screen = $("screen");
  const message = $("message");
  let shownVersion = -1;

  function say(text) {
    message.textContent = text || "";
    message.hidden = !text;
  }

  function showFrame(version) {
    if (version === shownVersion) return;
    shownVersion = version;
    screen.src = "/display.png?v=" + version;
    document.body.dataset.frame = String(version);
  }

  async function post(url, body) {
    const res = await fetch(url, { method: "POST", body: body, headers: { Accept: "application/json" } });
    if (res.ok) { say(""); return true; }
    let text = "The simulator refused: HTTP " + res.status;
    try { const p = await res.json(); if (p.detail) text = p.detail; } catch (e) { /* not JSON */ }
    say(text);
    return false;
  }

  document.addEventListener("submit", (e) => {
    e.preventDefault();
    const form = e.target;
    const button = e.submitter;
    const url = (button && button.getAttribute("formaction")) || form.getAttribute("action");
    post(url, new FormData(form)).then(refresh);
  });

  const keyMap = { Enter: "enter", Escape: "cancel", Backspace: "back", Delete: "clear", ArrowUp: "up", ArrowDown: "down" };
  document.addEventListener("keydown", (e) => {
    if (e.target && (e.target.tagName === "SELECT" || e.target.tagName === "INPUT")) return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    let key = keyMap[e.key];
    if (!key && e.key.length === 1 && e.key >= "0" && e.key <= "9") key = e.key;
    if (!key) return;
    if (key === "enter" && e.target && e.target.tagName === "BUTTON") return; // Enter on a focused button presses that button
    e.preventDefault();
    const b = document.querySelector('button[data-key="' + key + '"]');
    if (b) { b.classList.add("pressed"); setTimeout(() => b.classList.remove("pressed"), 120); }
    post("/api/keys/" + key);
  });

  function renderDocuments(docs) {
    const ul = $("documents");
    const names = docs.map((d) => d.name).join("\n");
    if (ul.dataset.names === names) return;
    ul.dataset.names = names;
    ul.textContent = "";
    if (docs.length === 0) {
      const li = document.createElement("li"); li.className = "none"; li.textContent = "Nothing printed yet."; ul.appendChild(li);
      return;
    }
    for (const d of docs) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = d.url; a.textContent = d.name; a.target = "_blank"; a.rel = "noopener";
      li.appendChild(a); ul.appendChild(li);
    }
  }

  function renderParts(parts) {
    const ul = $("parts");
    ul.textContent = "";
    for (const p of parts) {
      const li = document.createElement("li");
      li.className = p.running ? "ok" : "missing";
      const strong = document.createElement("strong"); strong.textContent = p.name;
      li.appendChild(strong);
      li.appendChild(document.createTextNode(": " + (p.running ? "" : "not available — ") + p.detail));
      ul.appendChild(li);
    }
  }

  let lastBeeps = -1;
  async function refresh() {
    let s;
    try { s = await (await fetch("/api/state", { cache: "no-store" })).json(); } catch (e) { return; }
    showFrame(s.displayVersion);
    $("terminal-state").textContent = s.terminalState;
    if ($("screen-text").textContent !== s.screenText) $("screen-text").textContent = s.screenText;
    document.body.dataset.state = s.terminalState;
    const sel = $("resident");
    let label = s.cardPresent;
    if (sel && s.cardPresent) { for (const o of sel.options) if (o.value === s.cardPresent) label = o.textContent.split(" — ")[0]; }
    $("card-state").textContent = s.cardPresent ? "On the reader: " + label : "No card on the reader.";
    document.body.dataset.card = s.cardPresent || "";
    const reg = document.querySelector("section.register");
    reg.hidden = !s.payAtRegister;
    $("pay-code").textContent = s.paymentCode ? "Waiting: code " + s.paymentCode : "No payment waiting.";
    const led = $("led");
    led.className = "led led-" + s.led;
    led.setAttribute("aria-label", "Status light: " + s.led);
    if (lastBeeps >= 0 && s.beeps > lastBeeps) { $("beep").textContent = "Beep"; setTimeout(() => { $("beep").textContent = ""; }, 400); }
    lastBeeps = s.beeps;
    renderDocuments(s.documents);
    renderParts(s.parts);
  }

  function listen() {
    if (!window.EventSource) return;
    const es = new EventSource("/events");
    es.addEventListener("frame", (e) => showFrame(Number(e.data)));
    es.onerror = () => { es.close(); setTimeout(listen, 1000); };
  }

  say("");
  listen();
  refresh();
  setInterval(refresh, 1000);
})();
