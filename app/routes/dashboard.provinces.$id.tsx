import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DashboardBody } from "~/components/dashboard-view";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/useT";
import { idParam, loadDashboardPage } from "~/modules/dashboard/route.server";
import { localeFromMatches } from "~/modules/shell/meta";
import { translator } from "~/i18n/i18n";
import { localized } from "~/utils/localized";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => {
  const locale = localeFromMatches(matches);
  const t = translator(locale);
  const org = data?.details?.org;
  const name = org ? localized(locale, org.nameVi, org.nameEn) : "";
  return [{ title: `${t("dashboard.provinceTitle", { name })} · ${t("common.appName")}` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadDashboardPage(request, { kind: "province", id: idParam(params.id) });
}

export default function ProvinceDashboard() {
  const data = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const org = data.details!.org;
  return (
    <DashboardBody
      data={data}
      path={`/dashboard/provinces/${org.id}`}
      title={t("dashboard.provinceTitle", { name: localized(locale, org.nameVi, org.nameEn) })}
    />
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
