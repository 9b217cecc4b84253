// What every page asks first: who is this, and may they see it? Signed-out visitors are sent to sign
// in (and brought back after); members who may not see a page get the 403 page.
import { forbidden, redirect } from "next/navigation";
import { safeReturnPath } from "../http/safe-return-path.ts";
import { can, type Action, type Actor } from "../policies/index.ts";
import { getCurrentActor } from "./current-actor.ts";

/** A signed-in course member, or a redirect to /signin (or /join for accounts not yet in the course). */
export async function requireMember(returnTo: string): Promise<Actor> {
  const actor = await getCurrentActor();
  const callbackUrl = encodeURIComponent(safeReturnPath(returnTo));
  if (!actor) redirect(`/signin?callbackUrl=${callbackUrl}`);
  if (!can(actor, "course:view")) redirect(`/join?callbackUrl=${callbackUrl}`);
  return actor;
}

/** As requireMember, then the 403 page unless the policy allows `action` (one without a resource). */
export async function requirePermission(returnTo: string, action: Extract<Action, "console:view" | "roster:manage" | "session:import" | "reading:edit">): Promise<Actor> {
  const actor = await requireMember(returnTo);
  if (!can(actor, action)) forbidden();
  return actor;
}
