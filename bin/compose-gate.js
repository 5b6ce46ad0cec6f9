#!/usr/bin/env node
// CommonJS (bin/package.json), like the launcher: no ES module loader is started for the CLI.
require("../dist/cli/launch.cjs").launch(process.argv.slice(2));
