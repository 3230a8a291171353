import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DashboardBody } from "~/components/dashboard-view";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/useT";
import { loadDashboardPage } from "~/modules/dashboard/route.server";
import { pageTitle } from "~/modules/shell/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "dashboard.title");

export async function loader({ request }: LoaderFunctionArgs) {
  return loadDashboardPage(request, { kind: "national" });
}

export default function NationalDashboard() {
  const data = useLoaderData<typeof loader>();
  const { t } = useT();
  return <DashboardBody data={data} path="/dashboard" title={t("dashboard.title")} />;
}

export { GeneralErrorBoundary as ErrorBoundary };
