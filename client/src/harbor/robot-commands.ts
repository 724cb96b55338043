// Harbor commands on robot accounts: create from a short form, refresh the secret, disable or enable, delete.
// A secret is shown once, in a modal with "Copy"; it is never logged or written to settings (every secret is
// registered for redaction first). Berth then offers to keep it as a connected robot account in SecretStorage and to
// copy a `docker login` line that reads the secret from stdin.
import * as vscode from 'vscode';
import { choose, confirm, input, pickMany } from '../commands/prompts';
import { log, registerSecret } from './log';
import { asProjectAdminError } from './members';
import {
  LOGIN_OFFER,
  PULL,
  PUSH,
  STORE_OFFER,
  accessLabel,
  dockerLoginLine,
  parseDuration,
  permissionChoices,
  robotPermissions,
} from './robots';
import { RobotApi } from './robots-rest';
import { ProjectApi } from './projects-rest';
import type { HarborClient } from './client';
import type { HarborCommandKit } from './commands';
import type { HarborInstance } from './instances';
import type { RegistryNode } from './tree/model';

type RobotNode = Extract<RegistryNode, { kind: 'robot' }>;
const ROBOT_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

export function registerRobotCommands(kit: HarborCommandKit): void {
  const { reg } = kit;
  reg('berth.harbor.createRobot', async (n?: RegistryNode) => {
    if (n?.kind === 'robots' || n?.kind === 'project') await createRobot(kit, n);
  });
  reg('berth.harbor.refreshRobotSecret', async (n?: RegistryNode) => {
    if (n?.kind === 'robot') await refreshSecret(kit, n);
  });
  reg('berth.harbor.disableRobot', async (n?: RegistryNode) => {
    if (n?.kind === 'robot') await setDisabled(kit, n, true);
  });
  reg('berth.harbor.enableRobot', async (n?: RegistryNode) => {
    if (n?.kind === 'robot') await setDisabled(kit, n, false);
  });
  reg('berth.harbor.deleteRobot', async (n?: RegistryNode) => {
    if (n?.kind === 'robot') await deleteRobot(kit, n);
  });
}

/** The refusal in words: a project robot needs the Project Admin role there; a system robot a system admin. */
function refusal(e: unknown, project: string | undefined): unknown {
  return project ? asProjectAdminError(e, project) : e;
}

async function createRobot(kit: HarborCommandKit, at: Extract<RegistryNode, { kind: 'robots' | 'project' }>) {
  const inst = at.inst;
  const project = at.project?.name;
  const where = project ?? vscode.l10n.t('{0} (system)', inst.url);
  let client: HarborClient;
  try {
    client = await kit.connected(inst);
  } catch (e) {
    kit.fail(vscode.l10n.t('Creating a robot account in {0}', where), e);
    return;
  }
  let projects = project ? [project] : undefined;
  if (!projects) {
    const listed = await new ProjectApi(client).listProjects(1, 100).catch(() => undefined);
    const chosen = await pickMany(
      [
        { label: '*', description: vscode.l10n.t('every project, present and future') },
        ...(listed?.items ?? []).map((p) => ({ label: p.name })),
      ],
      { placeHolder: vscode.l10n.t('Projects this robot account may use') },
    );
    if (!chosen?.length) return;
    projects = chosen.map((c) => c.label);
  }
  const name = await input({
    prompt: vscode.l10n.t('Robot account name (Harbor makes it {0})', `robot$${project ? `${project}+` : ''}<name>`),
    placeHolder: 'ci',
    validateInput: (v) =>
      ROBOT_NAME.test(v)
        ? undefined
        : vscode.l10n.t('Lower-case letters and digits, with single . _ or - between them'),
  });
  if (!name) return;
  const robots = new RobotApi(client);
  const catalogue = await robots.permissions().catch(() => undefined);
  const choices = permissionChoices(catalogue?.project);
  const access = await pickMany(
    choices.map((a) => ({ label: accessLabel(a), picked: a === PULL || a === PUSH, access: a })),
    { placeHolder: vscode.l10n.t('Permissions (push and pull first; the rest are what Harbor offers)') },
  );
  if (!access?.length) return;
  const days = await input({
    prompt: vscode.l10n.t('Expires after how many days? ("never" for no expiry)'),
    value: '30',
    validateInput: (v) =>
      parseDuration(v) === undefined ? vscode.l10n.t('A whole number of days, or "never"') : undefined,
  });
  if (days === undefined) return;
  try {
    const created = await robots.createRobot({
      name,
      level: project ? 'project' : 'system',
      duration: parseDuration(days)!,
      permissions: robotPermissions(
        projects,
        access.map((a) => a.access),
      ),
    });
    registerSecret(created.secret);
    log(`created robot account ${created.name} in ${where}`);
    kit.provider.refresh(at.kind === 'robots' ? at : undefined);
    await showSecretOnce(kit, inst, created.name, created.secret);
  } catch (e) {
    kit.fail(vscode.l10n.t('Creating robot account {0}', name), refusal(e, project));
  }
}

/** The one time a secret is shown: a modal with "Copy"; then the offers, which never show it again. */
async function showSecretOnce(kit: HarborCommandKit, inst: HarborInstance, robot: string, secret: string) {
  const copy = vscode.l10n.t('Copy');
  const copied = await choose(
    vscode.l10n.t('Secret of {0}', robot),
    `${secret}\n\n${vscode.l10n.t('Harbor shows this secret only now. Copy it to where your CI keeps secrets.')}`,
    [copy],
  );
  if (copied === copy) await vscode.env.clipboard.writeText(secret);
  // The English offer is the item's id: what is chosen is compared by it, whatever the label's language.
  const offers = await pickMany(
    [
      { id: STORE_OFFER, label: vscode.l10n.t('Store it as a Berth registry credential') },
      { id: LOGIN_OFFER, label: vscode.l10n.t('Copy a docker login line (--password-stdin)') },
    ],
    { placeHolder: vscode.l10n.t('{0}: anything else? (the secret is not shown again)', robot) },
  );
  const chosen = new Set((offers ?? []).map((o) => o.id));
  if (chosen.has(STORE_OFFER)) {
    await kit.instances.save(
      {
        id: `${robot}@${inst.url}`,
        url: inst.url,
        username: robot,
        registryUrl: inst.registryUrl,
        accountKind: 'robot',
        mayCreateProjects: false,
        ...(inst.registryElsewhereConfirmed ? { registryElsewhereConfirmed: true } : {}),
      },
      secret,
    );
    log(`stored ${robot} at ${inst.url} as a registry credential (secret in SecretStorage)`);
  }
  if (chosen.has(LOGIN_OFFER)) {
    await vscode.env.clipboard.writeText(dockerLoginLine(inst.registryUrl, robot));
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'docker login line copied for {0}. It reads the secret from $HARBOR_ROBOT_SECRET through --password-stdin, so the secret stays out of the line and your shell history.',
        robot,
      ),
    );
  }
}

async function refreshSecret(kit: HarborCommandKit, r: RobotNode) {
  if (
    !(await confirm(
      vscode.l10n.t('Refresh the secret of {0}?', r.robot.name),
      vscode.l10n.t('Refresh secret'),
      vscode.l10n.t(
        'The current secret stops working at once: every CI job and login that uses it fails until given the new one.',
      ),
    ))
  )
    return;
  try {
    const secret = await new RobotApi(await kit.connected(r.inst)).refreshRobotSecret(r.robot);
    registerSecret(secret);
    log(`refreshed the secret of ${r.robot.name}`);
    await showSecretOnce(kit, r.inst, r.robot.name, secret);
  } catch (e) {
    kit.fail(vscode.l10n.t('Refreshing the secret of {0}', r.robot.name), refusal(e, r.project?.name));
  }
}

async function setDisabled(kit: HarborCommandKit, r: RobotNode, disable: boolean) {
  const verb = disable ? vscode.l10n.t('Disable') : vscode.l10n.t('Enable');
  const detail = disable
    ? vscode.l10n.t('Logins with its secret fail until it is enabled again; the account and its secret are kept.')
    : vscode.l10n.t('Its secret works again for logins, pushes and pulls.');
  const question = disable ? vscode.l10n.t('Disable {0}?', r.robot.name) : vscode.l10n.t('Enable {0}?', r.robot.name);
  if (!(await confirm(question, verb, detail))) return;
  try {
    await new RobotApi(await kit.connected(r.inst)).setRobotDisabled(r.robot, disable);
    log(`${disable ? 'disabled' : 'enabled'} ${r.robot.name}`);
    kit.provider.refresh(kit.provider.getParent(r));
  } catch (e) {
    kit.fail(
      disable ? vscode.l10n.t('Disabling {0}', r.robot.name) : vscode.l10n.t('Enabling {0}', r.robot.name),
      refusal(e, r.project?.name),
    );
  }
}

async function deleteRobot(kit: HarborCommandKit, r: RobotNode) {
  if (
    !(await confirm(
      vscode.l10n.t('Delete {0}?', r.robot.name),
      vscode.l10n.t('Delete robot account'),
      vscode.l10n.t('Its secret stops working at once and cannot be restored; a new account gets a new secret.'),
    ))
  )
    return;
  try {
    await new RobotApi(await kit.connected(r.inst)).deleteRobot(r.robot);
    log(`deleted ${r.robot.name}`);
    kit.provider.refresh(kit.provider.getParent(r));
  } catch (e) {
    kit.fail(vscode.l10n.t('Deleting {0}', r.robot.name), refusal(e, r.project?.name));
  }
}
