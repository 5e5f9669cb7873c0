// A team's page: its firm's monthly budget split, sent before each round.
"use strict";

const team = Number(location.pathname.split("/").pop());   // 1-based
const $ = id => document.getElementById(id);
let levers = null, steps = null, touched = false, message = "";

function stepsChosen() {
  return [...document.querySelectorAll("#levers input")].reduce((a, s) => a + Number(s.value), 0);
}

function buildLevers(state) {
  steps = state.steps;
  levers = state.levers;
  $("levers").replaceChildren(...levers.map(lever => {
    const slider = el("input", {type: "range", min: 0, max: steps.length - 1, step: 1, value: 0,
                                name: lever.key});
    slider.setAttribute("aria-label", lever.words);
    slider.addEventListener("input", () => {          // never more than the budget
      const over = stepsChosen() - (steps.length - 1);
      if (over > 0) slider.value = Number(slider.value) - over;
      touched = true;
      showAmounts();
    });
    return el("div", {className: "lever"},
              el("div", {className: "top"}, el("b", {}, lever.words),
                 el("span", {className: "quiet"}, lever.price)),
              slider, el("div", {}, el("span", {className: "amount", id: `amount-${lever.key}`})));
  }));
}

function showAmounts() {
  for (const slider of document.querySelectorAll("#levers input"))
    $(`amount-${slider.name}`).textContent = `${steps[slider.value]} a month`;
  $("unspent").textContent = steps[steps.length - 1 - stepsChosen()];
}

function showPlan(state, mine) {
  const last = steps.length - 1;
  for (const slider of document.querySelectorAll("#levers input"))
    slider.value = Math.round((mine.split[slider.name] || 0) / state.budget * last);
  showAmounts();
}

function draw(state) {
  const mine = state.teams[team - 1];
  if (!mine) { $("name").textContent = "No such team"; return; }
  if (!levers) buildLevers(state);
  if (!touched) showPlan(state, mine);
  $("dot").replaceChildren(swatch(mine.colour));
  $("name").textContent = mine.name;
  document.title = `Ripple market game: ${mine.name}`;
  $("phase").textContent = state.words + ".";
  $("month").textContent = state.phase === "playing" || state.phase === "paused" ?
    `Month ${state.month_in_round} of ${state.round_months} in this round.` : "";
  $("budget").textContent = state.budget_text;
  const open = state.phase === "planning";
  for (const slider of document.querySelectorAll("#levers input")) slider.disabled = !open;
  $("send").disabled = !open;
  $("sent").textContent = message || (
    state.phase === "over" ? "" : !open ? "Plans are locked while the round plays."
    : mine.planned ? `Plan sent for round ${state.round}.`
    : "Not sent yet: the teacher starts the round soon.");
  $("customers").textContent = mine.customers;
  $("share").textContent = `${mine.share} of the market`;
  $("profit").textContent = state.rounds_played ?
    `${state.profit_words} to the end of round ${state.rounds_played}: ${mine.profit}` : "";
  leaderboard($("board"), state, 3);
}

$("send").addEventListener("click", async () => {
  const split = {}, state = await getJSON("/api/state");
  const last = state.steps.length - 1;
  for (const slider of document.querySelectorAll("#levers input"))
    split[slider.name] = state.budget * Number(slider.value) / last;
  const reply = await post(`/api/team/${team}/plan`, {split});
  message = reply.error || "";
  touched = false;
  draw(await getJSON("/api/state"));
});

$("rename").addEventListener("click", async () => {
  const reply = await post(`/api/team/${team}/name`, {name: $("newname").value});
  message = reply.error || "";
  $("newname").value = "";
  draw(await getJSON("/api/state"));
});

follow(draw);
