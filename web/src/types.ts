// The API's JSON, as data/openapi.json describes it (the parts the UI reads).
export interface Project {
  uuid: string;
  name: string;
  version: string;
  parent: string | null;
  description: string;
  classifier: string;
  active: boolean;
  isLatest: boolean;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  lastSbomAt: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  offset?: number;
  nextCursor?: string | null;
}

export interface Metrics {
  at: string;
  projects: number;
  components: number;
  vulnerableComponents: number;
  vulnerabilities: number;
  findings: number;
  critical: number;
  high: number;
  medium: number;
  low: number;
  unassigned: number;
  suppressed: number;
  audited: number;
  violations: number;
  licenses: Record<string, number>;
  states: Record<string, number>;
}

export interface Component {
  name: string;
  version: string;
  type: string;
  purl: string | null;
  cpe: string | null;
  hashes: { algorithm: string; value: string }[];
  licenseDeclared: string | null;
  licenseConcluded: string | null;
  supplier: string | null;
  scope: string | null;
  bomRef: string | null;
  sbom: string;
  index: number;
  source: string;
  project?: { uuid: string; name: string; version: string };
}

export interface Triage {
  state: string;
  justification: string | null;
  response: string[];
  details: string | null;
  suppressed: boolean;
  updatedAt: string | null;
}

export interface Finding {
  advisory: string;
  aliases: string[];
  component: Component;
  componentKey: string;
  dependencyPath: string[];
  direct: boolean;
  ecosystem: string;
  fixedVersions: string[];
  installedVersion: string;
  package: string;
  score: number | null;
  severity: string;
  summary: string;
  firstSeen: string;
  triage: Triage;
}

export interface Sbom {
  uuid: string;
  project: string;
  source: string;
  uploadedAt: string;
  uploadedBy: string | null;
  format: string;
  specVersion: string;
  sha256: string;
  size: number;
  componentCount: number;
  current: boolean;
}

export interface AdvisoryItem {
  id: string;
  modified: string;
  published?: string;
  summary?: string;
  aliases?: string[];
  severity?: string;
  withdrawn?: boolean;
  affectedProjects: number;
}

export const triageStates = ['not_set', 'in_triage', 'exploitable', 'resolved', 'false_positive', 'not_affected'];
export const justifications = [
  'code_not_present',
  'code_not_reachable',
  'requires_configuration',
  'requires_dependency',
  'requires_environment',
  'protected_by_compiler',
  'protected_at_runtime',
  'protected_at_perimeter',
  'protected_by_mitigating_control',
];
export const responses = ['can_not_fix', 'will_not_fix', 'update', 'rollback', 'workaround_available'];
