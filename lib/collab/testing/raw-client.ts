// A bare collaboration client built on y-protocols: it speaks the wire format directly, so tests can
// send what no honest provider would (forged entries, oversized or malformed frames) and see exactly
// which of its updates the server acknowledged.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { AUTH_AUTHENTICATED, AUTH_PERMISSION_DENIED, AUTH_TOKEN, MESSAGE_AUTH, MESSAGE_CLOSE, MESSAGE_STATELESS, MESSAGE_SYNC, MESSAGE_SYNC_STATUS } from "../protocol.ts";


export class RawClient {
  readonly doc = new Y.Doc();
  readonly acks: boolean[] = [];
  readonly stateless: string[] = [];
  closed = false;
  closeCode: number | null = null;
  authenticated: "pending" | "read-write" | "read-only" | "denied" = "pending";
  synced = false;
  private sent = 0;
  private socket!: WebSocket;

  constructor(
    private readonly url: string,
    readonly documentName: string,
    private readonly cookie: string | null,
    private readonly headers: Record<string, string> = {},
  ) {}

  /** Opens the socket; rejects with the HTTP status when the upgrade is refused. */
  async open(): Promise<void> {
    this.socket = new WebSocket(this.url, { headers: { ...this.headers, ...(this.cookie ? { cookie: this.cookie } : {}) } });
    this.socket.binaryType = "nodebuffer";
    this.socket.on("message", (data: Buffer) => this.receive(new Uint8Array(data)));
    this.socket.on("close", (code) => {
      this.closed = true;
      this.closeCode = code;
    });
    await new Promise<void>((resolve, reject) => {
      this.socket.once("open", () => resolve());
      this.socket.once("unexpected-response", (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
      this.socket.once("error", reject);
    });
  }

  /** Authenticates and performs the initial sync. */
  async join(): Promise<void> {
    this.send((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_AUTH);
      encoding.writeVarUint(encoder, AUTH_TOKEN);
      encoding.writeVarString(encoder, "session-cookie");
    });
    await this.until(() => this.authenticated !== "pending", "authentication");
    if (this.authenticated === "denied") return;
    this.send((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, this.doc);
    });
    // The server also asks for our state (its own step 1); our answer is acknowledged like any update.
    await this.until(() => this.synced && this.acks.length > 0, "initial sync");
    this.acks.length = 0;
  }

  /** Sends one Yjs update; returns once the server acknowledged it, said no, or closed the connection. */
  async sendUpdate(update: Uint8Array): Promise<"saved" | "not-saved" | "closed"> {
    const before = this.acks.length;
    this.send((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
    });
    await this.until(() => this.acks.length > before || this.closed, "acknowledgement");
    if (this.acks.length > before) return this.acks[before] ? "saved" : "not-saved";
    return "closed";
  }

  /** Makes a change on the local copy and sends exactly that change. */
  async change(mutate: (doc: Y.Doc) => void): Promise<"saved" | "not-saved" | "closed"> {
    const before = Y.encodeStateVector(this.doc);
    mutate(this.doc);
    return this.sendUpdate(Y.encodeStateAsUpdate(this.doc, before));
  }

  /** Sends without waiting; the server acknowledges in order, so acks[i] answers the i-th update sent. */
  sendUpdateNoWait(update: Uint8Array): number {
    this.send((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
    });
    return this.sent++;
  }

  sendRaw(bytes: Uint8Array): void {
    this.socket.send(bytes);
  }

  close(): void {
    this.socket.close();
  }

  private send(write: (encoder: encoding.Encoder) => void): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.documentName);
    write(encoder);
    this.socket.send(encoding.toUint8Array(encoder));
  }

  private receive(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_AUTH: {
        const kind = decoding.readVarUint(decoder);
        if (kind === AUTH_PERMISSION_DENIED) this.authenticated = "denied";
        else if (kind === AUTH_AUTHENTICATED) this.authenticated = decoding.readVarString(decoder) === "readonly" ? "read-only" : "read-write";
        break;
      }
      case MESSAGE_SYNC: {
        const encoder = encoding.createEncoder();
        const syncType = syncProtocol.readSyncMessage(decoder, encoder, this.doc, "server");
        if (syncType === syncProtocol.messageYjsSyncStep2) this.synced = true;
        if (encoding.length(encoder) > 0) {
          this.send((outer) => {
            encoding.writeVarUint(outer, MESSAGE_SYNC);
            encoding.writeUint8Array(outer, encoding.toUint8Array(encoder));
          });
        }
        break;
      }
      case MESSAGE_SYNC_STATUS:
        this.acks.push(decoding.readVarUint(decoder) === 1);
        break;
      case MESSAGE_STATELESS:
        this.stateless.push(decoding.readVarString(decoder));
        break;
      case MESSAGE_CLOSE:
        this.closed = true;
        break;
      default:
        break;
    }
  }

  private async until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}
