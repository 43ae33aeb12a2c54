// The health endpoint: 200 when every started platform is connected and the storage answers,
// 503 with the part that is unwell otherwise; 404 for anything but GET /healthz.
import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer, type HealthSources } from '../src/app/health.ts';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function serve(sources: HealthSources) {
  const health = await startHealthServer(0, sources, '127.0.0.1');
  stops.push(health.stop);
  return (path = '/healthz') => fetch(`http://127.0.0.1:${health.port}${path}`);
}

describe('health endpoint', () => {
  it('answers 200 with the parts when all is well, 503 naming the part that is not', async () => {
    let discordUp = true;
    let storageUp = true;
    const get = await serve({
      platforms: () => [
        { name: 'discord', ok: discordUp },
        { name: 'slack', ok: true },
      ],
      storage: async () => ({ ok: storageUp, detail: storageUp ? 'postgres://db/ilzam' : 'postgres://db/ilzam: ECONNREFUSED' }),
      digest: () => ({ lastRunAt: '2025-05-27T04:00:00.000Z' }),
    });
    const ok = await get();
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'ok', platforms: [{ name: 'discord', ok: true }, { name: 'slack', ok: true }], storage: { ok: true }, digest: { lastRunAt: '2025-05-27T04:00:00.000Z' } });
    discordUp = false;
    expect((await get()).status).toBe(503);
    discordUp = true;
    storageUp = false;
    const down = await get();
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'unhealthy', storage: { ok: false, detail: expect.stringContaining('ECONNREFUSED') } });
    expect((await get('/other')).status).toBe(404);
  });
});
