// mailrobot: small enhancements only. Every form works without this file.
"use strict";
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("profile-form");
  if (!form) return;
  enhanceTabs(form);
  enhancePresets(form);
});

// «Основные» / «Параметры» as tabs; the panel holding an error opens first.
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
  const withError = panels.findIndex((panel) => panel.querySelector(".field-error"));
  select(withError >= 0 ? withError : 0);
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
    note.textContent = option.dataset.note || "";
  });
  let suggested = security.selectedOptions[0] ? security.selectedOptions[0].dataset.port : "";
  security.addEventListener("change", () => {
    const next = security.selectedOptions[0].dataset.port;
    if (port.value === "" || port.value === suggested) port.value = next;
    suggested = next;
  });
}
