// The id of a JSON-RPC message too large to hold, read as its bytes stream past: the top-level `id`
// member's value (a string or a number), and whether the message has a top-level `method`. Clients
// often put `id` last, after the params that made the message large, so every byte is looked at;
// only the bytes of the top-level member names and of the id's value are kept.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** A name or an id longer than this is not one worth keeping. */
const MAX_KEPT_BYTES = 256;

export class RequestIdScanner {
  #depth = 0;
  #inString = false;
  #escaped = false;
  /** At depth 1 of an object, before a member name. */
  #expectName = false;
  /** Bytes of the member name or id value being read; undefined when nothing is kept. */
  #kept: number[] | undefined;
  #keeping: 'name' | 'id' | undefined;
  #name: string | undefined;
  #idRaw: string | undefined;
  #hasMethod = false;

  feed(bytes: Uint8Array): void {
    for (const byte of bytes) this.#step(byte);
  }

  /** The id, when the top-level `id` was a string or a number. */
  get id(): string | number | undefined {
    this.#endBareValue();
    if (this.#idRaw === undefined) return undefined;
    try {
      const id: unknown = JSON.parse(this.#idRaw);
      return typeof id === 'string' || typeof id === 'number' ? id : undefined;
    } catch {
      return undefined;
    }
  }

  get hasMethod(): boolean {
    return this.#hasMethod;
  }

  #step(byte: number): void {
    if (this.#inString) {
      this.#keep(byte);
      if (this.#escaped) this.#escaped = false;
      else if (byte === BACKSLASH) this.#escaped = true;
      else if (byte === QUOTE) this.#endString();
      return;
    }
    switch (byte) {
      case QUOTE:
        this.#inString = true;
        if (this.#depth === 1 && this.#expectName) this.#start('name');
        this.#keep(byte);
        return;
      case 0x7b: // {
      case 0x5b: // [
        this.#depth += 1;
        if (this.#depth === 1) this.#expectName = byte === 0x7b;
        else if (this.#keeping === 'id') this.#drop();
        return;
      case 0x7d: // }
      case 0x5d: // ]
        if (this.#depth === 1) this.#endBareValue();
        this.#depth -= 1;
        return;
      case 0x3a: // :
        if (this.#depth === 1 && this.#name !== undefined) {
          if (this.#name === 'method') this.#hasMethod = true;
          if (this.#name === 'id') this.#start('id');
          this.#name = undefined;
        }
        return;
      case 0x2c: // ,
        if (this.#depth === 1) {
          this.#endBareValue();
          this.#expectName = true;
        }
        return;
      default:
        // A number, true, false or null as the id's value; white space around it is dropped by JSON.parse.
        if (this.#depth === 1) this.#keep(byte);
    }
  }

  #start(what: 'name' | 'id'): void {
    this.#keeping = what;
    this.#kept = [];
  }

  #drop(): void {
    this.#keeping = undefined;
    this.#kept = undefined;
  }

  #keep(byte: number): void {
    if (this.#kept === undefined) return;
    if (this.#kept.length >= MAX_KEPT_BYTES) return this.#drop();
    this.#kept.push(byte);
  }

  #endString(): void {
    this.#inString = false;
    if (this.#kept === undefined) return;
    const text = Buffer.from(this.#kept).toString('utf8');
    if (this.#keeping === 'name') {
      this.#expectName = false;
      this.#name = parsedName(text);
      this.#drop();
    } else if (this.#keeping === 'id') {
      this.#idRaw = text;
      this.#drop();
    }
  }

  #endBareValue(): void {
    if (this.#keeping !== 'id' || this.#kept === undefined) return;
    this.#idRaw = Buffer.from(this.#kept).toString('utf8');
    this.#drop();
  }
}

function parsedName(quoted: string): string | undefined {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return undefined;
  }
}
