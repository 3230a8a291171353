import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/useT";

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request);
  return null;
}

export default function Home() {
  const { t } = useT();
  return <h1>{t("common.nav.home")}</h1>;
}

export { GeneralErrorBoundary as ErrorBoundary };
