// Preloaded into a measured process (`node --require`): on exit, writes its peak RSS and CPU time to fd 3 as JSON.
const { writeSync } = require('node:fs');

process.on('exit', () => {
  const usage = process.resourceUsage();
  const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000);
  writeSync(3, JSON.stringify({ maxRssMb: Math.round(usage.maxRSS / 1024), cpuMs }));
});
