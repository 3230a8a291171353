/**
 * One row of the project page's overview list: the project's data register
 * and, when linked, its entry in the app register.
 */
import { Link } from "@remix-run/react";
import { useT } from "~/i18n/useT";

export function ProjectRegisterLinks({ code, appId }: { code: string; appId: number | null }) {
  const { t } = useT();
  return (
    <>
      <dt>{t("apps.projectPage.registers")}</dt>
      <dd data-testid="project-registers">
        <Link to={`/projects/${encodeURIComponent(code)}/data`} data-testid="project-data-link">
          {t("apps.projectPage.data")}
        </Link>
        {appId ? (
          <>
            {" · "}
            <Link to={`/apps/${appId}`} data-testid="project-app-link">
              {t("apps.projectPage.app")}
            </Link>
          </>
        ) : null}
      </dd>
    </>
  );
}
