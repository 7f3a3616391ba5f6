// The public progress page: one bar per target of the plan, refreshed from /api/progress.
"use strict";

const REFRESH_MS = 15000;
const KINDS = { "platforms": "Platforms", "solution-providers": "Solution providers", "security-products": "Security products" };
const STATUSES = ["DRAFT", "SUBMITTED", "CHANGES_REQUESTED", "APPROVED", "REJECTED", "REVOKED"];

/** "6 of 10 entries"; money in billions of CNY and in 亿元 (10⁸ CNY), the unit the plan uses. */
function formatFigures(achieved, goal, unit) {
  if (unit === "CNY") {
    const bn = value => (value / 1e9).toLocaleString("en-US", { maximumFractionDigits: 1 });
    const yi = value => (value / 1e8).toLocaleString("en-US", { maximumFractionDigits: 0 });
    return bn(achieved) + " of " + bn(goal) + " bn CNY (" + yi(achieved) + " / " + yi(goal) + " 亿元)";
  }
  return achieved.toLocaleString("en-US") + " of " + goal.toLocaleString("en-US") + " " + unit;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderTargets(targets) {
  const list = document.getElementById("targets");
  list.replaceChildren(...targets.map(row => {
    const percent = Math.min(100, row.ratio * 100);
    const item = element("li", "target" + (row.ratio >= 1 ? " reached" : "") + (row.available ? "" : " unavailable"));
    item.dataset.target = row.target;
    const header = element("header");
    const name = element("span", "name", row.title);
    name.title = row.titleZh;
    header.append(name, element("span", "figures",
      formatFigures(row.achieved, row.goal, row.unit) + " · " + (row.ratio * 100).toFixed(1) + " %"));
    const track = element("div", "track");
    track.setAttribute("role", "progressbar");
    track.setAttribute("aria-label", row.title);
    track.setAttribute("aria-valuemin", "0");
    track.setAttribute("aria-valuemax", String(row.goal));
    track.setAttribute("aria-valuenow", String(row.achieved));
    const fill = element("div", "fill");
    fill.style.width = percent + "%";
    track.append(fill);
    item.append(header, track, element("span", "note", row.titleZh + (row.available ? "" : " — figures unavailable right now, showing the last known")));
    return item;
  }));
}

function renderEntries(entries) {
  const table = document.getElementById("entries");
  const headRow = element("tr");
  headRow.append(element("th", "", "Kind"), ...STATUSES.map(status => element("th", "", status.replace("_", " ").toLowerCase())));
  headRow.querySelectorAll("th").forEach(th => th.scope = "col");
  table.tHead.replaceChildren(headRow);
  table.tBodies[0].replaceChildren(...Object.keys(KINDS).map(kind => {
    const row = element("tr");
    row.dataset.kind = kind;
    const counts = entries[kind];
    row.append(element("th", "", KINDS[kind]), ...STATUSES.map(status => element("td", "", counts ? String(counts[status] ?? 0) : "–")));
    row.firstChild.scope = "row";
    return row;
  }));
}

function renderDeadline(progress) {
  document.getElementById("title").textContent = progress.title + " — progress";
  document.getElementById("title-zh").textContent = progress.titleZh;
  const deadline = document.getElementById("deadline");
  deadline.textContent = progress.deadline;
  deadline.dateTime = progress.deadline;
  const days = Math.round((Date.parse(progress.deadline + "T23:59:59+08:00") - Date.now()) / 86400000);
  document.getElementById("countdown").textContent = days >= 0 ? "(" + days + " days left)" : "(passed " + (-days) + " days ago)";
}

async function refresh() {
  const status = document.getElementById("status");
  try {
    const response = await fetch("/api/progress", { headers: { "Accept": "application/json" } });
    if (!response.ok) throw new Error("HTTP " + response.status);
    const progress = await response.json();
    renderDeadline(progress);
    renderTargets(progress.targets);
    renderEntries(progress.entries);
    status.className = "status";
    status.textContent = "Updated " + new Date(progress.asOf).toLocaleString();
  } catch (error) {
    status.className = "status error";
    status.textContent = "Progress could not be loaded (" + error.message + "); retrying.";
  }
}

refresh();
setInterval(refresh, REFRESH_MS);
