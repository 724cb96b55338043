// Harbor commands on project members: add a user (searched as you type) or a group with a role, change a member's
// role, remove a member after confirmation. A refusal names the role it takes (members.ts).
import * as vscode from 'vscode';
import { confirm, input, pick, searchPick } from '../commands/prompts';
import { HarborError } from './errors';
import { log } from './log';
import { ROLES, asProjectAdminError, roleName } from './members';
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
    ROLES.map((r) => ({
      label: r.label,
      description: r.id === current ? 'current' : undefined,
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
      { label: 'User', detail: 'a Harbor user, found by name as you type' },
      { label: 'Group', detail: 'an LDAP, HTTP or OIDC group, by its name' },
    ],
    { placeHolder: `Add a user or a group to ${project}` },
  );
  if (!kind) return;
  let client;
  try {
    client = await kit.connected(at.inst);
  } catch (e) {
    kit.fail(`Adding a member to ${project}`, e);
    return;
  }
  let name: string | undefined;
  if (kind.label === 'User') {
    const user = await searchPick(
      async (text) =>
        text.trim()
          ? (await client.searchUsers(text.trim())).items.map((u) => ({
              label: u.username,
              description: `#${u.user_id}`,
            }))
          : [],
      { placeholder: 'Type part of a user name', title: `Add a member to ${project}` },
    );
    name = user?.label;
  } else {
    name = (
      await input({
        prompt: `Group name to add to ${project}`,
        validateInput: (v) => (v.trim() ? undefined : 'A group name is required'),
      })
    )?.trim();
  }
  if (!name) return;
  const role = await pickRole(`Role of ${name} in ${project}`);
  if (role === undefined) return;
  try {
    await client.addMember(project, { kind: kind.label === 'User' ? 'user' : 'group', name }, role);
    log(`added ${name} to ${project} as ${roleName(role)}`);
    void vscode.window.showInformationMessage(`${name} is now ${roleName(role)} on ${project}.`);
    kit.provider.refresh(membersFolder(kit, at));
  } catch (e) {
    if (e instanceof HarborError && e.kind === 'conflict')
      void vscode.window.showWarningMessage(`${name} is already a member of ${project}: change the role instead.`);
    else kit.fail(`Adding ${name} to ${project}`, asProjectAdminError(e, project));
  }
}

async function changeRole(kit: HarborCommandKit, m: Extract<RegistryNode, { kind: 'member' }>): Promise<void> {
  const project = m.project.name;
  const role = await pickRole(`New role of ${m.member.entity_name} in ${project}`, m.member.role_id);
  if (role === undefined || role === m.member.role_id) return;
  try {
    await (await kit.connected(m.inst)).setMemberRole(project, m.member.id, role);
    log(`${m.member.entity_name} in ${project}: ${roleName(m.member.role_id)} → ${roleName(role)}`);
    kit.provider.refresh(membersFolder(kit, m));
  } catch (e) {
    kit.fail(`Changing the role of ${m.member.entity_name}`, asProjectAdminError(e, project));
  }
}

async function removeMember(kit: HarborCommandKit, m: Extract<RegistryNode, { kind: 'member' }>): Promise<void> {
  const project = m.project.name;
  const who = m.member.entity_name;
  if (
    !(await confirm(
      `Remove ${who} from ${project}?`,
      'Remove member',
      `${who} (${roleName(m.member.role_id)}) loses access to ${project}, unless the project is public or a group still grants it.`,
    ))
  )
    return;
  try {
    await (await kit.connected(m.inst)).removeMember(project, m.member.id);
    log(`removed ${who} from ${project}`);
    kit.provider.refresh(membersFolder(kit, m));
  } catch (e) {
    kit.fail(`Removing ${who} from ${project}`, asProjectAdminError(e, project));
  }
}
