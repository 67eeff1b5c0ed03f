// How many calls of one connection run at once (one stdio client; one HTTP request, which a
// JSON-RPC batch makes of many calls): the others wait their turn, first come first served, within
// their own deadline, so that one client cannot start Kibana requests without limit.
export class CallSlots {
  #free: number;
  readonly #waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    this.#free = size;
  }

  /** Resolves with the function that gives the slot back once one is free; undefined when `signal` aborts first. */
  take(signal: AbortSignal | undefined): Promise<(() => void) | undefined> {
    if (this.#free > 0 && this.#waiting.length === 0) {
      this.#free -= 1;
      return Promise.resolve(this.#releaser());
    }
    if (signal?.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(this.#releaser());
      };
      const onAbort = () => {
        this.#waiting.splice(this.#waiting.indexOf(grant), 1);
        resolve(undefined);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(grant);
    });
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free += 1;
    };
  }
}
