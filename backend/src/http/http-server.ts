import http from "node:http";
import type { Express } from "express";

/**
 * Copies the own properties (methods, getters, values) of every object on `from`'s prototype
 * chain above `base` onto `to`, nearest last, so `to` behaves as `from` does for everything
 * below `base`.
 */
function copyChain(to: object, from: object, base: object): void {
  const chain: object[] = [];
  for (let o: object | null = from; o && o !== base; o = Object.getPrototypeOf(o) as object | null) chain.unshift(o);
  if (!chain.length || Object.getPrototypeOf(chain[0]) !== base) throw new Error("Express's request and response prototypes are not built on Node's");
  for (const o of chain) Object.defineProperties(to, Object.getOwnPropertyDescriptors(o));
}

/**
 * The HTTP server for an Express app. Express gives each request and response its own
 * prototypes by swapping them (`Object.setPrototypeOf`) as every request comes in. In V8 that
 * swap makes the objects of every request outlive the young generation: the main thread then
 * spends several milliseconds in each scavenge copying them, and fills its old generation with
 * them. Here Node creates requests and responses from classes that already carry Express's
 * methods, and the app's prototypes are those classes' prototypes, so the swap changes nothing.
 * Behaviour is Express's own; a plain `app.listen()` (with the swap) still works.
 */
export function createHttpServer(app: Express): http.Server {
  class ExpressRequest extends http.IncomingMessage {}
  class ExpressResponse extends http.ServerResponse {}
  copyChain(ExpressRequest.prototype, app.request, http.IncomingMessage.prototype);
  copyChain(ExpressResponse.prototype, app.response, http.ServerResponse.prototype);
  app.request = ExpressRequest.prototype as Express["request"];
  app.response = ExpressResponse.prototype as Express["response"];
  return http.createServer({ IncomingMessage: ExpressRequest, ServerResponse: ExpressResponse }, app);
}
