// Preloaded into a pack under `npm run bench -- --profile DIR` (NODE_OPTIONS refuses --cpu-prof): records a V8 CPU
// profile from start-up, and on SIGUSR2 writes it to $HARDENED_BENCH_PROFILE_DIR/pack-<pid>.cpuprofile and exits.
// Packs are otherwise stopped with SIGKILL, which would write nothing.
const inspector = require("node:inspector");
const fs = require("node:fs");
const path = require("node:path");

const session = new inspector.Session();
session.connect();
session.post("Profiler.enable");
session.post("Profiler.setSamplingInterval", { interval: 1000 });
session.post("Profiler.start");
process.on("SIGUSR2", () => {
    session.post("Profiler.stop", (err, result) => {
        if (!err) {
            const dir = process.env.HARDENED_BENCH_PROFILE_DIR;
            fs.mkdirSync(dir, { recursive: true });
            fs.writeFileSync(path.join(dir, `pack-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
        }
        process.exit(0);
    });
});
