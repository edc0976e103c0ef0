import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import type { AuditEntry } from '@pbis/contract';
import shared from '../../i18n/th.json';
import th from './i18n/th.json';
import en from './i18n/en.json';
import { bangkokDateTime, fieldLabel, subjectText, valueText } from './audit-text';

async function thai() {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: 'th',
    resources: { th: { translation: shared, audit: th } },
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

const entry = (e: Partial<AuditEntry>): AuditEntry => ({
  seq: 1,
  at: '2026-12-02T07:05:00.000Z',
  userId: null,
  username: 'admin',
  actorUsername: 'admin',
  action: 'update',
  entity: 'user',
  entityId: null,
  subject: null,
  before: null,
  after: null,
  names: {},
  hash: 'x',
  ...e,
});

describe('audit wording', () => {
  it('has the same fields in Thai and English', () => {
    expect(Object.keys(en.fields).sort()).toEqual(Object.keys(th.fields).sort());
  });

  it('writes Bangkok times with Buddhist-era years', () => {
    expect(bangkokDateTime('2026-12-02T07:05:00.000Z', 'th')).toBe('2 ธ.ค. 2569 14:05');
    expect(bangkokDateTime('2026-12-02T07:05:00.000Z', 'en')).toBe('2 Dec 2026 14:05');
    expect(bangkokDateTime('2026-09-30T17:30:00Z', 'th')).toBe('1 ต.ค. 2569 00:30');
  });

  it('labels fields in Thai whatever their case; unknown ones stay as they are', async () => {
    const t = await thai();
    expect(fieldLabel(t, 'username')).toBe('ชื่อผู้ใช้');
    expect(fieldLabel(t, 'displayName')).toBe('ชื่อที่แสดง');
    expect(fieldLabel(t, 'display_name')).toBe('ชื่อที่แสดง');
    expect(fieldLabel(t, 'analysisDivisionId')).toBe('กองวิเคราะห์งบประมาณ');
    expect(fieldLabel(t, 'mustChangePassword')).toBe('ต้องเปลี่ยนรหัสผ่าน');
    expect(fieldLabel(t, 'somethingNew')).toBe('somethingNew');
  });

  it('names roles, kinds, states, months and ids', async () => {
    const t = await thai();
    const unitId = '8f0c1c1e-1d2b-4c3a-9e8f-0123456789ab';
    const c = {
      t,
      lang: 'th' as const,
      names: new Map([[unitId, 'สำนักงานเขตพญาไท']]),
      record: { fiscalYear: 2570 },
    };
    expect(valueText('role', 'unit_officer', c)).toBe('เจ้าหน้าที่หน่วยรับงบประมาณ');
    expect(valueText('kind', 'district_office', c)).toBe('สำนักงานเขต');
    expect(valueText('active', false, c)).toBe('ปิดใช้งาน');
    expect(valueText('mustChangePassword', true, c)).toBe('ใช่');
    expect(valueText('unitId', unitId, c)).toBe('สำนักงานเขตพญาไท');
    expect(valueText('id', unitId, c)).toBe('8f0c1c1e…'); // a row's own id stays an id
    expect(valueText('month', 3, c)).toBe('ธ.ค. 2569');
    expect(valueText('month', 0, c)).toBe('ทั้งปี');
    expect(valueText('createdAt', '2026-12-02T07:05:00.000Z', c)).toBe('2 ธ.ค. 2569 14:05');
    expect(valueText('startDate', '2026-10-01', c)).toBe('1 ต.ค. 2569');
    expect(valueText('unitId', null, c)).toBe('—');
  });

  it('says whom or what an entry is about', async () => {
    const t = await thai();
    const c = { t, lang: 'th' as const, names: new Map<string, string>() };
    expect(subjectText(entry({ subject: { username: 'officer-1014' } }), c)).toBe('officer-1014');
    expect(
      subjectText(
        entry({ entity: 'receiving_unit', subject: { code: '1014', nameTh: 'สำนักงานเขตพญาไท' } }),
        c,
      ),
    ).toBe('สำนักงานเขตพญาไท (1014)');
    expect(
      subjectText(entry({ entity: 'period_lock', subject: { fiscalYear: 2570, month: 3 } }), c),
    ).toBe('ปีงบประมาณ 2570 เดือน ธ.ค. 2569');
    expect(subjectText(entry({ entity: 'period_lock', entityId: '2570/0' }), c)).toBe(
      'ปีงบประมาณ 2570 (ทั้งปี)',
    );
    expect(subjectText(entry({ entity: 'user', after: { username: 'somchai' } }), c)).toBe(
      'somchai',
    );
  });
});
