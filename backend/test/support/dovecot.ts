import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ImapFlow } from "imapflow";
import { freePort } from "./free-port";
import { tempDir } from "./temp-dir";

/** Whether Debian's dovecot-imapd is installed (CI installs it; elsewhere tests may skip loudly). */
export function dovecotAvailable(): boolean {
  return fs.existsSync("/usr/sbin/dovecot") && fs.existsSync("/usr/bin/doveadm");
}

/**
 * A real Dovecot IMAP server for tests: its own config, state and maildir under a temp
 * directory, listening on a free local port, with one user. It can be stopped and started
 * again on the same port to simulate an outage.
 */
export class Dovecot {
  readonly user = "leasing";
  readonly password = "test-password-123";
  private child: ChildProcess | undefined;

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly configFile: string,
  ) {}

  static async start(): Promise<Dovecot> {
    const dir = tempDir("l2l-dovecot-");
    fs.chmodSync(dir, 0o755);
    const port = await freePort();
    const home = path.join(dir, "home");
    fs.mkdirSync(path.join(dir, "run"), { recursive: true });
    fs.mkdirSync(path.join(dir, "state"), { recursive: true });
    fs.mkdirSync(home, { recursive: true });
    const passwd = path.join(dir, "passwd");
    const configFile = path.join(dir, "dovecot.conf");
    const d = new Dovecot(dir, port, configFile);
    fs.writeFileSync(passwd, `${d.user}:{PLAIN}${d.password}\n`);
    fs.writeFileSync(
      configFile,
      [
        `base_dir = ${path.join(dir, "run")}`,
        `state_dir = ${path.join(dir, "state")}`,
        "protocols = imap",
        "listen = 127.0.0.1",
        "ssl = no",
        "disable_plaintext_auth = no",
        "auth_mechanisms = plain login",
        `log_path = ${path.join(dir, "dovecot.log")}`,
        "first_valid_uid = 100",
        "mail_location = maildir:~/Maildir",
        `service imap-login {\n  inet_listener imap {\n    port = ${port}\n    address = 127.0.0.1\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
        `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN ${passwd}\n}`,
        `userdb {\n  driver = static\n  args = uid=dovecot gid=dovecot home=${home}\n}`,
        "",
      ].join("\n"),
    );
    try {
      execFileSync("chown", ["-R", "dovecot:dovecot", home]);
      execFileSync("chgrp", ["dovecot", passwd]);
      fs.chmodSync(passwd, 0o640);
    } catch {
      /* not root: Dovecot runs as this user */
    }
    await d.up();
    return d;
  }

  get url(): string {
    return `imap://${this.user}:${this.password}@127.0.0.1:${this.port}/INBOX`;
  }

  async up(): Promise<void> {
    this.child = spawn("/usr/sbin/dovecot", ["-F", "-c", this.configFile], { stdio: "ignore" });
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        const c = this.client();
        await c.connect();
        await c.logout();
        return;
      } catch {
        if (Date.now() > deadline) {
          const log = path.join(this.dir, "dovecot.log");
          throw new Error(`dovecot did not start: ${fs.existsSync(log) ? fs.readFileSync(log, "utf8").slice(-2000) : "no log"}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  async down(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }

  client(): ImapFlow {
    return new ImapFlow({ host: "127.0.0.1", port: this.port, secure: false, auth: { user: this.user, pass: this.password }, logger: false });
  }

  /** Appends raw messages to the inbox (unread). */
  async deliver(...raws: Array<string | Buffer>): Promise<void> {
    const c = this.client();
    await c.connect();
    try {
      for (const raw of raws) await c.append("INBOX", raw, []);
    } finally {
      await c.logout();
    }
  }

  /** UIDs of messages with and without \Seen. */
  async flags(): Promise<{ seen: number; unseen: number }> {
    const c = this.client();
    await c.connect();
    try {
      const lock = await c.getMailboxLock("INBOX");
      try {
        const all = ((await c.search({ all: true }, { uid: true })) || []) as number[];
        const unseen = ((await c.search({ seen: false }, { uid: true })) || []) as number[];
        return { seen: all.length - unseen.length, unseen: unseen.length };
      } finally {
        lock.release();
      }
    } finally {
      await c.logout();
    }
  }
}
