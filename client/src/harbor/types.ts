// The parts of Harbor's REST shapes (API v2.0) that Berth reads. Field names are Harbor's.

export interface HarborSystemInfo {
  registry_url?: string;
  external_url?: string;
  auth_mode?: string;
  project_creation_restriction?: string;
  harbor_version?: string;
  read_only?: boolean;
}

export interface HarborProject {
  project_id: number;
  name: string;
  repo_count?: number;
  owner_name?: string;
  metadata?: { public?: string };
}

export interface HarborRepository {
  id?: number;
  project_id?: number;
  /** Includes the project: `proj/a/b`. */
  name: string;
  artifact_count?: number;
  pull_count?: number;
  update_time?: string;
}

export interface HarborTag {
  id?: number;
  name: string;
  push_time?: string;
  immutable?: boolean;
}

export interface HarborScanSummary {
  scan_status?: string;
  severity?: string;
  summary?: { total?: number; fixable?: number; summary?: Record<string, number> };
}

export interface HarborArtifact {
  id?: number;
  digest: string;
  size?: number;
  push_time?: string;
  repository_name?: string;
  tags?: HarborTag[] | null;
  /** Keyed by report MIME type. */
  scan_overview?: Record<string, HarborScanSummary>;
  /** Asked for with with_sbom_overview=true (Harbor 2.11 and later). */
  sbom_overview?: HarborSbomOverview;
}

/** Where an artifact's SBOM generation stands; `sbom_digest` names the SBOM accessory once it succeeded. */
export interface HarborSbomOverview {
  scan_status?: string;
  sbom_digest?: string;
  start_time?: string;
  end_time?: string;
  report_id?: string;
  duration?: number;
  scanner?: { name?: string; vendor?: string; version?: string };
}

export interface HarborUser {
  user_id?: number;
  username?: string;
  sysadmin_flag?: boolean;
  admin_role_in_auth?: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  hasNext: boolean;
  page: number;
  pageSize: number;
}

/** The one scan report of an artifact (Harbor keys it by MIME type; there is normally one). */
export function scanOf(a: HarborArtifact): HarborScanSummary | undefined {
  const reports = Object.values(a.scan_overview ?? {});
  return reports[0];
}

export const SCAN_DONE = new Set(['Success', 'Error', 'Stopped']);

/** A user or group on a project, with its role (GET /projects/{p}/members). */
export interface HarborMember {
  id: number;
  project_id?: number;
  entity_name: string;
  /** 'u' user, 'g' group. */
  entity_type: string;
  entity_id?: number;
  role_id: number;
  role_name?: string;
}

export interface HarborUserSearchItem {
  user_id: number;
  username: string;
}

export interface HarborAccess {
  resource: string;
  action: string;
  effect?: string;
}
export interface HarborRobotPermission {
  kind: 'project' | 'system' | string;
  /** A project name, or `/` for system resources, or `*` for every project. */
  namespace: string;
  access: HarborAccess[];
}
export interface HarborRobot {
  id: number;
  name: string;
  description?: string;
  level: 'project' | 'system' | string;
  duration?: number | null;
  disable: boolean;
  /** Unix seconds; -1 never. */
  expires_at?: number;
  editable?: boolean;
  permissions?: HarborRobotPermission[];
  creation_time?: string;
  update_time?: string;
}
/** What creating a robot or refreshing its secret returns: the secret, once. */
export interface HarborRobotCreated {
  id: number;
  name: string;
  secret: string;
  expires_at?: number;
}
export interface HarborPermissions {
  system?: HarborAccess[];
  project?: HarborAccess[];
}

/** One finding of a scan report (Harbor's native report, `vulnerabilities[]`). */
export interface HarborVulnerability {
  id: string;
  package?: string;
  version?: string;
  /** Empty when no fix is known. */
  fix_version?: string;
  severity?: string;
  description?: string;
  links?: string[] | null;
  preferred_cvss?: {
    score_v3?: number | null;
    score_v2?: number | null;
    vector_v3?: string;
    vector_v2?: string;
  } | null;
  cwe_ids?: string[] | null;
}
export interface HarborVulnerabilityReport {
  generated_at?: string;
  scanner?: { name?: string; vendor?: string; version?: string };
  severity?: string;
  vulnerabilities?: HarborVulnerability[] | null;
}
