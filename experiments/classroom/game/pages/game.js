// Shared by the team and teacher pages: polling the game and drawing its tables.
"use strict";

async function getJSON(path) {
  const reply = await fetch(path, {cache: "no-store"});
  return reply.json();
}

async function post(path, body) {
  const reply = await fetch(path, {method: "POST", body: JSON.stringify(body || {}),
                                   headers: {"Content-Type": "application/json"}});
  return reply.json();
}

// Call `draw(state)` whenever the game changes: each request waits at the server until
// there is a newer state than the one drawn, then the page asks again.
function follow(draw) {
  let seen = -1;
  async function tick() {
    try {
      const state = await getJSON(`/api/state?after=${seen}`);
      if (state.version !== seen) { seen = state.version; await draw(state); }
      setTimeout(tick, 0);
    } catch (e) {
      setTimeout(tick, 1000);      // the server is busy or restarting: try again soon
    }
  }
  tick();
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, attrs || {});
  for (const child of children) node.append(child);
  return node;
}

function swatch(colour) {
  const dot = el("span", {className: "swatch"});
  dot.style.background = colour;
  return dot;
}

// The round-by-round leaderboard: rank, team, profit in the last `shown` rounds, total.
function leaderboard(table, state, shown) {
  const played = state.rounds_played, first = Math.max(0, played - shown);
  const head = el("tr", {}, el("th", {}, "#"), el("th", {}, "Team"));
  for (let r = first; r < played; r++) head.append(el("th", {}, `Round ${r + 1}`));
  head.append(el("th", {}, "Total"));
  const rows = state.leaderboard.map(row => {
    const tr = el("tr", {}, el("td", {}, String(row.rank)),
                  el("td", {}, swatch(row.colour), row.name));
    for (let r = first; r < played; r++) tr.append(el("td", {}, row.rounds[r]));
    tr.append(el("td", {}, el("b", {}, row.total)));
    return tr;
  });
  table.replaceChildren(el("thead", {}, head), el("tbody", {}, ...rows));
  document.getElementById("board-title").textContent = `Leaderboard: ${state.profit_words}`;
  document.getElementById("lead").textContent = state.lead;
}
