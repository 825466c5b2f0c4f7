import type { IncomingMessage } from "node:http";
import type { RequestHandler } from "express";
import { AppError } from "../shared/app-error";

const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

function hasBody(req: IncomingMessage): boolean {
  return req.headers["transfer-encoding"] !== undefined || req.headers["content-length"] !== undefined;
}

/**
 * Reads a JSON request body into `req.body`. UTF-8 and uncompressed only; like body-parser's
 * strict default, only an object or an array is accepted, and an empty body reads as `{}`.
 * A body over `limitBytes` is refused with 413 (at once when Content-Length says so), one that
 * does not parse with 400 `invalid_json`. Requests of other content types pass through untouched.
 */
export function jsonBody(limitBytes: number): RequestHandler {
  return (req, res, next) => {
    const type = req.headers["content-type"];
    if (type === undefined || !JSON_TYPE.test(type) || !hasBody(req)) return next();
    const charset = CHARSET.exec(type)?.[1].toLowerCase();
    if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
      return next(new AppError("validation", "The request body must be UTF-8 JSON."));
    }
    const encoding = req.headers["content-encoding"];
    if (encoding !== undefined && encoding.toLowerCase() !== "identity") {
      return next(new AppError("validation", "Compressed request bodies are not accepted."));
    }
    const tooLarge = () => {
      // The rest of the body is read and dropped, and the connection is not reused.
      res.setHeader("Connection", "close");
      req.resume();
      return new AppError("payload_too_large", "The request body is too large.");
    };
    const declared = Number(req.headers["content-length"]);
    if (declared > limitBytes) return next(tooLarge());

    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (err?: AppError) => {
      if (settled) return;
      settled = true;
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
      if (err) return next(err);
      next(parse(Buffer.concat(chunks, size).toString("utf8"), req));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) settle(tooLarge());
      else chunks.push(chunk);
    };
    const onEnd = () => settle();
    const onError = () => settle(new AppError("validation", "The request body could not be read."));
    const onClose = () => {
      if (!req.complete) settle(new AppError("validation", "The request body could not be read."));
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  };
}

function parse(text: string, req: IncomingMessage & { body?: unknown }): AppError | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = /\S/.exec(body)?.[0];
  if (first === undefined) {
    req.body = {};
    return undefined;
  }
  if (first !== "{" && first !== "[") return new AppError("invalid_json", "The request body is not valid JSON.");
  try {
    req.body = JSON.parse(body);
    return undefined;
  } catch {
    return new AppError("invalid_json", "The request body is not valid JSON.");
  }
}
