import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** Small page helpers for the PBIS UI (labels are the Thai/English texts of apps/web/src/i18n). */

export async function signIn(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
  lang: 'th' | 'en' = 'th',
) {
  const L =
    lang === 'th'
      ? { user: 'ชื่อผู้ใช้', pass: 'รหัสผ่าน', submit: 'เข้าสู่ระบบ' }
      : { user: 'Username', pass: 'Password', submit: 'Sign in' };
  if (!page.url().includes('/login')) await page.goto(`${baseUrl}/login`);
  await page.getByRole('textbox', { name: L.user, exact: true }).fill(username);
  await page.getByRole('textbox', { name: L.pass, exact: true }).fill(password);
  await page.getByRole('button', { name: L.submit, exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** The cell texts of one column of a table, in row order. */
export async function columnTexts(
  page: Page,
  tableTestId: string,
  column: number,
): Promise<string[]> {
  return page.getByTestId(tableTestId).locator(`tbody tr td:nth-child(${column})`).allInnerTexts();
}

/** Waits until `read` returns a value that passes `check` (the UI updates after debounced fetches). */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (v: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = await read();
  while (!check(last) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 150));
    last = await read();
  }
  return last;
}

export async function expectHeading(page: Page, name: string) {
  await page.getByRole('heading', { name, exact: true }).waitFor();
  expect(await page.getByRole('heading', { name, exact: true }).count()).toBeGreaterThan(0);
}
