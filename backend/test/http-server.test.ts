import http from "node:http";
import type { AddressInfo } from "node:net";
import express, { type Express } from "express";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpServer } from "../src/http/http-server";

const servers: http.Server[] = [];

async function listen(server: http.Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function echoApp(): Express {
  const app = express();
  app.set("trust proxy", "loopback");
  app.use(express.json());
  app.post("/echo/:id", (req, res) => {
    res
      .status(202)
      .set("X-Seen", req.get("x-test") ?? "none")
      .json({ id: req.params.id, body: req.body, ip: req.ip, path: req.path, query: req.query, protocol: req.protocol, app: req.app === app });
  });
  app.get("/redirect", (_req, res) => res.redirect(302, "/elsewhere"));
  return app;
}

async function callEcho(base: string) {
  const r = await fetch(`${base}/echo/7?q=1`, { method: "POST", headers: { "content-type": "application/json", "x-test": "yes" }, body: JSON.stringify({ a: 1 }) });
  return { status: r.status, seen: r.headers.get("x-seen"), type: r.headers.get("content-type"), body: await r.json() };
}

describe("createHttpServer", () => {
  it("serves an Express app with Express's own request and response API", async () => {
    const base = await listen(createHttpServer(echoApp()));
    expect(await callEcho(base)).toEqual({
      status: 202,
      seen: "yes",
      type: "application/json; charset=utf-8",
      body: { id: "7", body: { a: 1 }, ip: "127.0.0.1", path: "/echo/7", query: { q: "1" }, protocol: "http", app: true },
    });
    const r = await fetch(`${base}/redirect`, { redirect: "manual" });
    expect([r.status, r.headers.get("location")]).toEqual([302, "/elsewhere"]);
  });

  it("creates requests and responses that already have the app's prototypes, so Express's per-request swap changes nothing", async () => {
    const app = echoApp();
    const server = createHttpServer(app);
    const before: boolean[] = [];
    // Runs before the app sees the request, i.e. before Express would swap anything.
    server.prependListener("request", (req, res) => {
      before.push(Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response);
    });
    let inside: boolean[] = [];
    app.get("/proto", (req, res) => {
      inside = [Object.getPrototypeOf(req) === app.request, Object.getPrototypeOf(res) === app.response, req instanceof http.IncomingMessage, res instanceof http.ServerResponse];
      res.json({ ok: true });
    });
    const base = await listen(server);
    expect((await fetch(`${base}/proto`)).status).toBe(200);
    expect(before).toEqual([true]);
    expect(inside).toEqual([true, true, true, true]);
  });

  it("leaves app.listen() (Express swapping prototypes per request) working the same", async () => {
    const app = echoApp();
    const fast = await listen(createHttpServer(app));
    const plain = await new Promise<http.Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    servers.push(plain);
    const plainBase = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
    expect(await callEcho(plainBase)).toEqual(await callEcho(fast));
  });

  it("refuses an app whose prototypes are not built on Node's, rather than serving it half-built", () => {
    const app = express();
    app.request = Object.create(null) as Express["request"];
    expect(() => createHttpServer(app)).toThrow(/not built on Node's/);
  });
});
