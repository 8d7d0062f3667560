#!/usr/bin/env node
// Kept to syntax any Node.js parses, so that an older Node says what to do instead of failing on the sources.
var major = Number(process.versions.node.split('.')[0]);
var tooOld = `portcullis needs Node.js 24 or later (this is ${process.version}): run "npx portcullis" in the project after "npm ci", which uses its own Node 24, or install Node.js 24`;
if (major < 24) {
  // With --json a failure is one JSON object on stdout, as every command's is.
  if (process.argv.indexOf('--json') > 0)
    process.stdout.write(`${JSON.stringify({ error: 'node_version', message: tooOld })}\n`);
  else process.stderr.write(`${tooOld}\n`);
  process.exit(1);
}
import('../src/cli/main.ts');
