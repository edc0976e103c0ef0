import { randomUUID } from 'node:crypto';
import { describePasswordProblems, nameKey, passwordProblems } from '@pbis/core';
import type { Database } from '../db/client.js';
import { withScope } from '../db/scoped.js';
import { runWrite } from '../write.js';
import { systemActor } from '../modules/auth/actor.js';
import { auditableUser } from '../modules/users/service.js';
import { generatePassword, hashPassword } from '../modules/auth/passwords.js';
import { fiscalYearDates } from '../modules/periods/service.js';
import * as orgRepo from '../modules/org/repository.js';
import * as repo from './repository.js';
import {
  BMA,
  BUDGET_OFFICE_CODE,
  BUDGET_OFFICE_DIVISIONS,
  SEED_UNITS,
} from './organization-data.js';

export const SEED_FISCAL_YEARS = [2563, 2564, 2565, 2566];

export interface SeedReport {
  organizationCreated: boolean;
  adminPassword?: string | undefined;
  /** PBIS_ADMIN_PASSWORD (or PBIS_DEMO_PASSWORD) broke the password policy: why, in English. */
  weakPasswordWarning?: string | undefined;
  demoAccounts?: number;
  demoPassword?: string | undefined;
}

/** The organisation (tenant) id, creating the seed's organisation on an empty database. */
export async function ensureOrganization(
  database: Database,
  adminPassword: string | undefined,
): Promise<{ organizationId: string; report: SeedReport }> {
  const existing = await orgRepo.firstOrganization(database.db);
  if (existing) return { organizationId: existing.id, report: { organizationCreated: false } };
  const generated = adminPassword ? undefined : generatePassword();
  const passwordHash = await hashPassword(adminPassword ?? generated!);
  // A generated password was printed on a terminal, a weak one breaks the policy: either way the
  // admin chooses their own at the first sign-in.
  const weak = adminPassword ? passwordProblems(adminPassword, { username: 'admin' }) : [];
  const organizationId = randomUUID();
  // One transaction: an interrupted first start leaves an empty database, not half an organisation.
  await runWrite(database, systemActor(organizationId, 'pbis-seed'), async ({ tx, audit }) => {
    await repo.insertOrganization(tx, { id: organizationId, ...BMA });
    audit({ action: 'create', entity: 'organization', entityId: organizationId, after: BMA });
    const unitRows = await repo.insertUnits(
      tx,
      SEED_UNITS.map((u) => ({
        organizationId,
        code: u.code,
        nameTh: u.nameTh,
        nameKey: nameKey(u.nameTh),
        nameEn: u.nameEn,
        kind: u.kind,
      })),
    );
    const budgetOffice = unitRows.find((u) => u.code === BUDGET_OFFICE_CODE)!;
    const divisionRows = await repo.insertDivisions(
      tx,
      BUDGET_OFFICE_DIVISIONS.map((d, i) => ({
        organizationId,
        unitId: budgetOffice.id,
        code: d.code,
        nameTh: d.nameTh,
        nameEn: d.nameEn,
        kind: d.kind,
        analysisNo: d.analysisNo,
        sortOrder: i + 1,
      })),
    );
    for (const d of divisionRows)
      audit({ action: 'create', entity: 'division', entityId: d.id, after: d });
    for (const u of unitRows) {
      const analysisNo = SEED_UNITS.find((s) => s.code === u.code)!.analysisNo;
      const divisionId = divisionRows.find((d) => d.analysisNo === analysisNo)!.id;
      await repo.setUnitDivision(tx, u.id, divisionId);
      audit({
        action: 'create',
        entity: 'receiving_unit',
        entityId: u.id,
        after: { ...u, analysisDivisionId: divisionId },
      });
    }
    for (const year of SEED_FISCAL_YEARS) {
      const fy = await repo.insertFiscalYear(tx, {
        organizationId,
        year,
        ...fiscalYearDates(year),
      });
      audit({ action: 'create', entity: 'fiscal_year', entityId: String(year), after: fy });
    }
    const [admin] = await repo.insertUsers(tx, [
      {
        organizationId,
        username: 'admin',
        displayName: 'ผู้ดูแลระบบ',
        passwordHash,
        role: 'admin',
        mustChangePassword: generated !== undefined || weak.length > 0,
      },
    ]);
    audit({ action: 'create', entity: 'user', entityId: admin!.id, after: auditableUser(admin!) });
  });
  return {
    organizationId,
    report: {
      organizationCreated: true,
      adminPassword: generated,
      weakPasswordWarning: weak.length
        ? `PBIS_ADMIN_PASSWORD is weak (${describePasswordProblems(weak)}): admin must change it at the first sign-in`
        : undefined,
    },
  };
}

/** The demo accounts of SPEC §5 (idempotent: existing usernames are left alone). */
export async function seedDemoAccounts(
  database: Database,
  organizationId: string,
  demoPassword: string | undefined,
): Promise<SeedReport> {
  const generated = demoPassword ? undefined : generatePassword();
  // One hash for all demo accounts: they share one password by definition.
  const passwordHash = await hashPassword(demoPassword ?? generated!);
  const weak = demoPassword ? passwordProblems(demoPassword) : [];
  const system = systemActor(organizationId, 'pbis-seed');
  // Units and divisions are row-level secured: read in the system's scope (all).
  const { divisions, units } = await withScope(database, system, async (tx) => ({
    divisions: await orgRepo.listDivisions(tx, organizationId),
    units: await orgRepo.allUnitsRaw(tx, organizationId),
  }));
  const wanted = [
    ...divisions
      .filter((d) => d.analysisNo !== null)
      .map((d) => ({
        username: `analyst${d.analysisNo}`,
        displayName: `นักวิเคราะห์งบประมาณ ${d.nameTh}`,
        role: 'budget_analyst' as const,
        analysisDivisionId: d.id,
      })),
    { username: 'office', displayName: 'สำนักงบประมาณกรุงเทพมหานคร', role: 'budget_office' as const },
    { username: 'executive', displayName: 'ผู้บริหารกรุงเทพมหานคร', role: 'executive' as const },
    ...units.map((u) => ({
      username: `officer-${u.code}`,
      displayName: `เจ้าหน้าที่ ${u.nameTh}`,
      role: 'unit_officer' as const,
      unitId: u.id,
    })),
  ];
  const created = await runWrite(database, system, async ({ tx, audit }) => {
    const taken = await repo.takenUsernames(tx);
    const fresh = wanted.filter((w) => !taken.has(w.username.toLowerCase()));
    if (fresh.length === 0) return 0;
    const rows = await repo.insertUsers(
      tx,
      fresh.map((w) => ({
        organizationId,
        passwordHash,
        mustChangePassword: weak.length > 0,
        ...w,
      })),
    );
    for (const r of rows)
      audit({ action: 'create', entity: 'user', entityId: r.id, after: auditableUser(r) });
    return rows.length;
  });
  return {
    organizationCreated: false,
    demoAccounts: created,
    demoPassword: created > 0 ? generated : undefined,
    weakPasswordWarning:
      created > 0 && weak.length
        ? `PBIS_DEMO_PASSWORD is weak (${describePasswordProblems(weak)}): each demo account must change it at the first sign-in`
        : undefined,
  };
}
