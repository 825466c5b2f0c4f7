import { type Config, loadConfig } from "../../src/config/config";
import { type App, startServer } from "../../src/main";
import { FixedClock } from "../../src/shared/clock";
import { tempDir } from "./temp-dir";

export const ADMIN_TOKEN = "test-admin-token-0123456789";
/** Monday 23 November 2026, 14:00 UTC: 08:00 in Austin, 09:00 in Boston. */
export const MONDAY = "2026-11-23T14:00:00.000Z";

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    DATA_DIR: tempDir(),
    PORT: "0",
    HOST: "127.0.0.1",
    PUBLIC_URL: "http://localhost:3000",
    LOG_LEVEL: "silent",
    ADMIN_TOKEN,
    RATE_LIMIT_PER_MINUTE: "100000",
    OUTBOX_POLL_MS: "100",
    ...env,
  });
}

export interface TestServer {
  app: App;
  url: string;
  clock: FixedClock;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/** The server as `npm start` builds it, on a fresh data folder, with the clock fixed at `now` (Monday by default). */
export async function startTestServer(options: { env?: Record<string, string>; now?: string } = {}): Promise<TestServer> {
  const clock = new FixedClock(options.now ?? MONDAY);
  const app = await startServer(testConfig(options.env), { clock });
  const url = app.url!;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)["content-type"] ??= "application/json";
    }
    const res = await fetch(url + path, init);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as any, headers: res.headers };
  };
  return {
    app,
    url,
    clock,
    get: (p, h) => call("GET", p, undefined, h),
    post: (p, b, h) => call("POST", p, b ?? {}, h),
    request: (m, p, b, h) => call(m, p, b, h),
    close: () => app.close(),
  };
}

export const adminHeaders = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** The first open slot of a property on a local date, via the public API. */
export async function firstSlot(s: TestServer, propertyId: number, date: string, index = 0) {
  const res = await s.get(`/api/properties/${propertyId}/slots?from=${date}&to=${date}`);
  if (res.status !== 200 || !res.body.slots[index]) throw new Error(`no slot ${index} for ${propertyId} on ${date}: ${JSON.stringify(res.body)}`);
  return res.body.slots[index] as { start: string; end: string; local: string };
}
