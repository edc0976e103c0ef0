/**
 * The organisation of the seed (FY2565 action plan of the BMA Budget Office), with the official
 * spelling of GLOSSARY.md. District office codes are the Bangkok district geocodes (10xx);
 * department codes are short mnemonics chosen by PBIS (editable data).
 */
export const BMA = {
  code: 'BMA',
  nameTh: 'กรุงเทพมหานคร',
  nameEn: 'Bangkok Metropolitan Administration',
};

export const BUDGET_OFFICE_CODE = 'BDO';

export const BUDGET_OFFICE_DIVISIONS = [
  {
    code: 'BDO-SEC',
    nameTh: 'สำนักงานเลขานุการ',
    nameEn: 'Secretariat',
    kind: 'secretariat',
    analysisNo: null,
  },
  {
    code: 'BDO-BSO',
    nameTh: 'สำนักงานระบบงบประมาณ',
    nameEn: 'Budget System Office',
    kind: 'budget_system',
    analysisNo: null,
  },
  ...[1, 2, 3, 4, 5, 6].map((n) => ({
    code: `BDO-AD${n}`,
    nameTh: `กองวิเคราะห์งบประมาณ ${n}`,
    nameEn: `Budget Analysis Division ${n}`,
    kind: 'analysis' as const,
    analysisNo: n,
  })),
] as const;

type Kind = 'department' | 'district_office' | 'enterprise' | 'university';
export interface SeedUnit {
  code: string;
  nameTh: string;
  nameEn: string;
  kind: Kind;
  analysisNo: number;
}

const dept = (
  analysisNo: number,
  code: string,
  nameTh: string,
  nameEn: string,
  kind: Kind = 'department',
): SeedUnit => ({ code, nameTh, nameEn, kind, analysisNo });

const DEPARTMENTS: SeedUnit[] = [
  dept(1, 'DDS', 'สำนักการระบายน้ำ', 'Drainage and Sewerage Department'),
  dept(1, 'ENV', 'สำนักสิ่งแวดล้อม', 'Environment Department'),
  dept(2, 'PWD', 'สำนักการโยธา', 'Public Works Department'),
  dept(2, 'TTD', 'สำนักการจราจรและขนส่ง', 'Traffic and Transportation Department'),
  dept(2, 'CPD', 'สำนักการวางผังและพัฒนาเมือง', 'City Planning and Urban Development Department'),
  dept(3, 'EDU', 'สำนักการศึกษา', 'Education Department'),
  dept(3, 'CST', 'สำนักวัฒนธรรม กีฬาและการท่องเที่ยว', 'Culture, Sports and Tourism Department'),
  dept(3, 'NMU', 'มหาวิทยาลัยนวมินทราธิราช', 'Navamindradhiraj University', 'university'),
  dept(
    4,
    'CSC',
    'สำนักงานคณะกรรมการข้าราชการกรุงเทพมหานคร',
    'Office of the Bangkok Metropolitan Civil Service Commission',
  ),
  dept(4, 'SED', 'สำนักยุทธศาสตร์และประเมินผล', 'Strategy and Evaluation Department'),
  dept(4, 'BDO', 'สำนักงบประมาณกรุงเทพมหานคร', 'Budget Office'),
  dept(4, 'FIN', 'สำนักการคลัง', 'Finance Department'),
  dept(4, 'BCE', 'การพาณิชย์ของกรุงเทพมหานคร', 'BMA Commercial Enterprises', 'enterprise'),
  dept(
    5,
    'CCS',
    'สำนักงานเลขานุการสภากรุงเทพมหานคร',
    'Office of the Secretary to the Bangkok Metropolitan Council',
  ),
  dept(5, 'GOS', 'สำนักงานเลขานุการผู้ว่าราชการกรุงเทพมหานคร', 'Office of the Secretary to the Governor'),
  dept(5, 'CED', 'สำนักเทศกิจ', 'City Law Enforcement Department'),
  dept(5, 'FRD', 'สำนักป้องกันและบรรเทาสาธารณภัย', 'Fire and Rescue Department'),
  dept(5, 'PSO', 'สำนักปลัดกรุงเทพมหานคร', 'Office of the Permanent Secretary'),
  dept(6, 'MSD', 'สำนักการแพทย์', 'Medical Service Department'),
  dept(6, 'HLT', 'สำนักอนามัย', 'Health Department'),
  dept(6, 'SDD', 'สำนักพัฒนาสังคม', 'Social Development Department'),
];

// [geocode, Thai district name, English name, analysis division]
const DISTRICTS: [number, string, string, number][] = [
  [1001, 'พระนคร', 'Phra Nakhon', 1],
  [1002, 'ดุสิต', 'Dusit', 1],
  [1003, 'หนองจอก', 'Nong Chok', 4],
  [1004, 'บางรัก', 'Bang Rak', 2],
  [1005, 'บางเขน', 'Bang Khen', 5],
  [1006, 'บางกะปิ', 'Bang Kapi', 4],
  [1007, 'ปทุมวัน', 'Pathum Wan', 2],
  [1008, 'ป้อมปราบศัตรูพ่าย', 'Pom Prap Sattru Phai', 1],
  [1009, 'พระโขนง', 'Phra Khanong', 2],
  [1010, 'มีนบุรี', 'Min Buri', 4],
  [1011, 'ลาดกระบัง', 'Lat Krabang', 4],
  [1012, 'ยานนาวา', 'Yan Nawa', 2],
  [1013, 'สัมพันธวงศ์', 'Samphanthawong', 1],
  [1014, 'พญาไท', 'Phaya Thai', 1],
  [1015, 'ธนบุรี', 'Thon Buri', 3],
  [1016, 'บางกอกใหญ่', 'Bangkok Yai', 3],
  [1017, 'ห้วยขวาง', 'Huai Khwang', 1],
  [1018, 'คลองสาน', 'Khlong San', 3],
  [1019, 'ตลิ่งชัน', 'Taling Chan', 3],
  [1020, 'บางกอกน้อย', 'Bangkok Noi', 3],
  [1021, 'บางขุนเทียน', 'Bang Khun Thian', 6],
  [1022, 'ภาษีเจริญ', 'Phasi Charoen', 6],
  [1023, 'หนองแขม', 'Nong Khaem', 6],
  [1024, 'ราษฎร์บูรณะ', 'Rat Burana', 6],
  [1025, 'บางพลัด', 'Bang Phlat', 3],
  [1026, 'ดินแดง', 'Din Daeng', 1],
  [1027, 'บึงกุ่ม', 'Bueng Kum', 4],
  [1028, 'สาทร', 'Sathon', 2],
  [1029, 'บางซื่อ', 'Bang Sue', 5],
  [1030, 'จตุจักร', 'Chatuchak', 5],
  [1031, 'บางคอแหลม', 'Bang Kho Laem', 2],
  [1032, 'ประเวศ', 'Prawet', 4],
  [1033, 'คลองเตย', 'Khlong Toei', 2],
  [1034, 'สวนหลวง', 'Suan Luang', 2],
  [1035, 'จอมทอง', 'Chom Thong', 3],
  [1036, 'ดอนเมือง', 'Don Mueang', 5],
  [1037, 'ราชเทวี', 'Ratchathewi', 1],
  [1038, 'ลาดพร้าว', 'Lat Phrao', 5],
  [1039, 'วัฒนา', 'Watthana', 2],
  [1040, 'บางแค', 'Bang Khae', 6],
  [1041, 'หลักสี่', 'Lak Si', 5],
  [1042, 'สายไหม', 'Sai Mai', 5],
  [1043, 'คันนายาว', 'Khan Na Yao', 4],
  [1044, 'สะพานสูง', 'Saphan Sung', 4],
  [1045, 'วังทองหลาง', 'Wang Thonglang', 1],
  [1046, 'คลองสามวา', 'Khlong Sam Wa', 4],
  [1047, 'บางนา', 'Bang Na', 2],
  [1048, 'ทวีวัฒนา', 'Thawi Watthana', 3],
  [1049, 'ทุ่งครุ', 'Thung Khru', 6],
  [1050, 'บางบอน', 'Bang Bon', 6],
];

export const SEED_UNITS: SeedUnit[] = [
  ...DEPARTMENTS,
  ...DISTRICTS.map(([code, th, en, analysisNo]) => ({
    code: String(code),
    nameTh: `สำนักงานเขต${th}`,
    nameEn: `${en} District Office`,
    kind: 'district_office' as const,
    analysisNo,
  })),
];
