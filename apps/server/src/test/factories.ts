import type { FastifyInstance } from 'fastify';
import type { UNIT_KINDS } from '../db/schema.js';
import type { Actor } from '../modules/auth/actor.js';
import { createUnit, updateUnit, type UnitDto } from '../modules/org/service.js';
import { ensureFiscalYear, periodLocks, setPeriodLock } from '../modules/periods/service.js';
import { createUser, resetPassword, updateUser } from '../modules/users/service.js';
import { login, type Client, type TestContext } from './harness.js';

/*
 * Test factories: each test builds exactly the state it needs, through the real services (so
 * validation, audit entries and row-level security apply as in production), instead of relying on
 * the demo organisation's accounts or on what an earlier test left behind.
 *
 *   const t = await setupApp(kind, { demo: false });        // the organisation and admin only
 *   const unit = await aUnit().inDivision(3).named('สำนักงานเขตดุสิต').create(t);
 *   const officer = await aUser().officerOf(unit).create(t);
 *   const analyst = await aUser().analystOf(3).withPassword('my-own-secret').create(t);
 *   const boss = await aUser().admin().create(t);
 *   const client = await officer.signIn(t.app);              // a signed-in Client (harness.ts)
 *   await someService(t.database, officer.actor, …);         // or act as them without HTTP
 *   const fy = await aFiscalYear(2570).withLockedMonths(1, 2).create(t);
 *
 * - Every value a test does not set is unique per call (a counter: codes F-1, F-2…, usernames
 *   user-1…, years 2601…), so no two tests collide and none depends on another's rows.
 * - `create(ctx, by?)` acts as `by` (default: the system actor, as the CLI and seed do); pass a
 *   user's `actor` to create as that user, and the service's own scope and role checks apply.
 * - The builders are plain: methods set a field and return `this`; `create` calls the service.
 *
 * Adding one for a module (aBudgetLine(), anIndicator()…), in the module's own folder
 * (modules/<name>/factories.ts, importing `next` and FactoryContext from here): a class with defaults made unique by
 * `next()`, one method per thing a test varies (named after what it means, not the column:
 * `.inYear(2570)`, `.forUnit(unit)`), and `create(ctx, by = ctx.system)` that calls the module's
 * service and returns what the service returned, plus handles the test needs (an actor, signIn).
 */

type UnitKind = (typeof UNIT_KINDS)[number];

/** What a factory needs of the test's context (a TestContext has it). */
export type FactoryContext = Pick<TestContext, 'database' | 'organizationId' | 'system'>;

let counter = 0;
/** A number not used before in this test process: the seed of every unique default. */
export const next = (): number => ++counter;

/** The password of every user a factory creates unless `.withPassword` says otherwise. */
export const FACTORY_PASSWORD = 'factory-made-secret-7';

// ---------------------------------------------------------------------------------------------

export class UnitBuilder {
  private readonly n = next();
  private input = {
    code: `F-${this.n}`,
    nameTh: `หน่วยงานทดสอบที่ ${this.n}`,
    nameEn: `Test unit ${this.n}`,
    kind: 'department' as UnitKind,
    analysisDivisionNo: null as number | null,
    active: true,
  };
  private inactive = false;

  code(code: string): this {
    this.input.code = code;
    return this;
  }
  named(nameTh: string, nameEn = this.input.nameEn): this {
    this.input.nameTh = nameTh;
    this.input.nameEn = nameEn;
    return this;
  }
  ofKind(kind: UnitKind): this {
    this.input.kind = kind;
    return this;
  }
  /** Under analysis division `no` (1–6 in the seed organisation); null for none. */
  inDivision(no: number | null): this {
    this.input.analysisDivisionNo = no;
    return this;
  }
  /** Created, then deactivated (so the audit trail holds both, as it would in use). */
  deactivated(): this {
    this.inactive = true;
    return this;
  }

  async create(ctx: FactoryContext, by: Actor = ctx.system): Promise<UnitDto> {
    const unit = await createUnit(ctx.database, by, this.input);
    if (!this.inactive) return unit;
    return updateUnit(ctx.database, by, unit.id, unit.version, { active: false });
  }
}

/** A receiving unit, created through the org service. */
export const aUnit = (): UnitBuilder => new UnitBuilder();

// ---------------------------------------------------------------------------------------------

type CreatedUser = Awaited<ReturnType<typeof createUser>>['user'];

export interface TestUser extends CreatedUser {
  password: string;
  /** The user as an actor, to call services directly as them. */
  actor: Actor;
  /** Signs in over HTTP (the real login route) and returns the session's Client. */
  signIn(app: FastifyInstance): Promise<Client>;
}

type UserInput = Parameters<typeof createUser>[2];

export class UserBuilder {
  private readonly n = next();
  private input: UserInput = {
    username: `user-${this.n}`,
    displayName: `ผู้ใช้ทดสอบ ${this.n}`,
    role: 'executive',
    password: FACTORY_PASSWORD,
  };
  private mustChange = false;
  private disabled = false;

  username(username: string): this {
    this.input.username = username;
    return this;
  }
  displayName(displayName: string): this {
    this.input.displayName = displayName;
    return this;
  }
  withPassword(password: string): this {
    this.input.password = password;
    return this;
  }
  admin(): this {
    return this.role('admin');
  }
  office(): this {
    return this.role('budget_office');
  }
  executive(): this {
    return this.role('executive');
  }
  /** A budget analyst of analysis division `no`. */
  analystOf(no: number): this {
    return this.role('budget_analyst', { analysisDivisionNo: no });
  }
  /** A unit officer of `unit` (a created unit, or a unit code such as 'BDO'). */
  officerOf(unit: { id: string } | string): this {
    return this.role(
      'unit_officer',
      typeof unit === 'string' ? { unitCode: unit } : { unitId: unit.id },
    );
  }
  /** Has a password set by an administrator: must change it before doing anything else. */
  mustChangePassword(): this {
    this.mustChange = true;
    return this;
  }
  /** Created, then disabled by an administrator. */
  inactive(): this {
    this.disabled = true;
    return this;
  }

  private role(role: UserInput['role'], scope: Partial<UserInput> = {}): this {
    this.input = {
      username: this.input.username,
      displayName: this.input.displayName,
      password: this.input.password,
      role,
      ...scope,
    };
    return this;
  }

  async create(ctx: FactoryContext, by: Actor = ctx.system): Promise<TestUser> {
    const password = this.input.password!;
    let { user } = await createUser(ctx.database, by, this.input);
    if (this.mustChange) {
      // An administrator (or the system) setting a password makes it temporary.
      await resetPassword(ctx.database, by, user.id, password);
      user = { ...user, mustChangePassword: true };
    }
    if (this.disabled)
      user = await updateUser(ctx.database, by, user.id, user.version, { active: false });
    const actor: Actor = {
      kind: 'user',
      userId: user.id,
      username: user.username,
      organizationId: ctx.organizationId,
      role: user.role,
      unitId: user.unitId,
      analysisDivisionId: user.analysisDivisionId,
    };
    return { ...user, password, actor, signIn: (app) => login(app, user.username, password) };
  }
}

/** A user (executive unless a role is chosen), created through the users service. */
export const aUser = (): UserBuilder => new UserBuilder();

// ---------------------------------------------------------------------------------------------

export class FiscalYearBuilder {
  private months: number[] = [];
  private wholeYear = false;
  constructor(private readonly year: number) {}

  /** Locks these fiscal months (1 = October … 12 = September). */
  withLockedMonths(...months: number[]): this {
    this.months.push(...months);
    return this;
  }
  /** Locks the whole year (month 0). */
  locked(): this {
    this.wholeYear = true;
    return this;
  }

  async create(ctx: FactoryContext, by: Actor = ctx.system) {
    const fy = await ensureFiscalYear(ctx.database, by, this.year);
    for (const month of [...this.months, ...(this.wholeYear ? [0] : [])])
      await setPeriodLock(ctx.database, by, { fiscalYear: this.year, month, locked: true });
    return { ...fy, locks: await periodLocks(ctx.database, by, this.year) };
  }
}

/** A fiscal year (BE), opened if it is not; without a year, one no other call uses (2601…). */
export const aFiscalYear = (year: number = 2600 + next()): FiscalYearBuilder =>
  new FiscalYearBuilder(year);
