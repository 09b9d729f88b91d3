/**
 * Test support for a real SoftHSM2 token: finds softhsm2-util and libsofthsm2.so, creates a
 * throw-away token store in a temporary directory (SOFTHSM2_CONF points there, never at the
 * system's /var/lib/softhsm), and gives raw pkcs11js access for what an administrator or a
 * second program would do to the token (delete the KEK, close our sessions, log out).
 *
 * Where SoftHSM2 or the binding is missing the suites skip with a visible reason — unless
 * FIELDSHIELD_REQUIRE_HSM=1 (set by .ci/run), where they fail instead.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';

const require = createRequire(import.meta.url);

/** Where Debian, Ubuntu, Fedora, Alpine and Homebrew put the module. */
const LIBRARY_CANDIDATES = [
  '/usr/lib/softhsm/libsofthsm2.so',
  '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/lib64/pkcs11/libsofthsm2.so',
  '/usr/lib/pkcs11/libsofthsm2.so',
  '/usr/local/lib/softhsm/libsofthsm2.so',
  '/opt/homebrew/lib/softhsm/libsofthsm2.so',
];

export interface SoftHsm {
  readonly util: string;
  readonly library: string;
}

function findUtil(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = join(dir, 'softhsm2-util');
    if (dir !== '' && existsSync(p)) return p;
  }
  return undefined;
}

function detect(): SoftHsm | string {
  const util = findUtil();
  if (util === undefined) return 'softhsm2-util is not on PATH (apt-get install softhsm2)';
  const override = process.env.FIELDSHIELD_SOFTHSM_LIBRARY;
  const library = override ?? LIBRARY_CANDIDATES.find((p) => existsSync(p));
  if (library === undefined || !existsSync(library)) return 'libsofthsm2.so was not found';
  try {
    require('pkcs11js');
  } catch {
    return 'the pkcs11js binding is not installed or did not build';
  }
  return { util, library };
}

const detected = detect();
export const softHsm: SoftHsm | undefined = typeof detected === 'string' ? undefined : detected;

/**
 * `describe` when SoftHSM2 is usable; otherwise one visibly skipped test naming the reason,
 * or one failing test when FIELDSHIELD_REQUIRE_HSM=1.
 */
export function describeWithSoftHsm(title: string, body: (hsm: SoftHsm) => void): void {
  if (typeof detected !== 'string') {
    describe(title, () => body(detected));
    return;
  }
  const reason = detected;
  if (process.env.FIELDSHIELD_REQUIRE_HSM === '1') {
    describe(title, () => {
      it('needs SoftHSM2 (FIELDSHIELD_REQUIRE_HSM=1)', () => {
        throw new Error(`SoftHSM2 is required here but unusable: ${reason}`);
      });
    });
    return;
  }
  console.warn(`[fieldshield] SKIPPING "${title}": ${reason}`);
  describe(title, () => {
    it.skip(`SoftHSM2 unavailable: ${reason}`, () => {});
  });
}

export interface TokenStore {
  readonly dir: string;
  readonly conf: string;
  /** Adds an initialised token; returns its label. */
  initToken(label: string, userPin: string, soPin?: string): string;
  /** Removes the whole store. */
  remove(): void;
}

/**
 * A token store in a new temporary directory, made current for this process through
 * SOFTHSM2_CONF (SoftHSM2 reads it at C_Initialize, so set it before any provider opens).
 */
export function createTokenStore(hsm: SoftHsm): TokenStore {
  const dir = mkdtempSync(join(tmpdir(), 'fieldshield-softhsm-'));
  const tokens = join(dir, 'tokens');
  execFileSync('mkdir', ['-p', tokens]);
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  process.env.SOFTHSM2_CONF = conf;
  return {
    dir,
    conf,
    initToken(label, userPin, soPin = 'so-0000') {
      // Test PINs for a throw-away token: the only place a PIN is on a command line.
      execFileSync(hsm.util, ['--init-token', '--free', '--label', label, '--so-pin', soPin, '--pin', userPin], {
        env: { ...process.env, SOFTHSM2_CONF: conf },
        stdio: 'pipe',
      });
      return label;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Raw pkcs11js, as a second program on the same machine would use it. */
export interface RawToken {
  readonly p: typeof import('pkcs11js');
  readonly m: import('pkcs11js').PKCS11;
  readonly slot: Buffer;
  /** A logged-in session (this process shares the login with any provider in it). */
  session(): Buffer;
  findKeys(label: string): Buffer[];
  close(): void;
}

export function rawToken(hsm: SoftHsm, label: string, pin: string): RawToken {
  const p = require('pkcs11js') as typeof import('pkcs11js');
  const m = new p.PKCS11();
  m.load(hsm.library);
  try {
    m.C_Initialize({ flags: p.CKF_OS_LOCKING_OK });
  } catch (e) {
    if ((e as { code?: number }).code !== p.CKR_CRYPTOKI_ALREADY_INITIALIZED) throw e;
  }
  const slot = m.C_GetSlotList(true).find((s) => m.C_GetTokenInfo(s).label.trim() === label);
  if (slot === undefined) throw new Error(`no token ${label}`);
  let s: Buffer | undefined;
  const raw: RawToken = {
    p,
    m,
    slot,
    session() {
      if (s === undefined) {
        s = m.C_OpenSession(slot, p.CKF_SERIAL_SESSION | p.CKF_RW_SESSION);
        try {
          m.C_Login(s, p.CKU_USER, pin);
        } catch (e) {
          if ((e as { code?: number }).code !== p.CKR_USER_ALREADY_LOGGED_IN) throw e;
        }
      }
      return s;
    },
    findKeys(keyLabel) {
      const session = raw.session();
      m.C_FindObjectsInit(session, [
        { type: p.CKA_CLASS, value: p.CKO_SECRET_KEY },
        { type: p.CKA_LABEL, value: keyLabel },
      ]);
      const found = m.C_FindObjects(session, 10);
      m.C_FindObjectsFinal(session);
      return found;
    },
    close() {
      // Closes only this helper's session: C_Finalize here would finalize the library for
      // every provider in the process (which is a test of its own).
      if (s !== undefined) {
        try {
          m.C_CloseSession(s);
        } catch {
          // Already gone after a reset.
        }
      }
      s = undefined;
    },
  };
  return raw;
}
