/** `npm run validate-scenario -- FILE...`: prints every problem with its JSON path; exits 1 on a bad file. */
import { readFileSync } from "node:fs";
import { parseScenario } from "../../shared/scenario/validate.ts";

const files = process.argv.slice(2);
if (!files.length) {
  console.error("usage: npm run validate-scenario -- FILE [FILE...]");
  process.exit(2);
}
let bad = 0;
for (const file of files) {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    console.error(`${file}: cannot read: ${(err as Error).message}`);
    bad++;
    continue;
  }
  const result = parseScenario(text);
  if (result.ok) {
    const s = result.scenario;
    console.log(`${file}: ok — "${s.title}", ${s.countries.filter((c) => c.control === "seat").length} seats, ${s.rounds} rounds, ${s.events.length} event cards`);
  } else {
    bad++;
    console.error(`${file}: ${result.issues.length} problem(s)`);
    for (const i of result.issues) console.error(`  ${i.path}: ${i.message}`);
  }
}
process.exit(bad ? 1 : 0);
