import { authorize } from "@/lib/policies";
import { changePasswordSchema } from "@/lib/auth/fields";
import { readJson, route } from "@/lib/http/route";
import { changePassword } from "@/lib/members/change-password";

/** Changes your password; every session (this one too) must sign in again with the new one. */
export const POST = route(async ({ request, actor }) => {
  authorize(actor, "account:manage", { userId: actor?.id ?? "" });
  const input = await readJson(request, changePasswordSchema);
  await changePassword({ actor, ...input });
  return { ok: true };
});
