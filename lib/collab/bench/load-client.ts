// The load benchmark's writer: one websocket speaking the collaboration wire format, as a browser's
// provider does, minus the work of applying everyone else's changes to a local copy. Hundreds of them
// share the benchmark's process, and applying every broadcast in each would make the load generator,
// not the server, the bottleneck. Its own comments are made on a document holding only its own changes,
// which is all a Yjs update needs.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { createComment } from "../reading-doc.ts";
import { AUTH_PERMISSION_DENIED, AUTH_TOKEN, MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_CLOSE, MESSAGE_STATELESS, MESSAGE_SYNC, MESSAGE_SYNC_STATUS } from "../protocol.ts";


/**
 * The server closes a connection that sent nothing for 30 s; a browser's provider renews its awareness
 * every 15 s and so stays. This is that renewal (an awareness update of one client, written out here
 * because y-protocols' Awareness runs a timer per instance, hundreds of them in one load generator).
 */
export function awarenessMessage(documentName: string, clientId: number, clock: number): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, clock);
  encoding.writeVarString(update, "{}");
  const message = encoding.createEncoder();
  encoding.writeVarString(message, documentName);
  encoding.writeVarUint(message, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return encoding.toUint8Array(message);
}

export const KEEP_ALIVE_MS = 15_000;

export class LoadWriter {
  /** Comments posted, and the server's answers to them. */
  posted = 0;
  saved = 0;
  notSaved = 0;
  refused = 0;
  closed = false;
  private readonly doc = new Y.Doc();
  private socket!: WebSocket;
  private joined = false;
  private lastSentAt = 0;
  private awarenessClock = 0;
  /** Our answers to the server's sync step 1, acknowledged like updates but not comments. */
  private setupAcks = 0;
  private onJoined: ((error?: Error) => void) | null = null;

  constructor(
    private readonly url: string,
    readonly documentName: string,
    private readonly cookie: string,
    readonly authorId: string,
  ) {}

  /** Opens the socket, authenticates and syncs; rejects after `timeoutMs`. */
  async join(timeoutMs = 20_000): Promise<void> {
    this.socket = new WebSocket(this.url, { headers: { cookie: this.cookie } });
    this.socket.binaryType = "nodebuffer";
    const joined = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.documentName}: no sync within ${timeoutMs / 1000} s`)), timeoutMs);
      this.onJoined = (error) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
    });
    this.socket.on("message", (data: Buffer) => this.receive(new Uint8Array(data)));
    this.socket.on("close", () => {
      this.closed = true;
      this.onJoined?.(new Error(`${this.documentName}: the server closed the connection while joining`));
    });
    this.socket.on("error", (error) => this.onJoined?.(error));
    this.socket.on("unexpected-response", (_request, response) => this.onJoined?.(new Error(`${this.documentName}: HTTP ${response.statusCode}`)));
    this.socket.once("open", () => {
      this.send((encoder) => {
        encoding.writeVarUint(encoder, MESSAGE_AUTH);
        encoding.writeVarUint(encoder, AUTH_TOKEN);
        encoding.writeVarString(encoder, "session-cookie");
      });
      this.send((encoder) => {
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.writeSyncStep1(encoder, this.doc);
      });
    });
    await joined;
  }

  /** Posts a new top-level comment and returns its id at once (the ack is counted when it comes). */
  post(body: string): string {
    const before = Y.encodeStateVector(this.doc);
    const id = createComment(this.doc, { authorId: this.authorId, highlightId: null, parentId: null, body });
    this.posted++;
    const update = Y.encodeStateAsUpdate(this.doc, before);
    this.send((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
    });
    return id;
  }

  /** Renews this client's awareness when it has been quiet for KEEP_ALIVE_MS, as a browser's provider does. */
  keepAlive(): void {
    if (Date.now() - this.lastSentAt < KEEP_ALIVE_MS || this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(awarenessMessage(this.documentName, this.doc.clientID, ++this.awarenessClock));
    this.lastSentAt = Date.now();
  }

  close(): void {
    this.socket.terminate();
  }

  private send(write: (encoder: encoding.Encoder) => void): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.documentName);
    write(encoder);
    this.socket.send(encoding.toUint8Array(encoder));
    this.lastSentAt = Date.now();
  }

  private receive(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    decoding.readVarString(decoder);
    switch (decoding.readVarUint(decoder)) {
      case MESSAGE_AUTH:
        if (decoding.readVarUint(decoder) === AUTH_PERMISSION_DENIED) this.onJoined?.(new Error(`${this.documentName}: permission denied`));
        break;
      case MESSAGE_SYNC: {
        const syncType = decoding.readVarUint(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          // The server asks what we have: only our own changes.
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, MESSAGE_SYNC);
          syncProtocol.readSyncStep1(decoder, encoder, this.doc);
          this.setupAcks++;
          this.send((outer) => encoding.writeUint8Array(outer, encoding.toUint8Array(encoder)));
        } else if (syncType === syncProtocol.messageYjsSyncStep2 && !this.joined) {
          // The document itself is not needed; its arrival means the connection is in sync.
          this.joined = true;
          this.onJoined?.();
          this.onJoined = null;
        }
        break;
      }
      case MESSAGE_SYNC_STATUS:
        if (this.setupAcks > 0) {
          this.setupAcks--;
          break;
        }
        if (decoding.readVarUint(decoder) === 1) this.saved++;
        else this.notSaved++;
        break;
      case MESSAGE_STATELESS:
        if (decoding.readVarString(decoder).includes('"refused"')) this.refused++;
        break;
      case MESSAGE_CLOSE:
        this.closed = true;
        break;
      default:
        break;
    }
  }
}
