// `npm run dev`: the UI in a browser on the real engine. Builds and starts the development
// bridge (a temporary store unless RECAP_DATA_DIR names one), then Vite, which forwards the
// page's /api calls to the bridge with its token.
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { bridgeBinary, startBridge } from '../e2e/bridge';

const repo = resolve(import.meta.dirname, '../..');
const built = spawnSync('cargo', ['build', '-p', 'recap-bridge'], { cwd: repo, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
console.log(`bridge: ${bridgeBinary()}`);
const bridge = await startBridge();
console.log(`bridge: ${bridge.url} (store in ${bridge.dataDir})`);
const vite = spawn('npx', ['vite', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, RECAP_BRIDGE_URL: bridge.url, RECAP_BRIDGE_TOKEN: bridge.token },
});
const stop = (): void => {
  vite.kill('SIGTERM');
  void bridge.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
vite.on('exit', (code) => void bridge.stop().then(() => process.exit(code ?? 0)));
