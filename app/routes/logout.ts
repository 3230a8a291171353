import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { getCurrentUser } from "~/auth/guard.server";
import { clearSessionCookie } from "~/auth/token";
import { logout } from "~/modules/auth/login.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = getCurrentUser(request);
  if (user) logout(getDb(), user.session, { label: user.email, ip: context.clientIp ?? "unknown" });
  return redirect("/login?loggedOut=1", { headers: { "Set-Cookie": clearSessionCookie() } });
}
