/**
 * Layout of the public portal (no login): its own small navigation, under
 * the site header (whose language switch works for anonymous visitors).
 * `/public/data` (the transparency page) nests here too.
 */
import type { MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useRouteLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/useT";
import { pageTitle } from "~/modules/shell/meta";
import type { RootLoaderData } from "~/root";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "public.list.title");

export default function PublicLayout() {
  const { t } = useT();
  const root = useRouteLoaderData<RootLoaderData>("root");
  return (
    <div className="public-portal">
      <nav aria-label={t("public.nav.label")} className="public-nav">
        <ul>
          <li>
            <NavLink to="/public" end prefetch="intent">
              {t("public.nav.projects")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/public/data" prefetch="intent">
              {t("public.nav.data")}
            </NavLink>
          </li>
          {root?.user ? null : (
            <li className="public-nav__staff">
              <NavLink to="/login">{t("public.nav.staff")}</NavLink>
            </li>
          )}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
