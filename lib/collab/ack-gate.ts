// An update's "saved" acknowledgement waits for its log row; nothing else does.
//
// Hocuspocus runs beforeSync, then applies the update (which broadcasts it to every other connection at
// once), then sends the sender a SyncStatus message: the acknowledgement its provider counts as saved.
// Persistence starts the update's durable append in beforeSync without waiting for it and holds that
// connection's SyncStatus messages here until the append has committed. Readers see a comment as soon as
// it is checked; the writer is told it is saved only once a kill -9 can no longer lose it.
//
// Acknowledgements leave in the order Hocuspocus produced them (each one waits for every append before
// it), and an append that is abandoned (the server is shutting down) is never acknowledged: the client
// keeps the change and sends it again when it reconnects.
import type { Connection } from "@hocuspocus/server";
import * as decoding from "lib0/decoding";
import { MESSAGE_SYNC_STATUS } from "./protocol.ts";

class AckGate {
  /** Settles once every append held so far has settled and every acknowledgement queued so far was sent. */
  private barrier: Promise<void> = Promise.resolve();
  /** Holds and queued acknowledgements not yet settled; while 0, acknowledgements leave at once. */
  private pending = 0;
  private abandoned = false;

  constructor(connection: Connection) {
    const send = connection.send.bind(connection);
    connection.send = (message: Uint8Array) => {
      if (this.pending === 0 || !isSyncStatus(message)) {
        send(message);
        return;
      }
      this.chain(Promise.resolve(), () => {
        if (!this.abandoned) send(message);
      });
    };
  }

  hold(durable: Promise<void>): void {
    this.chain(durable, () => {});
  }

  private chain(step: Promise<void>, then: () => void): void {
    this.pending++;
    const previous = this.barrier;
    this.barrier = previous
      .then(() => step)
      .then(then, () => {
        this.abandoned = true;
      })
      .catch(() => {})
      .finally(() => {
        this.pending--;
      });
  }
}

const gates = new WeakMap<Connection, AckGate>();

/** Holds `connection`'s next acknowledgements until `durable` settles (and is never sent if it rejects). */
export function holdAcknowledgement(connection: Connection, durable: Promise<void>): void {
  let gate = gates.get(connection);
  if (!gate) {
    gate = new AckGate(connection);
    gates.set(connection, gate);
  }
  gate.hold(durable);
}

function isSyncStatus(message: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder);
    return decoding.readVarUint(decoder) === MESSAGE_SYNC_STATUS;
  } catch {
    return false;
  }
}
