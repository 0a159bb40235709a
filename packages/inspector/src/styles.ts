/** The panel's stylesheet: lives in its shadow root, so the page's CSS and the panel's never meet. */
export const styles = `
:host { all: initial; position: fixed; z-index: 2147483647; top: 0; right: 0; bottom: 0; width: min(760px, 100vw);
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2330; }
.panel { box-sizing: border-box; height: 100%; overflow: auto; background: #fbfcfe; border-left: 1px solid #c9d1e0;
  box-shadow: -6px 0 24px rgba(20, 30, 60, .18); padding: 0 16px 24px; }
.top { position: sticky; top: 0; background: #fbfcfe; display: flex; align-items: center; gap: 12px; padding: 12px 0 8px;
  border-bottom: 1px solid #e1e6ef; z-index: 1; }
.top h2 { font-size: 15px; margin: 0; flex: 1; }
.top .summary { color: #5b6478; }
h3 { font-size: 13px; margin: 0; }
section > h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: #5b6478; margin: 18px 0 8px; }
button { font: inherit; border: 1px solid #b8c2d6; background: #fff; border-radius: 4px; padding: 2px 10px; cursor: pointer; }
button:hover { background: #eef2fa; }
.muted { color: #7a8398; font-weight: normal; }
.graph-wrap { overflow-x: auto; }
.graph .edge { fill: none; stroke: #9aa6bd; stroke-width: 1.5; }
.graph .node rect { fill: #fff; stroke: #9aa6bd; }
.graph .node.host rect { fill: #e8eefc; stroke: #5a78c8; }
.graph .node .title { font-weight: 600; font-size: 12px; fill: #1d2330; }
.graph .node .subtitle { font-size: 11px; fill: #5b6478; }
.graph .node[data-status="loaded"] rect { fill: #e6f6ea; stroke: #3f9a57; }
.graph .node[data-status="failed"] rect { fill: #fdeaea; stroke: #cc3d3d; }
.graph .node[data-status="circuit open"] rect { fill: #fff2e0; stroke: #d9822b; }
.graph .node[data-status="loading"] rect { fill: #eaf2ff; stroke: #3d7ad9; }
.graph .node[data-status="unloaded"] rect, .graph .node[data-status="not loaded"] rect, .graph .node[data-status="idle"] rect { fill: #f3f4f7; stroke: #a9afbd; stroke-dasharray: 4 3; }
.remote { border: 1px solid #dde3ee; border-radius: 8px; background: #fff; padding: 10px 12px; margin: 0 0 10px; }
.remote header { display: flex; align-items: center; gap: 8px; }
.remote .actions { margin-left: auto; display: flex; gap: 6px; }
.badge { border-radius: 10px; padding: 0 8px; font-size: 11px; background: #eef0f4; color: #4b5366; }
.badge[data-status="loaded"] { background: #dff3e4; color: #256b39; }
.badge[data-status="failed"] { background: #fbdcdc; color: #9b1f1f; }
.badge[data-status="circuit open"] { background: #ffe8c7; color: #8a4b07; }
.badge[data-status="loading"] { background: #dce9ff; color: #24528f; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0; }
dt { color: #7a8398; } dd { margin: 0; word-break: break-all; }
.error { background: #fdf0f0; border-left: 3px solid #cc3d3d; padding: 4px 8px; margin: 6px 0; word-break: break-word; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
.waterfall { margin-top: 6px; }
.step { display: grid; grid-template-columns: 190px 1fr 64px; align-items: center; gap: 8px; height: 20px; }
.step .label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 12px; }
.step .label b { font-weight: 600; display: inline-block; min-width: 52px; color: #4b5366; }
.step .track { position: relative; height: 10px; background: #f1f3f7; border-radius: 3px; }
.step .bar { position: absolute; top: 0; bottom: 0; border-radius: 3px; background: #8a99b8; }
.bar.manifest { background: #8e6ad6; } .bar.entry { background: #3d7ad9; } .bar.init { background: #2b9aa8; }
.bar.expose { background: #3f9a57; } .bar.chunk { background: #d6a23a; } .bar.css { background: #c8609c; }
.bar.failed { background: #cc3d3d; } .bar.running { opacity: .5; }
.step .time { text-align: right; font-size: 11px; color: #5b6478; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.share { border: 1px solid #dde3ee; border-radius: 8px; background: #fff; padding: 10px 12px; margin: 0 0 10px; }
.versions { list-style: none; padding: 0; margin: 6px 0; display: flex; flex-wrap: wrap; gap: 6px; }
.version { border: 1px solid #cfd6e4; border-radius: 6px; padding: 2px 8px; }
.version.loaded { border-color: #3f9a57; background: #f1faf3; }
.tag { font-size: 10px; border-radius: 8px; padding: 0 6px; background: #e4e8f0; color: #4b5366; }
table { border-collapse: collapse; width: 100%; font-size: 12px; }
th { text-align: left; color: #7a8398; font-weight: 500; border-bottom: 1px solid #e1e6ef; padding: 3px 6px; }
td { border-bottom: 1px solid #f0f2f6; padding: 3px 6px; }
.rule { border-radius: 4px; padding: 0 6px; background: #eef2fa; }
.rule.own-fallback, .rule.singleton-unsatisfied, .rule.unsatisfied-highest { background: #fff2e0; }
.rule.foreign { background: #f1ecfb; }
.warnings { margin: 6px 0 0; padding-left: 18px; color: #8a4b07; }
`;
