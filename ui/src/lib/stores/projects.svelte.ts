// The open org's projects, and the writes on them. A write changes the list only through
// the backend's `rows_changed` event; its method does what follows it on screen.
import { backend, type NewProject, type Project } from "../backend";
import { nav } from "./nav.svelte";
import { UNUSED_LIST_KEPT_MS } from "./loaded.svelte";
import { OrgRowList, type OrgScope } from "./orgRows.svelte";

/** The read from the server that fills the cache with the org's projects. */
export interface ProjectSync {
  syncedOnce: boolean;
  synced: Promise<void>;
}

export class ProjectList extends OrgRowList<Project> {
  /** Read from the cache alone: kept a minute after its last screen lets go. */
  protected override readonly keptUnusedMs = UNUSED_LIST_KEPT_MS;
  constructor(
    scope: OrgScope,
    private readonly sync: ProjectSync,
  ) {
    super(scope, "projects", (args) => backend.listProjects(args), (project) => project.id, (project) => project.name);
  }

  protected override async firstLoad(): Promise<void> {
    const alreadySynced = this.sync.syncedOnce;
    await this.load("cache");
    if (alreadySynced) return;
    await this.sync.synced;
    await this.load("cache");
  }

  /** Creates a project and opens its details. */
  async create(project: NewProject): Promise<void> {
    const created = await this.write((org) => backend.createProject({ ...org, project }));
    nav.close();
    nav.go("projects");
    nav.projectId = created.id;
    nav.flash(`Created ${created.name}`);
  }

  /** Deletes a project (the server revokes its keys) and closes its details. */
  async delete(projectId: string): Promise<void> {
    await this.write((org) => backend.deleteProject({ ...org, projectId }));
    if (nav.projectId === projectId) nav.projectId = null;
  }

  /** One project, fresh from the server (its details). */
  details(projectId: string): Promise<Project> {
    return backend.getProject({ ...this.scope, projectId });
  }
}
