// Reads other people's awareness states. Awareness is free-form JSON from other clients, so every
// field is checked; identity (`user`) is only believed because the server sets it, and a state
// without a valid one is ignored rather than guessed at.
import { z } from "zod/mini";

const userSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  // Only a plain hex colour reaches a style attribute.
  color: z.catch(z.optional(z.string().check(z.regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/))), undefined),
});

const selectionSchema = z.catch(
  z.nullable(z.object({ start: z.int().check(z.minimum(0)), end: z.int().check(z.minimum(1)) }).check(z.refine((selection) => selection.end > selection.start))),
  null,
);

export interface PresentUser {
  id: string;
  name: string;
  color: string;
}

export interface Peer {
  clientId: number;
  user: PresentUser;
  selection: { start: number; end: number } | null;
}

const PALETTE = ["#0f766e", "#7c3aed", "#b45309", "#be123c", "#1d4ed8", "#15803d", "#a21caf", "#c2410c"];

/** A stable colour for someone the server gave none. */
export function fallbackColor(id: string): string {
  let hash = 0;
  for (let index = 0; index < id.length; index++) hash = (hash * 31 + id.charCodeAt(index)) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}

/** "#abc" -> "#aabbcc", so callers can append an alpha byte. */
function longHex(color: string): string {
  return color.length === 4 ? `#${[...color.slice(1)].map((digit) => digit + digit).join("")}`.toLowerCase() : color.toLowerCase();
}

export function readPeers(states: ReadonlyMap<number, Record<string, unknown>>, ownClientId: number): Peer[] {
  const peers: Peer[] = [];
  states.forEach((state, clientId) => {
    if (clientId === ownClientId || typeof state !== "object" || state === null) return;
    const user = userSchema.safeParse(state.user);
    if (!user.success) return;
    const selection = selectionSchema.safeParse(state.selection);
    peers.push({
      clientId,
      user: { id: user.data.id, name: user.data.name, color: user.data.color ? longHex(user.data.color) : fallbackColor(user.data.id) },
      selection: selection.success ? selection.data : null,
    });
  });
  return peers.sort((a, b) => a.clientId - b.clientId);
}

/** Everyone on the paper, one entry per person however many tabs they have open, sorted by name. */
export function presentUsers(peers: readonly Peer[], self?: { id: string; name: string } | null): PresentUser[] {
  const byId = new Map<string, PresentUser>();
  if (self) byId.set(self.id, { id: self.id, name: self.name, color: fallbackColor(self.id) });
  for (const peer of peers) if (!byId.has(peer.user.id)) byId.set(peer.user.id, peer.user);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  return letters.map((word) => Array.from(word)[0]!.toUpperCase()).join("") || "?";
}
