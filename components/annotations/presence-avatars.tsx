"use client";
import { initials, presentUsers, type Peer } from "./awareness-peers";

export interface PresenceAvatarsProps {
  /** Other clients on this reading (see usePeers); only their server-set `user` is shown. */
  peers: readonly Peer[];
  /** The signed-in user, who is on the paper too (the server does not echo our own state back). */
  self?: { id: string; name: string } | null;
  /** Avatars shown before the rest collapse into "+N". */
  max?: number;
}

export function PresenceAvatars({ peers, self = null, max = 5 }: PresenceAvatarsProps) {
  const users = presentUsers(peers, self);
  if (users.length === 0) return null;
  const shown = users.slice(0, max);
  const hidden = users.slice(max);
  const label = `On this paper now: ${users.map((user) => user.name).join(", ")}`;
  return (
    <ul aria-label={label} title={label} className="flex items-center -space-x-2">
      {shown.map((user) => (
        <li
          key={user.id}
          title={user.id === self?.id ? `${user.name} (you)` : user.name}
          className="flex size-8 items-center justify-center rounded-full text-xs font-semibold text-white ring-2 ring-paper"
          style={{ backgroundColor: user.color }}
        >
          <span aria-hidden="true">{initials(user.name)}</span>
          <span className="sr-only">{user.id === self?.id ? `${user.name} (you)` : user.name}</span>
        </li>
      ))}
      {hidden.length > 0 ? (
        <li
          title={hidden.map((user) => user.name).join(", ")}
          className="flex size-8 items-center justify-center rounded-full bg-rule text-xs font-semibold text-ink ring-2 ring-paper"
        >
          <span aria-hidden="true">+{hidden.length}</span>
          <span className="sr-only">and {hidden.length} more</span>
        </li>
      ) : null}
    </ul>
  );
}
