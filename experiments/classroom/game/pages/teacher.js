// The teacher's projector page: the network coloured by brand, market shares, the
// leaderboard, and the buttons that start, pause and resume rounds.
"use strict";

const key = new URLSearchParams(location.search).get("key") || "";
const $ = id => document.getElementById(id);
const NOBODY = "#cfcfcf", SVG = "http://www.w3.org/2000/svg";
let network = null, brands = "", brandVersion = -1, colours = [], current = null;

async function act(action) {
  const reply = await post(`/api/teacher/${action}?key=${encodeURIComponent(key)}`);
  $("error").textContent = reply.error || "";
}
$("start").addEventListener("click", () => act("start"));
$("pause").addEventListener("click", () => act(current && current.phase === "paused" ? "resume" : "pause"));

function drawNetwork() {
  const canvas = $("market"), box = canvas.getBoundingClientRect(), ratio = devicePixelRatio || 1;
  canvas.width = Math.round(box.width * ratio);        // one drawn pixel a screen pixel
  canvas.height = Math.round(box.height * ratio);
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, box.width, box.height);
  if (!network) return;
  const side = Math.min(box.width, box.height), pad = 8, scale = side - 2 * pad;
  const x0 = (box.width - side) / 2 + pad, y0 = (box.height - side) / 2 + pad, xy = network.xy;
  const px = i => x0 + xy[2 * i] * scale, py = i => y0 + xy[2 * i + 1] * scale;
  ctx.strokeStyle = "rgba(120,120,120,0.12)";
  ctx.lineWidth = 0.6;
  ctx.beginPath();
  for (let t = 0; t < network.ties.length; t += 2) {
    const a = network.ties[t], b = network.ties[t + 1];
    ctx.moveTo(px(a), py(a)); ctx.lineTo(px(b), py(b));
  }
  ctx.stroke();
  const n = xy.length / 2, r = Math.max(1.5, Math.min(6, 0.45 * scale / Math.sqrt(n)));
  const paths = [NOBODY, ...colours].map(() => new Path2D());   // one path a brand
  for (let i = 0; i < n; i++) {
    const path = paths[Math.max(brands.charCodeAt(i) - 96, 0)], x = px(i), y = py(i);
    path.moveTo(x + r, y); path.arc(x, y, r, 0, 2 * Math.PI);
  }
  paths.forEach((path, b) => { ctx.fillStyle = b ? colours[b - 1] : NOBODY; ctx.fill(path); });
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

// Each team's market share by month: lines, 0 to a little over the largest share on the
// left, months below. Drawn in CSS pixels (the SVG's own size), so its type is the
// page's at every window size.
function drawShares(state) {
  const chart = $("shares"), w = Math.max(chart.clientWidth, 300), h = 200;
  const left = 64, right = 10, top = 12, bottom = 32;
  chart.setAttribute("viewBox", `0 0 ${w} ${h}`);
  chart.setAttribute("height", h);
  const months = Math.max(state.shares.length - 1, state.rounds * state.round_months);
  const highest = Math.max(0.1, ...state.shares.flat());
  const ceiling = Math.min(1, Math.ceil(highest * 1.2 * 10) / 10);
  const x = m => left + (w - left - right) * m / months;
  const y = s => top + (h - top - bottom) * (1 - s / ceiling);
  const parts = [svg("line", {x1: left, y1: y(0), x2: w - right, y2: y(0), stroke: "#888"})];
  for (const s of [0, ceiling / 2, ceiling])
    parts.push(svg("text", {x: left - 6, y: y(s) + 6, "text-anchor": "end"}, `${Math.round(s * 100)}%`));
  for (let r = 0; r <= state.rounds; r++) {
    const m = r * state.round_months;
    parts.push(svg("line", {x1: x(m), y1: y(0), x2: x(m), y2: y(ceiling), stroke: "#ddd"}));
  }
  parts.push(svg("text", {x: (left + w) / 2, y: h - 6, "text-anchor": "middle"},
                 "months; rounds between grey lines"));
  state.teams.forEach((team, k) => {
    const points = state.shares.map((row, m) => `${x(m).toFixed(1)},${y(row[k]).toFixed(1)}`);
    parts.push(svg("polyline", {points: points.join(" "), fill: "none", stroke: team.colour, "stroke-width": 3}));
  });
  chart.replaceChildren(...parts);
}

async function draw(state) {
  current = state;
  colours = state.teams.map(t => t.colour);
  const planned = state.teams.filter(t => t.planned).length;
  $("phase").textContent = state.words + ({
    playing: `, month ${state.month_in_round} of ${state.round_months}.`,
    paused: `, month ${state.month_in_round} of ${state.round_months}.`,
    planning: `: ${planned} of ${state.teams.length} plans in.`}[state.phase] || ".");
  $("start").textContent = state.phase === "over" ? "Game over" : `Start round ${state.round}`;
  $("start").disabled = state.phase !== "planning";
  $("pause").textContent = state.phase === "paused" ? "Resume" : "Pause";
  $("pause").disabled = !(state.phase === "playing" || state.phase === "paused");
  $("legend").replaceChildren(...state.teams.map(t => el("span", {}, swatch(t.colour), `${t.name} ${t.share}`)));
  drawShares(state);
  leaderboard($("board"), state, 3);
  if (!network) network = await getJSON("/api/network");
  const seen = await getJSON("/api/brands");
  if (seen.version !== brandVersion) { brands = seen.brands; brandVersion = seen.version; }
  drawNetwork();
}

addEventListener("resize", () => { drawNetwork(); if (current) drawShares(current); });
follow(draw);
