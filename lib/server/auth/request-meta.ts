import { BlockList, isIP } from "node:net";
import type { RequestMeta } from "../actor";
import { REQUEST_ID_HEADER, safeRequestId } from "../request-id";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(h: HeaderSource, name: string): string | null {
  if (h instanceof Headers) return h.get(name);
  const v = h[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

/** "::ffff:1.2.3.4" is the IPv4 client seen on a dual-stack socket: compare and store it as IPv4. */
function normalize(addr: string): string | null {
  let a = addr.trim();
  if (a.startsWith("[") && a.includes("]")) a = a.slice(1, a.indexOf("]")); // "[v6]:port"
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":")); // "v4:port"
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped) a = mapped[1];
  return isIP(a) ? a : null;
}

function trustedList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const raw of entries) {
    const [addr, bits] = raw.trim().split("/");
    const ip = addr ? normalize(addr) : null;
    if (!ip) continue;
    const type = isIP(ip) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(bits), type);
  }
  return list;
}

/** TRUSTED_PROXIES: comma-separated IPs or CIDRs of our own reverse proxies / load balancers. */
function envTrusted(): string[] {
  return (process.env.TRUSTED_PROXIES ?? "").split(",").filter((s) => s.trim());
}

/**
 * The client's address. Each proxy appends the address it saw to X-Forwarded-For, so
 * only the right-hand end was written by our own proxies; whatever the client sent sits
 * on the left and is forgeable. Walk from the right, skipping hops in the trusted list:
 * the first one not trusted is the client. With no list, the right-most hop is the
 * client (what the proxy next to us saw). Without any proxy, Next.js fills the header
 * from the socket only when the client sent none (`??=`), so a direct client can claim
 * any address: production puts a reverse proxy in front that appends (or sets) the
 * header and lists it in TRUSTED_PROXIES. The per-username throttle and the account
 * lock do not depend on the address.
 */
export function clientIpFrom(h: HeaderSource, trusted: readonly string[]): string | null {
  const hops = (header(h, "x-forwarded-for") ?? "")
    .split(",")
    .map(normalize)
    .filter((x): x is string => !!x);
  if (hops.length) {
    const list = trustedList(trusted);
    for (let i = hops.length - 1; i >= 0; i--) {
      if (!list.check(hops[i], isIP(hops[i]) === 6 ? "ipv6" : "ipv4")) return hops[i];
    }
    return hops[0]; // all hops are our own proxies: the left-most is the nearest to the client we know
  }
  const real = header(h, "x-real-ip");
  return real ? normalize(real) : null;
}

/** Where a request came from (and its request id), for the audit trail and the sign-in throttle. */
export function metaFromHeaders(h: HeaderSource): RequestMeta {
  const requestId = safeRequestId(header(h, REQUEST_ID_HEADER));
  return {
    ip: clientIpFrom(h, envTrusted()),
    userAgent: header(h, "user-agent"),
    // Set by proxy.ts on every request; absent only where a caller builds headers by hand.
    ...(requestId ? { requestId } : {}),
  };
}
