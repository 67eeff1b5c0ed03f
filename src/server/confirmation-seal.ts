// The signed request state of a confirmation round (2026-07-28 input-required results). The client
// holds it between the question and the retry, so it is attacker-controlled: it is sealed with an
// HMAC over the tool, a digest of the canonical arguments, the question and a nonce, bound to the
// caller's credentials, valid for a few minutes, and good for one retry only.
import type * as Crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { createRequestStateCodec, type RequestStateCodec, type ServerContext } from '@modelcontextprotocol/server';
import type { ConfirmationSubject } from '../tools/runtime/confirmation.js';
import { InvalidConfirmation, MIN_SECRET_BYTES } from '../tools/runtime/confirmation.js';
import { canonicalJson } from './canonical-json.js';

interface Sealed {
  tool: string;
  digest: string;
  key: string;
  nonce: string;
}

const DEFAULT_TTL_SECONDS = 300;

export interface SealOptions {
  /** The HMAC key; every instance that may receive a retry needs the same one. A random one per process when absent. */
  secret?: string;
  ttlSeconds?: number;
}

// Node's crypto module loads with the first confirmation: a start, which needs none, would pay for it.
const require = createRequire(import.meta.url);
const crypto = (): typeof Crypto => require('node:crypto') as typeof Crypto;

export class ConfirmationSeal {
  readonly ttlSeconds: number;
  readonly #secret: string | undefined;
  #codec: RequestStateCodec<Sealed> | undefined;
  /** Nonces already redeemed, with when their state expires: a state cannot come back after that anyway. */
  readonly #redeemed = new Map<string, number>();

  constructor(options: SealOptions = {}) {
    this.ttlSeconds = options.ttlSeconds ?? DEFAULT_TTL_SECONDS;
    this.#secret = options.secret;
  }

  /** The state that goes out with the question `key` about this call. */
  mint(key: string, subject: ConfirmationSubject, context: ServerContext): Promise<string> {
    return this.#sealing().mint({ tool: subject.tool, digest: argumentsDigest(subject), key, nonce: crypto().randomUUID() }, context);
  }

  /**
   * Checks that `state` is one this server sealed, for this caller, for this very call and question,
   * and spends it. Throws InvalidConfirmation with the reason otherwise.
   */
  async redeem(state: string, key: string, subject: ConfirmationSubject, context: ServerContext): Promise<void> {
    let sealed: Sealed;
    try {
      sealed = await this.#sealing().verify(state, context);
    } catch (error) {
      throw new InvalidConfirmation(rejection(error instanceof Error ? error.message : '', this.ttlSeconds));
    }
    if (sealed.tool !== subject.tool || sealed.key !== key) {
      throw new InvalidConfirmation(`the confirmation that came with this call was given for another call (${sealed.tool})`);
    }
    if (sealed.digest !== argumentsDigest(subject)) {
      throw new InvalidConfirmation('the arguments differ from the ones the user confirmed; call again to be asked about these');
    }
    this.#forgetExpired();
    if (this.#redeemed.has(sealed.nonce))
      throw new InvalidConfirmation('this confirmation was already used once; call again to be asked again');
    this.#redeemed.set(sealed.nonce, Date.now() + this.ttlSeconds * 1000);
  }

  /** The codec, keyed once: by the configured secret, or by a random one drawn with the first confirmation. */
  #sealing(): RequestStateCodec<Sealed> {
    this.#codec ??= createRequestStateCodec<Sealed>({
      key: this.#secret ?? crypto().randomBytes(MIN_SECRET_BYTES),
      ttlSeconds: this.ttlSeconds,
      bind: callerBinding,
    });
    return this.#codec;
  }

  #forgetExpired(): void {
    const now = Date.now();
    // Every entry lives as long as the others, so insertion order is expiry order.
    for (const [nonce, expires] of this.#redeemed) {
      if (expires > now) break;
      this.#redeemed.delete(nonce);
    }
  }
}

function rejection(reason: string, ttlSeconds: number): string {
  switch (reason) {
    case 'expired':
      return `the confirmation timed out (it is valid for ${ttlSeconds} s); call again to be asked again`;
    case 'bind':
      return 'the confirmation was given to another caller';
    default:
      return 'the confirmation that came with this call is not one this server issued';
  }
}

/** The caller's credentials as HTTP presented them; nothing on stdio, where the process is the caller. */
function callerBinding(context: ServerContext): string {
  return context.http?.req?.headers.get('authorization') ?? '';
}

function argumentsDigest(subject: ConfirmationSubject): string {
  return crypto().createHash('sha256').update(canonicalJson(subject.args)).digest('base64url');
}
