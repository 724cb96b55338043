// Harbor commands on project members: add a user (searched as you type) or a group with a role, change a member's
// role, remove a member after confirmation. A refusal names the role it takes (members.ts).
import * as vscode from 'vscode';
import { confirm, input, pick, searchPick } from '../commands/prompts';
import { HarborError } from './errors';
import { log } from './log';
import { asProjectAdminError, roleName, roles } from './members';
import { MemberApi } from './members-rest';
import type { HarborCommandKit } from './commands';
import type { RegistryNode } from './tree/model';

type ProjectScoped = Extract<RegistryNode, { kind: 'project' | 'members' | 'member' }>;

export function registerMemberCommands(kit: HarborCommandKit): void {
  const { reg } = kit;
  const scoped = (n?: RegistryNode) =>
    n?.kind === 'project' || n?.kind === 'members' || n?.kind === 'member' ? (n as ProjectScoped) : undefined;
  reg('berth.harbor.addMember', async (n?: RegistryNode) => {
    const at = scoped(n);
    if (at) await addMember(kit, at);
  });
  reg('berth.harbor.changeMemberRole', async (n?: RegistryNode) => {
    if (n?.kind === 'member') await changeRole(kit, n);
  });
  reg('berth.harbor.removeMember', async (n?: RegistryNode) => {
    if (n?.kind === 'member') await removeMember(kit, n);
  });
}

async function pickRole(placeHolder: string, current?: number): Promise<number | undefined> {
  const chosen = await pick(
    roles().map((r) => ({
      label: r.label,
      description: r.id === current ? vscode.l10n.t('current') : undefined,
      detail: r.detail,
      id: String(r.id),
    })),
    { placeHolder },
  );
  return chosen ? Number(chosen.id) : undefined;
}

/** The Members folder of a node's project, to redraw after a change (the node itself when it is that folder). */
function membersFolder(kit: HarborCommandKit, n: ProjectScoped): RegistryNode | undefined {
  if (n.kind === 'members') return n;
  if (n.kind === 'member') return kit.provider.getParent(n);
  return undefined;
}

async function addMember(kit: HarborCommandKit, at: ProjectScoped): Promise<void> {
  const project = at.project.name;
  const kind = await pick(
    [
      { id: 'user', label: vscode.l10n.t('User'), detail: vscode.l10n.t('a Harbor user, found by name as you type') },
      { id: 'group', label: vscode.l10n.t('Group'), detail: vscode.l10n.t('an LDAP, HTTP or OIDC group, by its name') },
    ],
    { placeHolder: vscode.l10n.t('Add a user or a group to {0}', project) },
  );
  if (!kind) return;
  let members: MemberApi;
  try {
    members = new MemberApi(await kit.connected(at.inst));
  } catch (e) {
    kit.fail(vscode.l10n.t('Adding a member to {0}', project), e);
    return;
  }
  let name: string | undefined;
  if (kind.id === 'user') {
    const user = await searchPick(
      async (text) =>
        text.trim()
          ? (await members.searchUsers(text.trim())).items.map((u) => ({
              label: u.username,
              description: `#${u.user_id}`,
            }))
          : [],
      { placeholder: vscode.l10n.t('Type part of a user name'), title: vscode.l10n.t('Add a member to {0}', project) },
    );
    name = user?.label;
  } else {
    name = (
      await input({
        prompt: vscode.l10n.t('Group name to add to {0}', project),
        validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('A group name is required')),
      })
    )?.trim();
  }
  if (!name) return;
  const role = await pickRole(vscode.l10n.t('Role of {0} in {1}', name, project));
  if (role === undefined) return;
  try {
    await members.addMember(project, { kind: kind.id === 'user' ? 'user' : 'group', name }, role);
    log(`added ${name} to ${project} as ${roleName(role)}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is now {1} on {2}.', name, roleName(role), project));
    kit.provider.refresh(membersFolder(kit, at));
  } catch (e) {
    if (e instanceof HarborError && e.kind === 'conflict')
      void vscode.window.showWarningMessage(
        vscode.l10n.t('{0} is already a member of {1}: change the role instead.', name, project),
      );
    else kit.fail(vscode.l10n.t('Adding {0} to {1}', name, project), asProjectAdminError(e, project));
  }
}

async function changeRole(kit: HarborCommandKit, m: Extract<RegistryNode, { kind: 'member' }>): Promise<void> {
  const project = m.project.name;
  const role = await pickRole(vscode.l10n.t('New role of {0} in {1}', m.member.entity_name, project), m.member.role_id);
  if (role === undefined || role === m.member.role_id) return;
  try {
    await new MemberApi(await kit.connected(m.inst)).setMemberRole(project, m.member.id, role);
    log(`${m.member.entity_name} in ${project}: ${roleName(m.member.role_id)} → ${roleName(role)}`);
    kit.provider.refresh(membersFolder(kit, m));
  } catch (e) {
    kit.fail(vscode.l10n.t('Changing the role of {0}', m.member.entity_name), asProjectAdminError(e, project));
  }
}

async function removeMember(kit: HarborCommandKit, m: Extract<RegistryNode, { kind: 'member' }>): Promise<void> {
  const project = m.project.name;
  const who = m.member.entity_name;
  if (
    !(await confirm(
      vscode.l10n.t('Remove {0} from {1}?', who, project),
      vscode.l10n.t('Remove member'),
      vscode.l10n.t(
        '{0} ({1}) loses access to {2}, unless the project is public or a group still grants it.',
        who,
        roleName(m.member.role_id),
        project,
      ),
    ))
  )
    return;
  try {
    await new MemberApi(await kit.connected(m.inst)).removeMember(project, m.member.id);
    log(`removed ${who} from ${project}`);
    kit.provider.refresh(membersFolder(kit, m));
  } catch (e) {
    kit.fail(vscode.l10n.t('Removing {0} from {1}', who, project), asProjectAdminError(e, project));
  }
}
