import { AppError } from '@pbis/core';
import { findUserForLogin } from '../modules/auth/repository.js';
import { withScope } from '../db/scoped.js';
import { resetPassword, unlockUser } from '../modules/users/service.js';
import { announceSeed, openContext, type CliContext } from './context.js';
import { err, out } from './output.js';

/*
 * The machine's way back in: whoever runs the CLI has the server and its database, so these need
 * no sign-in — which is what an operator needs when the only admin is locked out.
 */

async function withUser<T>(
  name: string,
  fn: (ctx: CliContext, user: { id: string; username: string }) => Promise<T>,
): Promise<T> {
  const ctx = await openContext();
  announceSeed(ctx.report, err);
  try {
    const user = await withScope(ctx.database, ctx.actor, (tx) =>
      findUserForLogin(tx, name.trim().toLowerCase()),
    );
    if (!user) throw new AppError('not_found', `there is no user "${name}"`);
    return await fn({ ...ctx, actor: { ...ctx.actor, organizationId: user.organizationId } }, user);
  } finally {
    await ctx.database.close();
  }
}

export const usersUnlockCommand = (name: string) =>
  withUser(name, async ({ database, actor }, user) => {
    await unlockUser(database, actor, user.id);
    out(`unlocked ${user.username}: failed sign-ins no longer count against the account`);
    return 0;
  });

export const usersResetPasswordCommand = (name: string) =>
  withUser(name, async ({ database, actor }, user) => {
    const { temporaryPassword } = await resetPassword(database, actor, user.id, undefined);
    out(
      `new temporary password for ${user.username} (shown once; it must be changed at the next sign-in): ${temporaryPassword}`,
    );
    err('the account is unlocked and its sessions are signed out');
    return 0;
  });
