// The bytes of large response bodies one client holds at a time. Reading and decoding a body
// costs a few times its size (the bytes, the text, the parsed value), so many concurrent large
// answers could take the process's memory: a large read first reserves its worst case (the
// declared length, or the read limit when none is declared) and waits, first come first served,
// while others hold the budget. A reservation is never grown, so holders never wait on each other.

/** What a wait listens to: the per-attempt abort source of the client (deadline.ts). */
export interface AbortSource {
  readonly aborted: boolean;
  once(event: 'abort', listener: () => void): unknown;
  off(event: 'abort', listener: () => void): unknown;
}

interface Waiter {
  bytes: number;
  grant: () => void;
}

export class BudgetWaitAborted extends Error {
  override name = 'BudgetWaitAborted';
  constructor(readonly waitedMs: number) {
    super(`aborted after waiting ${waitedMs} ms for other large answers to be read`);
  }
}

export class ByteBudget {
  #available: number;
  readonly #queue: Waiter[] = [];

  constructor(readonly capacity: number) {
    this.#available = capacity;
  }

  get available(): number {
    return this.#available;
  }

  /**
   * Resolves with the function that gives the bytes back, once `bytes` (at most the capacity) are
   * reserved; rejects with BudgetWaitAborted when `signal` aborts first.
   */
  reserve(bytes: number, signal: AbortSource): Promise<() => void> {
    const size = Math.min(bytes, this.capacity);
    if (this.#queue.length === 0 && size <= this.#available) {
      this.#available -= size;
      return Promise.resolve(this.#releaser(size));
    }
    if (signal.aborted) return Promise.reject(new BudgetWaitAborted(0));
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        bytes: size,
        grant: () => {
          signal.off('abort', onAbort);
          resolve(this.#releaser(size));
        },
      };
      const onAbort = () => {
        this.#queue.splice(this.#queue.indexOf(waiter), 1);
        reject(new BudgetWaitAborted(Date.now() - started));
        this.#grantWaiting();
      };
      signal.once('abort', onAbort);
      this.#queue.push(waiter);
    });
  }

  #releaser(size: number): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#available += size;
      this.#grantWaiting();
    };
  }

  #grantWaiting(): void {
    for (let head = this.#queue[0]; head && head.bytes <= this.#available; head = this.#queue[0]) {
      this.#queue.shift();
      this.#available -= head.bytes;
      head.grant();
    }
  }
}
