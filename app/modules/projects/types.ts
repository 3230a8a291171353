/** Shapes shared by the project modules, their routes and their components (no runtime code). */
import type { OrganisationKind, PlanStatus } from "#db/enums";

export interface OrgOption {
  id: number;
  code: string;
  abbr: string;
  nameVi: string;
  nameEn: string;
  kind: OrganisationKind;
  parentId: number | null;
  validTo: string | null;
  searchName: string;
}

export interface NodeOption {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  depth: number;
  archived: boolean;
}

export interface PlanOption {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  organisationId: number;
  status: PlanStatus;
  periodStart: number;
  periodEnd: number;
}

export interface ProjectFormOptions {
  leadOrganisations: OrgOption[];
  provinces: OrgOption[];
  cities: OrgOption[];
  cooperators: OrgOption[];
  nodes: NodeOption[];
}
