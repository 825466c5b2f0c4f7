/** Where the widget keeps its session id: localStorage, scoped to the API it talks to. */
export class SessionStore {
  private readonly key: string;

  constructor(
    api: string,
    private readonly storage: Storage | undefined = safeStorage(),
  ) {
    this.key = `leasechat:${api}:session`;
  }

  get(): string | undefined {
    try {
      return this.storage?.getItem(this.key) ?? undefined;
    } catch {
      return undefined;
    }
  }

  set(id: string): void {
    try {
      this.storage?.setItem(this.key, id);
    } catch {
      /* storage full or blocked: the session lasts until reload */
    }
  }

  clear(): void {
    try {
      this.storage?.removeItem(this.key);
    } catch {
      /* ignore */
    }
  }
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
