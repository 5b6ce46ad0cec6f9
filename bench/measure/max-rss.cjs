/**
 * Preload (`node --require`) for the bounds rows: at exit, the process's peak resident memory
 * in kilobytes on stderr's last line, as `compose-gate-max-rss <kB>` (what `/usr/bin/time -f %M`
 * reports, from Node itself so it works wherever Node does).
 */
process.on("exit", () => {
  require("node:fs").writeSync(2, `\ncompose-gate-max-rss ${process.resourceUsage().maxRSS}\n`);
});
