// Harbor's projects and the repositories in them (REST API v2.0). Pure Node: no vscode.
import type { HarborClient } from './client';
import type { HarborProject, HarborRepository, Page } from './types';

export class ProjectApi {
  constructor(readonly client: HarborClient) {}

  listProjects(page = 1, pageSize = 50, signal?: AbortSignal): Promise<Page<HarborProject>> {
    return this.client.page('/projects', 'list projects', page, pageSize, '&with_detail=true', signal);
  }

  async projectExists(name: string, signal?: AbortSignal): Promise<boolean> {
    const res = await this.client.request(
      'HEAD',
      `/projects?project_name=${encodeURIComponent(name)}`,
      `check project ${name}`,
      { signal, okStatuses: [404] },
    );
    return res.status === 200;
  }

  /** Creates a project; `metadata.public` is a string in Harbor's API. */
  async createProject(name: string, isPublic: boolean, signal?: AbortSignal): Promise<void> {
    await this.client.request('POST', '/projects', `create project ${name}`, {
      body: { project_name: name, metadata: { public: String(isPublic) } },
      signal,
    });
  }

  listRepositories(project: string, page = 1, pageSize = 50, signal?: AbortSignal): Promise<Page<HarborRepository>> {
    return this.client.page(
      `/projects/${encodeURIComponent(project)}/repositories`,
      `list repositories of ${project}`,
      page,
      pageSize,
      '',
      signal,
    );
  }
}
