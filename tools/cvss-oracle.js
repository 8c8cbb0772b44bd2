// CVSS oracle: reads one vector per line on stdin, prints the base score as the npm package
// ae-cvss-calculator computes it (FIRST's formulas, v3.0, v3.1 and v4.0 with FIRST's rounding),
// or "error". Makes test vectors for kaiyuan's CVSS calculators (tests/e2e/cvss_agrees.sh).
const c = require("ae-cvss-calculator");
const out = [];
for (const v of require("fs").readFileSync(0, "utf8").split("\n")) {
  if (!v) continue;
  try {
    let s;
    if (v.startsWith("CVSS:4.0/")) s = new c.Cvss4P0(v).calculateScores().overall;
    else if (v.startsWith("CVSS:3.1/")) s = new c.Cvss3P1(v).calculateScores().base;
    else if (v.startsWith("CVSS:3.0/")) s = new c.Cvss3P0(v).calculateScores().base;
    out.push(s === undefined ? "error" : s.toFixed(1));
  } catch (e) {
    out.push("error");
  }
}
process.stdout.write(out.join("\n") + "\n");
