// Harbor's project members (REST API v2.0): the users and groups of a project with their roles, and the user search
// that finds whom to add. Changing members needs a Project Admin or system admin (see errors.ts). Pure Node.
import { BY_NAME, type HarborClient } from './client';
import type { HarborMember, HarborUserSearchItem, Page } from './types';

export class MemberApi {
  constructor(readonly client: HarborClient) {}

  private membersPath(project: string): string {
    return `/projects/${encodeURIComponent(project)}/members`;
  }

  /** A project's users and groups with their roles. The project is named, never an id: X-Is-Resource-Name says so. */
  listMembers(project: string, page = 1, pageSize = 50, signal?: AbortSignal): Promise<Page<HarborMember>> {
    return this.client.page(
      this.membersPath(project),
      `list the members of ${project}`,
      page,
      pageSize,
      '',
      signal,
      BY_NAME,
    );
  }

  /** Adds a user (by name) or group (by name) with a role id; 409 when already a member. */
  async addMember(
    project: string,
    member: { kind: 'user' | 'group'; name: string },
    roleId: number,
    signal?: AbortSignal,
  ): Promise<void> {
    const body =
      member.kind === 'user'
        ? { role_id: roleId, member_user: { username: member.name } }
        : { role_id: roleId, member_group: { group_name: member.name } };
    await this.client.request('POST', this.membersPath(project), `add ${member.name} to ${project}`, {
      body,
      signal,
      headers: BY_NAME,
    });
  }

  async setMemberRole(project: string, memberId: number, roleId: number, signal?: AbortSignal): Promise<void> {
    await this.client.request(
      'PUT',
      `${this.membersPath(project)}/${memberId}`,
      `change a member's role in ${project}`,
      {
        body: { role_id: roleId },
        signal,
        headers: BY_NAME,
      },
    );
  }

  async removeMember(project: string, memberId: number, signal?: AbortSignal): Promise<void> {
    await this.client.request('DELETE', `${this.membersPath(project)}/${memberId}`, `remove a member from ${project}`, {
      signal,
      headers: BY_NAME,
    });
  }

  /** Users whose name contains `text` (any logged-in user may search). */
  searchUsers(text: string, page = 1, pageSize = 20, signal?: AbortSignal): Promise<Page<HarborUserSearchItem>> {
    return this.client.page(
      `/users/search?username=${encodeURIComponent(text)}`,
      'search users',
      page,
      pageSize,
      '',
      signal,
    );
  }
}
