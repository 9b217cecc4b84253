import { clientAddressFrom } from "@/lib/auth/client-address";
import { signUpSchema } from "@/lib/auth/fields";
import { readJson, route } from "@/lib/http/route";
import { signUp } from "@/lib/members/sign-up";

/** Creates a student account with the course's join code. The form then signs in with it. */
export const POST = route(async ({ request }) => {
  const input = await readJson(request, signUpSchema);
  await signUp({ input, clientAddress: clientAddressFrom(request.headers) });
  return Response.json({ ok: true }, { status: 201 });
});
