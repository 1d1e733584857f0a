import { html, raw } from 'hono/html';

/** The ops page's stylesheet, inlined so the page works with no asset server and no CDN. */
const styles = `
:root {
  --bg: #f5f6f8; --panel: #fff; --ink: #1d2433; --muted: #555d6e; --line: #e3e6ec;
  --accent: #1f5fc9; --warn: #d98a00; --bad: #d2423b;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 40px; }
header { display: flex; align-items: baseline; gap: 24px; flex-wrap: wrap; margin-bottom: 20px; }
h1 { font-size: 20px; margin: 0; font-weight: 650; }
h1 span { color: var(--muted); font-weight: 500; }
header form { display: flex; gap: 8px; align-items: center; font-size: 14px; color: var(--muted); }
header select, header input, header button { font: inherit; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); color: var(--ink); }
header button { cursor: pointer; }
.meta { margin-left: auto; font-size: 13px; color: var(--muted); }
.meta a { color: var(--accent); text-decoration: underline; }
.kpis { display: grid; grid-template-columns: repeat(6, minmax(0, 1fr)); gap: 12px; margin-bottom: 16px; }
.kpis.period { grid-template-columns: repeat(8, minmax(0, 1fr)); }
/* A figure never leaves its card: long values wrap instead of spilling over the border. */
.kpi { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; min-width: 0; overflow-wrap: anywhere; }
a.kpi { display: block; color: inherit; text-decoration: none; }
a.kpi:hover, a.kpi:focus-visible { border-color: var(--accent); }
a.kpi .value { color: var(--accent); }
.ranges { display: flex; gap: 4px; font-size: 14px; }
.ranges a { padding: 4px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); color: var(--ink); text-decoration: none; }
.ranges a[aria-current] { background: var(--accent); border-color: var(--accent); color: #fff; }
h2.section { font-size: 16px; margin: 8px 0 12px; }
h2.section small { font-weight: 400; color: var(--muted); font-size: 13px; }
main > .grid { margin-bottom: 20px; }
.scroll { overflow-x: auto; }
.trend-chart { max-width: 960px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
td a, .panel a { color: var(--accent); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; font-size: 13px; margin: 0 0 12px; }
dt { color: var(--muted); }
dd { margin: 0; }
pre { font-size: 12px; background: #fafbfc; border: 1px solid var(--line); border-radius: 6px; padding: 8px; overflow-x: auto; }
.body { white-space: pre-wrap; font-size: 14px; }
table.days th[scope=row] { white-space: nowrap; }
.kpi h2 { font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 0 0 6px; }
.kpi .value { font-size: 28px; font-weight: 650; font-variant-numeric: tabular-nums; }
.kpi .detail { font-size: 12px; color: var(--muted); margin-top: 2px; }
.kpi.warn .value { color: var(--warn); }
.kpi.bad .value { color: var(--bad); }
.grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; min-width: 0; }
.panel.wide { grid-column: 1 / -1; }
.panel h2 { font-size: 14px; font-weight: 650; margin: 0 0 12px; display: flex; align-items: center; gap: 16px; }
.panel h2 small { font-weight: 400; color: var(--muted); font-size: 12px; }
.panel h3 { font-size: 12px; font-weight: 600; color: var(--muted); margin: 12px 0 4px; }
.panel table + table { margin-top: 12px; }
.legend { display: flex; gap: 14px; font-size: 12px; font-weight: 400; color: var(--muted); margin-left: auto; }
.legend svg { width: 10px; height: 10px; margin-right: 5px; vertical-align: -1px; }
.chart { width: 100%; height: auto; display: block; }
.chart.bars { max-width: 720px; }
.chart text { font-size: 12px; fill: var(--ink); dominant-baseline: middle; }
.bar-label { text-anchor: end; }
.bar-caption { fill: var(--muted) !important; font-variant-numeric: tabular-nums; }
.bar-track { fill: #eef0f4; }
.grid line, .chart .grid { stroke: var(--line); stroke-width: 1; }
.axis-y { text-anchor: end; fill: var(--muted) !important; font-size: 11px !important; }
.axis-x { fill: var(--muted) !important; font-size: 11px !important; }
table { width: 100%; border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
th { text-align: left; font-weight: 600; color: var(--muted); font-size: 12px; border-bottom: 1px solid var(--line); padding: 6px 8px; }
td { padding: 6px 8px; border-bottom: 1px solid var(--line); }
th.num, td.num { text-align: right; }
tr.group td { font-weight: 600; color: var(--muted); font-size: 12px; background: #fafbfc; }
.empty { color: var(--muted); font-size: 13px; margin: 8px 0; }
.sign-in { max-width: 420px; display: grid; gap: 10px; font-size: 14px; }
.sign-in input, .sign-in button, header .sign-out button { font: inherit; padding: 6px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); color: var(--ink); }
.sign-in .problem { color: var(--bad); margin: 0; }
@media (max-width: 1100px) { .kpis, .kpis.period { grid-template-columns: repeat(4, minmax(0, 1fr)); } .grid { grid-template-columns: 1fr; } }
/* A phone: two figures a row, panels edge to edge, and a table wider than the screen scrolls inside its panel. */
@media (max-width: 600px) {
  body { padding: 12px; }
  .kpis, .kpis.period { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
  .kpi { padding: 10px 12px; }
  .kpi .value { font-size: 22px; }
  .panel { padding: 12px; overflow-x: auto; }
  .panel h2 { flex-wrap: wrap; gap: 4px 12px; }
  .meta { margin-left: 0; }
}
`;

/** The stylesheet as the `<style>` tag of a page whose CSP admits inline styles by this response's nonce only. */
export const styleTag = (nonce: string | undefined) => html`<style nonce="${nonce}">${raw(styles)}</style>`;
