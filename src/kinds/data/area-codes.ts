/**
 * Long-distance area codes (长途区号) of mainland cities, with the number of digits of local
 * numbers there. Source: the national numbering plan (国内长途区号, MIIT), for a sample of
 * municipalities, provincial capitals and large prefecture-level cities.
 */
export interface AreaCode {
  readonly code: string;
  readonly city: string;
  readonly localDigits: 7 | 8;
}

export const AREA_CODES: readonly AreaCode[] = [
  { code: '010', city: '北京', localDigits: 8 },
  { code: '020', city: '广州', localDigits: 8 },
  { code: '021', city: '上海', localDigits: 8 },
  { code: '022', city: '天津', localDigits: 8 },
  { code: '023', city: '重庆', localDigits: 8 },
  { code: '024', city: '沈阳', localDigits: 8 },
  { code: '025', city: '南京', localDigits: 8 },
  { code: '027', city: '武汉', localDigits: 8 },
  { code: '028', city: '成都', localDigits: 8 },
  { code: '029', city: '西安', localDigits: 8 },
  { code: '0311', city: '石家庄', localDigits: 8 },
  { code: '0351', city: '太原', localDigits: 7 },
  { code: '0371', city: '郑州', localDigits: 8 },
  { code: '0411', city: '大连', localDigits: 8 },
  { code: '0431', city: '长春', localDigits: 8 },
  { code: '0451', city: '哈尔滨', localDigits: 8 },
  { code: '0471', city: '呼和浩特', localDigits: 7 },
  { code: '0510', city: '无锡', localDigits: 8 },
  { code: '0512', city: '苏州', localDigits: 8 },
  { code: '0531', city: '济南', localDigits: 8 },
  { code: '0532', city: '青岛', localDigits: 8 },
  { code: '0551', city: '合肥', localDigits: 8 },
  { code: '0571', city: '杭州', localDigits: 8 },
  { code: '0574', city: '宁波', localDigits: 8 },
  { code: '0577', city: '温州', localDigits: 8 },
  { code: '0591', city: '福州', localDigits: 8 },
  { code: '0592', city: '厦门', localDigits: 7 },
  { code: '0731', city: '长沙', localDigits: 8 },
  { code: '0755', city: '深圳', localDigits: 8 },
  { code: '0757', city: '佛山', localDigits: 8 },
  { code: '0769', city: '东莞', localDigits: 8 },
  { code: '0771', city: '南宁', localDigits: 7 },
  { code: '0791', city: '南昌', localDigits: 8 },
  { code: '0851', city: '贵阳', localDigits: 8 },
  { code: '0871', city: '昆明', localDigits: 8 },
  { code: '0891', city: '拉萨', localDigits: 7 },
  { code: '0898', city: '海口', localDigits: 8 },
  { code: '0931', city: '兰州', localDigits: 7 },
  { code: '0951', city: '银川', localDigits: 7 },
  { code: '0971', city: '西宁', localDigits: 7 },
  { code: '0991', city: '乌鲁木齐', localDigits: 7 },
];
