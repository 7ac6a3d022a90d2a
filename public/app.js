// mailrobot: small enhancements only. Every form works without this file.
"use strict";
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("profile-form");
  if (form) {
    enhanceTabs(form);
    enhancePresets(form);
    enhancePasswordDrop(form);
  }
  const eventForm = document.getElementById("event-form");
  if (eventForm) enhanceEventPreview(eventForm);
  document.querySelectorAll("button[data-copy]").forEach(enhanceCopy);
});

// «Копировать» copies the text of the element it names. Without JavaScript the button stays
// hidden and one click on the token selects all of it (user-select: all).
function enhanceCopy(button) {
  const source = document.getElementById(button.dataset.copy);
  button.hidden = false;
  button.addEventListener("click", async () => {
    const text = source.textContent;
    try {
      await navigator.clipboard.writeText(text);
    } catch (error) {
      // Plain HTTP on another host than localhost has no clipboard API: copy the selection.
      const range = document.createRange();
      range.selectNodeContents(source);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      document.execCommand("copy");
    }
    button.textContent = button.dataset.done;
  });
}

// «Основные» / «Параметры» as tabs.
function enhanceTabs(form) {
  const tablist = form.querySelector("[role=tablist]");
  const tabs = Array.from(tablist.querySelectorAll("[role=tab]"));
  const panels = tabs.map((tab) => document.getElementById(tab.getAttribute("aria-controls")));
  const select = (index) => {
    tabs.forEach((tab, i) => tab.setAttribute("aria-selected", String(i === index)));
    panels.forEach((panel, i) => { panel.hidden = i !== index; });
  };
  tablist.hidden = false;
  form.classList.add("js-tabs");
  tabs.forEach((tab, index) => tab.addEventListener("click", () => select(index)));
  // The panel holding an error opens first; after «Сохранить» stopped at the limits' warning, its panel.
  const marked = document.getElementById("limits-notice") ? ".field-error, .field-warning" : ".field-error";
  const withError = panels.findIndex((panel) => panel.querySelector(marked));
  select(withError >= 0 ? withError : 0);
  // A link of the summary at the top opens the tab that holds its field.
  document.querySelectorAll("#form-summary a[href^='#']").forEach((link) => link.addEventListener("click", () => {
    const field = document.getElementById(link.getAttribute("href").slice(1));
    const index = panels.findIndex((panel) => panel.contains(field));
    if (index >= 0) select(index);
  }));
}

// Choosing a mail service fills server, port and SSL at once; changing SSL suggests its port.
function enhancePresets(form) {
  const preset = form.querySelector("#preset");
  const host = form.querySelector("#f-host");
  const port = form.querySelector("#f-port");
  const security = form.querySelector("#f-security");
  const note = form.querySelector("#preset-note");
  preset.addEventListener("change", () => {
    const option = preset.selectedOptions[0];
    if (!option || !option.value) { note.textContent = ""; return; }
    host.value = option.dataset.host;
    security.value = option.dataset.security;
    port.value = option.dataset.port;
    // No preset allows the password without encryption (the server unticks it too).
    const plain = form.querySelector("#f-allow_plain_auth");
    if (plain) plain.checked = false;
    note.textContent = option.dataset.note || "";
  });
  let suggested = security.selectedOptions[0] ? security.selectedOptions[0].dataset.port : "";
  security.addEventListener("change", () => {
    const next = security.selectedOptions[0].dataset.port;
    if (port.value === "" || port.value === suggested) port.value = next;
    suggested = next;
  });
}

// On an existing profile, the note that a changed server, port, SSL or login deletes the stored
// password stands out once one of them differs from what was loaded and no password is typed
// (nor kept from the last submit: the form sends that one again).
function enhancePasswordDrop(form) {
  const hint = form.querySelector("#password-drop-hint");
  if (!hint) return;
  const password = form.querySelector("#f-password");
  const kept = form.querySelector("input[name=password_kept]");
  const watched = ["host", "port", "security", "login"].map((name) => form.querySelector("#f-" + name));
  const loaded = watched.map((field) => field.value);
  const update = () => {
    const changed = watched.some((field, i) => field.value.trim() !== loaded[i].trim());
    hint.classList.toggle("changed", changed && password.value === "" && !kept);
  };
  [...watched, password].forEach((field) => {
    field.addEventListener("input", update);
    field.addEventListener("change", update);
  });
  form.querySelector("#preset").addEventListener("change", update);
}

// The event page's preview follows the templates as they are typed: 400 ms after the last
// keystroke the form (with its csrf_token) goes to POST /events/{code}/preview, which answers
// {subject, html, text} or {error: {field, message}}. Without this, «Предпросмотр» does it.
function enhanceEventPreview(form) {
  const url = form.dataset.preview;
  const subject = document.getElementById("preview-subject");
  const frame = document.getElementById("preview-html");
  const text = document.getElementById("preview-text");
  const problem = document.getElementById("preview-error");
  const watched = ["subject", "html", "text", "sample"].map((name) => form.elements.namedItem(name));
  let timer = null;
  let latest = 0;
  const showProblem = (message) => {
    problem.textContent = message;
    problem.hidden = false;
  };
  const refresh = async () => {
    const request = ++latest;
    const body = new URLSearchParams(new FormData(form));
    try {
      const response = await fetch(url, { method: "POST", body, credentials: "same-origin" });
      const answer = await response.json();
      if (request !== latest) return;
      if (answer.error) {
        const field = form.elements.namedItem(answer.error.field);
        const label = field && field.labels && field.labels[0] ? field.labels[0].textContent + ": " : "";
        showProblem(label + answer.error.message);
        return;
      }
      problem.hidden = true;
      problem.textContent = "";
      subject.textContent = answer.subject;
      frame.srcdoc = answer.html;
      text.textContent = answer.text;
    } catch (error) {
      if (request === latest) showProblem(form.dataset.failed);
    }
  };
  watched.forEach((field) => field && field.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  }));
}
