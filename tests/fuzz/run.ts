/**
 * `npm run fuzz`: hostile frames against a real server while honest players play
 * (tests/fuzz/fuzz.ts). Options: --frames N (default 100000), --connections N (6),
 * --players N (4), --baseline S (10), --max-seconds S (300). Exits 1 on a crash or if the
 * honest players were not served after the flood.
 */
import { parseArgs } from "node:util";
import { formatReport, runFuzz } from "./fuzz.ts";

const { values } = parseArgs({
  options: {
    frames: { type: "string", default: "100000" },
    connections: { type: "string", default: "6" },
    players: { type: "string", default: "4" },
    baseline: { type: "string", default: "10" },
    "max-seconds": { type: "string", default: "300" },
  },
});

const report = await runFuzz({
  frames: Number(values.frames),
  connections: Number(values.connections),
  players: Number(values.players),
  baselineSeconds: Number(values.baseline),
  maxFloodSeconds: Number(values["max-seconds"]),
  log: (line) => console.log(line),
});
console.log(`\nChokepoint fuzz (node ${process.version})\n${formatReport(report)}`);
if (report.crashes || !report.servedAfter) {
  console.log(`\nserver output:\n${report.serverOutput.slice(-4000)}`);
  process.exit(1);
}
process.exit(0);
