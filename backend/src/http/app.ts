import express, { type Express } from "express";
import helmet from "helmet";
import { adminRoutes } from "./admin-routes";
import { chatRoutes } from "./chat-routes";
import { consoleRoutes, staffLoginRoutes } from "./console-routes";
import { createErrorHandler, notFoundHandler } from "./error-handler";
import type { HttpDeps } from "./http-deps";
import { type PageOptions, pageRoutes } from "./page-routes";
import { propertyRoutes } from "./property-routes";
import { corsAllowList, rateLimitPerIp } from "./security";
import { tourRoutes } from "./tour-routes";

export const JSON_BODY_LIMIT = 32 * 1024;

export function createHttpApp(d: HttpDeps & { pages?: PageOptions }): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.set("query parser", "simple");
  app.set("etag", false);
  app.use(helmet());

  if (d.log.isLevelEnabled("debug")) {
    app.use((req, res, next) => {
      const started = process.hrtime.bigint();
      res.on("finish", () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        d.log.debug({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, "request");
      });
      next();
    });
  }

  const api = express.Router();
  api.use(corsAllowList(d.allowedOrigins));
  api.get("/health", (_req, res) => {
    res.json({ status: "ok", ...d.health() });
  });
  api.use(rateLimitPerIp(d.rateLimitPerMinute, d.clock));
  api.use(express.json({ limit: JSON_BODY_LIMIT, inflate: false }));
  tourRoutes(d, api);
  propertyRoutes(d, api);
  chatRoutes(d.chat, d.conversations, api);
  staffLoginRoutes(d, api);
  api.use("/admin", adminRoutes(d));
  api.use("/admin", consoleRoutes(d));
  api.use(notFoundHandler);
  app.use("/api", api);
  if (d.pages) app.use(pageRoutes(d.pages));

  app.use(notFoundHandler);
  app.use(createErrorHandler(d.log));
  return app;
}
