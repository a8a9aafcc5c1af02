/**
 * Next's request stores are AsyncLocalStorage instances that Next's own server puts on
 * globalThis before loading anything; outside that server they must be given the same way,
 * before the first `next/dist/...` module is loaded (so import this module first).
 */
import { AsyncLocalStorage } from "node:async_hooks";

(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;
