import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { getCurrentUser } from "~/auth/guard.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useNonce } from "~/components/nonce";
import { localeFromRequest, type Locale } from "~/i18n/locales";
import { useT } from "~/i18n/useT";
import { navigationFor } from "~/modules/shell/navigation";
import stylesHref from "~/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "CityPilot" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getCurrentUser(request);
  const locale = localeFromRequest(request, user?.locale);
  return {
    locale,
    user: user
      ? {
          name: user.name,
          email: user.email,
          memberships: user.memberships.map((m) => ({
            role: m.role,
            organisationName: locale === "vi" ? m.organisationNameVi : m.organisationNameEn,
          })),
          nav: navigationFor(user, user.primaryOrganisationId),
        }
      : null,
  };
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<RootLoaderData>("root");
  const locale: Locale = data?.locale ?? "vi";
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Header() {
  const data = useRouteLoaderData<RootLoaderData>("root");
  const { t, locale } = useT();
  const location = useLocation();
  const user = data?.user;
  const back = location.pathname + location.search;
  return (
    <header className="site-header">
      <div className="site-header__bar">
        <a href="/" className="site-header__brand">
          <span className="site-header__logo" aria-hidden="true">
            ◆
          </span>
          {t("common.appName")}
          <span className="site-header__tagline">{t("common.tagline")}</span>
        </a>
        <div className="site-header__tools">
          <Form method="post" action="/locale" className="inline-form">
            <input type="hidden" name="locale" value={locale === "vi" ? "en" : "vi"} />
            <input type="hidden" name="redirectTo" value={back} />
            <button type="submit" className="link-button" lang={locale === "vi" ? "en" : "vi"} aria-label={t("common.lang.switchToLabel")} data-testid="lang-switch">
              {t("common.lang.switchTo")}
            </button>
          </Form>
          {user ? (
            <>
              <span className="site-header__user" data-testid="current-user">
                {user.name}
                {user.memberships[0] ? (
                  <span className="site-header__role">
                    {t("common.user.roleAt", {
                      role: t(`enums.role.${user.memberships[0].role}`),
                      organisation: user.memberships[0].organisationName,
                    })}
                  </span>
                ) : null}
              </span>
              <Link to="/account/password" className="site-header__account">
                {t("common.user.changePassword")}
              </Link>
              <Form method="post" action="/logout" className="inline-form">
                <button type="submit" className="link-button">
                  {t("common.user.logout")}
                </button>
              </Form>
            </>
          ) : null}
        </div>
      </div>
      {user ? (
        <nav aria-label={t("common.nav.label")} className="site-nav">
          <ul>
            {user.nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === "/"} prefetch="intent">
                  {t(item.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}

export function Shell({ children }: { children: ReactNode }) {
  const { t } = useT();
  return (
    <>
      <a href="#main" className="skip-link">
        {t("common.skipToContent")}
      </a>
      <Header />
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">{t("common.footer.text")}</footer>
    </>
  );
}

export default function App() {
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

export function ErrorBoundary() {
  return (
    <Shell>
      <GeneralErrorBoundary />
    </Shell>
  );
}

