// The health endpoint for process managers and container orchestrators: GET /healthz answers
// 200 when every platform that started is connected and the storage answers, 503 otherwise,
// with a small JSON body saying which part is unwell and when the digest last ran. No token,
// no user data, nothing but these facts. Started by npm start when HEALTH_PORT is set.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HealthPart {
  name: string;
  ok: boolean;
  detail?: string;
}

export interface HealthSources {
  platforms(): HealthPart[];
  storage(): Promise<{ ok: boolean; detail: string }>;
  digest(): { lastRunAt?: string; nextWakeAt?: string };
}

export interface HealthReport {
  status: 'ok' | 'unhealthy';
  platforms: HealthPart[];
  storage: { ok: boolean; detail: string };
  digest: { lastRunAt?: string; nextWakeAt?: string };
}

export async function healthReport(sources: HealthSources): Promise<HealthReport> {
  const platforms = sources.platforms();
  const storage = await sources.storage().catch((err: unknown) => ({ ok: false, detail: (err as Error).message }));
  const ok = storage.ok && platforms.length > 0 && platforms.every((p) => p.ok);
  return { status: ok ? 'ok' : 'unhealthy', platforms, storage, digest: sources.digest() };
}

export async function startHealthServer(port: number, sources: HealthSources, host = '0.0.0.0'): Promise<{ server: Server; port: number; stop(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url !== '/healthz' && req.url !== '/health')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    void healthReport(sources).then(
      (report) => res.writeHead(report.status === 'ok' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(`${JSON.stringify(report)}\n`),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('error\n'),
    );
  });
  // Health checks must never keep the process alive or slow its shutdown.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  server.unref();
  return {
    server,
    port: (server.address() as AddressInfo).port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
