// The console's one script: live updates from the event stream, and the serial console's websocket.
// Pages work without it (they are server-rendered); it only keeps them current.
"use strict";

(function () {
  // One fetch at a time per key, the latest wins: events of one server may arrive faster than rows render.
  const chains = new Map();
  function serialize(key, work) {
    const next = (chains.get(key) || Promise.resolve()).then(work, work);
    chains.set(key, next.catch(() => {}));
    return next;
  }

  function fragment(html) {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function openEvents(query, onEvent) {
    const state = document.getElementById("live-state");
    const source = new EventSource("/console/events" + query);
    source.onopen = () => { if (state) state.textContent = "Live: changes appear as they happen."; };
    source.onerror = () => { if (state) state.textContent = "Live updates interrupted; reconnecting…"; };
    // The console's relay sends every event unnamed: one listener sees them all.
    source.onmessage = (e) => {
      try {
        const data = JSON.parse(e.data);
        const id = data.payload && data.payload["nova_object.data"] && data.payload["nova_object.data"].uuid;
        if (id) onEvent(id, data.event_type);
      } catch (_) { /* not an event frame */ }
    };
    return source;
  }

  function liveList(table) {
    const body = table.tBodies[0];
    openEvents("", (id) => serialize(id, async () => {
      const response = await fetch("/console/servers/" + encodeURIComponent(id) + "/row", { credentials: "same-origin" });
      const existing = body.querySelector('tr[data-server-id="' + CSS.escape(id) + '"]');
      if (response.status === 404) { if (existing) existing.remove(); return; }
      if (!response.ok) return;
      const row = fragment(await response.text());
      if (existing) existing.replaceWith(row); else body.prepend(row);
      const empty = document.getElementById("no-servers");
      if (empty) empty.remove();
    }));
  }

  function liveServer(details) {
    const id = details.dataset.serverId;
    openEvents("?server_id=" + encodeURIComponent(id), () => serialize(id, async () => {
      const response = await fetch("/console/servers/" + encodeURIComponent(id) + "/details", { credentials: "same-origin" });
      if (!response.ok) return;
      const current = document.getElementById("server-details");
      // Keep the keyboard where it was when the buttons are replaced.
      const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.action : null;
      current.replaceWith(fragment(await response.text()));
      if (focused) { const again = document.querySelector('[data-action="' + focused + '"]'); if (again) again.focus(); }
    }));
  }

  function serial(pre) {
    const state = document.getElementById("serial-state");
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const socket = new WebSocket(scheme + location.host + pre.dataset.socket);
    socket.onopen = () => { state.textContent = "Connected: the console log streams here."; };
    socket.onclose = () => { state.textContent = "Disconnected."; };
    socket.onmessage = (e) => {
      let text = String(e.data);
      if (text.startsWith("\f")) { pre.textContent = ""; text = text.slice(1); }
      const atEnd = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
      pre.textContent += text;
      if (atEnd) pre.scrollTop = pre.scrollHeight;
    };
  }

  document.addEventListener("DOMContentLoaded", () => {
    const table = document.querySelector("table[data-live-list]");
    if (table) liveList(table);
    const details = document.getElementById("server-details");
    if (details) liveServer(details);
    const pre = document.getElementById("serial");
    if (pre) serial(pre);
  });
})();
