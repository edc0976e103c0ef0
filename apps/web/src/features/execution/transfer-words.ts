import type { TFunction } from 'i18next';
import { DEFAULT_TRANSFER_RULES } from '@pbis/core';

/** A rule label in the page's language: the default rules have words of their own. */
export function ruleText(t: TFunction, label: string): string {
  const i = DEFAULT_TRANSFER_RULES.findIndex((r) => r.label === label);
  return i >= 0 ? t(`transfers:defaultRules.${i}`) : label;
}

/** Who approves, in words (the analyst is the one of the unit's analysis division). */
export const approverText = (t: TFunction, role: string) =>
  t(`transfers:approverRoles.${role}`, { defaultValue: t(`roles.${role}`) });
