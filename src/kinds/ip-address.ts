/**
 * IP address (IPv4 dotted quad, IPv6 in any RFC 4291 text form incl. `::` and an embedded
 * IPv4 tail). Normal form: IPv4 without leading zeros, IPv6 as RFC 5952 (lower case, longest run
 * of zero groups compressed).
 */
import { intBetween, pick, uniformInt } from './rng.js';
import { NOT_DETECTED, prepare, toHalfWidth } from './text.js';
import type { Detection, Kind, Rng } from './types.js';

// The parsers below are plain loops (no split/map/regex per group): an IP column is parsed
// three times per pseudonym (validity check, normal form, generator), and this kept an IPv6
// pseudonym at ~5.8 µs, two thirds of it here.

/** The four octets, or null. `leadingZeros` flags `010`-style octets (ambiguous: octal in some parsers). */
function parseIpv4(s: string): { octets: number[]; leadingZeros: boolean } | null {
  // Four groups of 1-3 digits, each at most 255, separated by '.'; the end acts as a last '.'.
  const octets = [0, 0, 0, 0];
  let k = 0;
  let value = 0;
  let digits = 0;
  let leadingZeros = false;
  for (let i = 0; i <= s.length; i++) {
    const c = i === s.length ? 46 : s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || k === 4 || value > 255) return null;
      octets[k++] = value;
      value = 0;
      digits = 0;
      continue;
    }
    if (c < 48 || c > 57 || digits === 3) return null;
    if (digits === 1 && value === 0) leadingZeros = true;
    value = value * 10 + (c - 48);
    digits++;
  }
  return k === 4 ? { octets, leadingZeros } : null;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * The groups of `text[start, end)`, colon-separated runs of 1–4 hex digits, appended to `out`;
 * false (having appended some) when a group is empty or not hex. An empty range has no groups.
 */
function parseGroups(text: string, start: number, end: number, out: number[]): boolean {
  if (start === end) return true;
  let v = 0;
  let digits = 0;
  for (let i = start; i <= end; i++) {
    if (i === end || text.charCodeAt(i) === 58) {
      if (digits === 0) return false;
      out.push(v);
      v = 0;
      digits = 0;
      continue;
    }
    const d = hexDigit(text.charCodeAt(i));
    if (d < 0 || digits === 4) return false;
    v = (v << 4) | d;
    digits++;
  }
  return true;
}

/** The eight 16-bit groups of an IPv6 address, or null. */
function parseIpv6(s: string): number[] | null {
  if (s.length < 2 || s.length > 45 || !s.includes(':')) return null;
  let bodyEnd = s.length;
  let tail0 = -1;
  let tail1 = -1;
  const lastColon = s.lastIndexOf(':');
  if (s.indexOf('.', lastColon + 1) >= 0) {
    // An embedded IPv4 address stands for the last two groups (`::ffff:192.0.2.1`).
    const v4 = parseIpv4(s.slice(lastColon + 1));
    if (v4 === null || v4.leadingZeros) return null;
    tail0 = (v4.octets[0] << 8) | v4.octets[1];
    tail1 = (v4.octets[2] << 8) | v4.octets[3];
    // The body keeps a `::` right before the IPv4 part, and drops a single ':'.
    bodyEnd = lastColon >= 1 && s.charCodeAt(lastColon - 1) === 58 ? lastColon + 1 : lastColon;
    if (bodyEnd === 0) return null;
  }
  const needed = tail0 < 0 ? 8 : 6;
  const gap = s.indexOf('::');
  const hasGap = gap >= 0 && gap + 2 <= bodyEnd;
  if (hasGap && s.indexOf('::', gap + 1) >= 0 && s.indexOf('::', gap + 1) + 2 <= bodyEnd) return null;
  const head: number[] = [];
  const rest: number[] = [];
  if (hasGap) {
    if (!parseGroups(s, 0, gap, head) || !parseGroups(s, gap + 2, bodyEnd, rest)) return null;
  } else if (!parseGroups(s, 0, bodyEnd, head)) return null;
  const explicit = head.length + rest.length;
  // Without `::` every group is written; with it, it stands for at least one zero group.
  if (!hasGap ? explicit !== needed : explicit > needed - 1) return null;
  const groups = head;
  for (let k = explicit; k < needed; k++) groups.push(0);
  for (let k = 0; k < rest.length; k++) groups.push(rest[k]);
  if (tail0 >= 0) groups.push(tail0, tail1);
  return groups;
}

/** RFC 5952 text of eight groups: lower-case hex, no leading zeros, longest zero run (>= 2) as `::`. */
function formatIpv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += '::';
      i += bestLength - 1;
      continue;
    }
    if (out !== '' && !out.endsWith(':')) out += ':';
    out += groups[i].toString(16);
  }
  return out;
}

function normalize(value: string): string {
  const s = toHalfWidth(String(value)).trim();
  const v4 = parseIpv4(s);
  if (v4 !== null) return v4.octets.join('.');
  const v6 = parseIpv6(s);
  return v6 === null ? s : formatIpv6(v6);
}

function detect(value: string): Detection {
  const s = prepare(value, 64);
  if (s === null) return NOT_DETECTED;
  const v4 = parseIpv4(s);
  // Version numbers and OIDs share the dotted-quad shape, hence no more than 0.7.
  if (v4 !== null) return { valid: true, confidence: v4.leadingZeros ? 0.4 : 0.7 };
  return parseIpv6(s) === null ? NOT_DETECTED : { valid: true, confidence: 0.9 };
}

/**
 * `ip-prefix`: keeps the network part a provider assigns to many customers — the first two
 * octets of IPv4 (/16), the first three groups of IPv6 (/48) — and masks the rest with one mask
 * character per octet or group (`192.168.*.*`, `2408:8000:1:*:*:*:*:*`).
 */
function structuredMask(name: string, value: string, maskChar: string): string | null {
  if (name !== 'ip-prefix' || typeof value !== 'string') return null;
  const s = toHalfWidth(value).trim();
  const v4 = parseIpv4(s);
  if (v4 !== null) return `${v4.octets[0]}.${v4.octets[1]}.${maskChar}.${maskChar}`;
  const v6 = parseIpv6(s);
  if (v6 === null) return null;
  return v6.slice(0, 3).map((g) => g.toString(16)).join(':') + `:${maskChar}`.repeat(5);
}

/** First octets of public unicast IPv4 space allocated to Chinese networks (APNIC delegations). */
const PUBLIC_V4_FIRST_OCTETS = [1, 14, 27, 36, 39, 42, 49, 58, 59, 60, 61, 101, 106, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 175, 180, 182, 183, 202, 203, 210, 211, 218, 219, 220, 221, 222, 223];
/** IPv6 /16 prefixes of China Telecom (240e), China Unicom (2408) and China Mobile (2409). */
const CN_V6_PREFIXES = [0x240e, 0x2408, 0x2409];

/**
 * A public unicast address. With `like`, keeps the family and the first octet (IPv4) or the
 * first two groups (IPv6) — the operator, not the subscriber.
 */
function generate(rng: Rng, like?: string): string {
  const s = like === undefined ? '' : toHalfWidth(like).trim();
  const v4 = parseIpv4(s);
  const v6 = v4 === null ? parseIpv6(s) : null;
  if (v6 !== null || (v4 === null && uniformInt(rng, 4) === 0)) {
    const groups = v6 === null ? [pick(rng, CN_V6_PREFIXES), uniformInt(rng, 0x10000)] : v6.slice(0, 2);
    // A zero-free tail keeps the generated text free of '::' ambiguity in readers' eyes.
    for (let i = 2; i < 8; i++) groups.push(1 + uniformInt(rng, 0xffff));
    return formatIpv6(groups);
  }
  const first = v4 === null ? pick(rng, PUBLIC_V4_FIRST_OCTETS) : v4.octets[0];
  return `${first}.${uniformInt(rng, 256)}.${uniformInt(rng, 256)}.${intBetween(rng, 1, 254)}`;
}

/**
 * IP address of a customer's device (login, transaction origin).
 *
 * JR/T 0171-2020 class **C1**: not among the C3 authentication data nor the C2 identifying data
 * the standard enumerates, so it falls under "any other personal financial information not in
 * C2/C3" — REQUIREMENTS.md "Classification", seed 004 分类 (3). Combined with a time and an
 * account it becomes transaction data, which the record classifier escalates.
 *
 * Masks: kept on screens, in analytics and in logs (operation logs must record the operator's
 * IP, seed 002); shared with third parties as its network part only (`ip-prefix`).
 */
export const ipAddress: Kind = {
  id: 'ip-address',
  title: { en: 'IP address', zh: 'IP 地址' },
  category: 'other',
  level: 'C1',
  evidence: {
    names: [
      'ip', 'ipaddr', 'ipaddress', 'ipv4', 'ipv6', 'clientip', 'clientaddr', 'loginip', 'lastloginip',
      'remoteip', 'remoteaddr', 'srcip', 'sourceip', 'userip', 'custip', 'reqip', 'requestip',
      'terminalip', 'deviceip', 'ipdz', 'dlip', 'khdip', 'jyip',
      'ip地址', '登录ip', '客户端ip', '终端ip', '交易ip', '来源ip', '访问ip',
    ],
  },
  detect,
  normalize,
  masks: {
    share: { type: 'kind', name: 'ip-prefix' },
  },
  generate,
  structuredMask,
};
