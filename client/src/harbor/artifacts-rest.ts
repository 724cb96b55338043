// Harbor's artifacts (REST API v2.0): the manifests of a repository with their tags and scan overview, and deleting
// a tag or a whole artifact. Pure Node: no vscode.
import type { HarborClient } from './client';
import { repositoryPathSegment } from './names';
import type { HarborArtifact, Page } from './types';

/** The artifacts of one repository, as a path under /api/v2.0. */
export function artifactsPath(project: string, repository: string): string {
  return `/projects/${encodeURIComponent(project)}/repositories/${repositoryPathSegment(project, repository)}/artifacts`;
}

/** One artifact (by digest or tag), as a path under /api/v2.0. */
export function artifactPath(project: string, repository: string, reference: string): string {
  return `${artifactsPath(project, repository)}/${encodeURIComponent(reference)}`;
}

export class ArtifactApi {
  constructor(readonly client: HarborClient) {}

  listArtifacts(
    project: string,
    repository: string,
    page = 1,
    pageSize = 50,
    signal?: AbortSignal,
  ): Promise<Page<HarborArtifact>> {
    return this.client.page(
      artifactsPath(project, repository),
      `list artifacts of ${project}/${repository}`,
      page,
      pageSize,
      '&with_tag=true&with_scan_overview=true',
      signal,
    );
  }

  getArtifact(project: string, repository: string, reference: string, signal?: AbortSignal): Promise<HarborArtifact> {
    return this.client.getJson(
      `${artifactPath(project, repository, reference)}?with_tag=true&with_scan_overview=true`,
      `read ${project}/${repository}@${reference}`,
      signal,
    );
  }

  async deleteTag(
    project: string,
    repository: string,
    reference: string,
    tag: string,
    signal?: AbortSignal,
  ): Promise<void> {
    await this.client.request(
      'DELETE',
      `${artifactPath(project, repository, reference)}/tags/${encodeURIComponent(tag)}`,
      `delete tag ${tag}`,
      { signal },
    );
  }

  /** Removes the manifest and every tag on it. */
  async deleteArtifact(project: string, repository: string, reference: string, signal?: AbortSignal): Promise<void> {
    await this.client.request(
      'DELETE',
      artifactPath(project, repository, reference),
      `delete ${project}/${repository}@${reference}`,
      { signal },
    );
  }
}
