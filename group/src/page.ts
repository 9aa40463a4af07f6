/**
 * The `/group` page (zh-CN first): the stores side by side over a date range, with CSV export.
 * A small static page and script served by the group server; it reads `/api/group/stats` with
 * the admin token kept in the tab's sessionStorage.
 */
export function groupPage(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>集团服务报表</title>
<style>
  body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 24px; color: #1f2933; }
  h1 { font-size: 24px; }
  form { display: flex; gap: 12px; align-items: end; flex-wrap: wrap; margin-bottom: 16px; }
  label { display: flex; flex-direction: column; font-size: 14px; gap: 4px; }
  input, button { font-size: 16px; padding: 6px 10px; }
  table { border-collapse: collapse; min-width: 60%; }
  th, td { border: 1px solid #cbd2d9; padding: 6px 12px; text-align: right; }
  th:first-child, td:first-child { text-align: left; }
  thead th { background: #f0f4f8; }
  .total { font-weight: bold; }
  #error { color: #b42318; min-height: 1.5em; }
</style>
</head>
<body>
<h1>集团服务报表 <small lang="en">Group service report</small></h1>
<form id="range">
  <label>管理员令牌 <input id="token" type="password" autocomplete="current-password" required></label>
  <label>开始日期 <input id="from" type="date" required></label>
  <label>结束日期 <input id="to" type="date" required></label>
  <button type="submit">查询</button>
  <button type="button" id="csv">导出 CSV</button>
</form>
<p id="error" role="alert"></p>
<table id="figures" hidden><thead></thead><tbody></tbody></table>
<script src="/group/app.js"></script>
</body>
</html>
`;
}

/** The page's script: plain browser JavaScript, no build step. */
export function groupScript(): string {
  return `'use strict';
const $ = (id) => document.getElementById(id);
const ROWS = [
  ['发券数 Issued', (f) => f.issued],
  ['已叫号 Called', (f) => f.called],
  ['已服务 Served', (f) => f.served],
  ['过号 No-shows', (f) => f.noShows],
  ['等候中位数 Wait p50', (f) => seconds(f.waitP50Seconds)],
  ['等候 P90 Wait p90', (f) => seconds(f.waitP90Seconds)],
  ['一分钟接待率 Greeting rate', (f) => percent(f.greetingRate)],
  ['准时交车率 On-time delivery', (f) => percent(f.onTimeDelivery.rate)],
  ['交车数 Delivered', (f) => f.onTimeDelivery.delivered],
  ['预约率 Appointment share', (f) => percent(f.appointments.appointmentShare)],
  ['预约未到 Appointment no-shows', (f) => f.appointments.noShows],
  ['满意度（总体）Satisfaction', (f) => (f.satisfaction ? f.satisfaction.overall.toFixed(2) : '—')],
  ['问卷数 Survey responses', (f) => (f.satisfaction ? f.satisfaction.responses : 0)],
];
function seconds(s) { return s === null ? '—' : (s < 120 ? Math.round(s) + ' 秒' : Math.round(s / 60) + ' 分钟'); }
function percent(r) { return r === null ? '—' : (r * 100).toFixed(1) + '%'; }
const today = new Date().toISOString().slice(0, 10);
$('from').value = sessionStorage.getItem('group.from') || today;
$('to').value = sessionStorage.getItem('group.to') || today;
$('token').value = sessionStorage.getItem('group.token') || '';
function query() {
  sessionStorage.setItem('group.token', $('token').value);
  sessionStorage.setItem('group.from', $('from').value);
  sessionStorage.setItem('group.to', $('to').value);
  return '?from=' + encodeURIComponent($('from').value) + '&to=' + encodeURIComponent($('to').value);
}
async function get(path) {
  const res = await fetch(path, { headers: { authorization: 'Bearer ' + $('token').value } });
  if (res.status === 401) throw new Error('令牌不正确，请重新输入。');
  if (res.status === 400) throw new Error('日期范围无效：结束日期须不早于开始日期，且不超过 366 天。');
  if (!res.ok) throw new Error('暂时无法读取报表，请稍后再试。');
  return res;
}
function cell(tag, text, cls) { const el = document.createElement(tag); el.textContent = String(text); if (cls) el.className = cls; return el; }
async function show(event) {
  event.preventDefault();
  $('error').textContent = '';
  try {
    const stats = await (await get('/api/group/stats' + query())).json();
    const columns = stats.stores.map((s) => [s.storeId, s, '']).concat([['合计 Total', stats.total, 'total']]);
    const head = document.createElement('tr');
    head.append(cell('th', '指标'), ...columns.map(([name, , cls]) => cell('th', name, cls)));
    $('figures').tHead.replaceChildren(head);
    $('figures').tBodies[0].replaceChildren(...ROWS.map(([label, get]) => {
      const tr = document.createElement('tr');
      tr.append(cell('th', label), ...columns.map(([, f, cls]) => cell('td', get(f), cls)));
      return tr;
    }));
    $('figures').hidden = false;
  } catch (err) { $('error').textContent = err.message; }
}
$('range').addEventListener('submit', show);
$('csv').addEventListener('click', async () => {
  $('error').textContent = '';
  try {
    const blob = await (await get('/api/group/stats.csv' + query())).blob();
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'group-' + $('from').value + '-' + $('to').value + '.csv';
    a.click();
    URL.revokeObjectURL(a.href);
  } catch (err) { $('error').textContent = err.message; }
});
`;
}
