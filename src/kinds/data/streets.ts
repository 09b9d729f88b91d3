/**
 * Building blocks of synthetic street addresses: the road names that occur in most Chinese
 * cities (人民路, 解放路, 中山路 ... are named nationwide after the same themes), road types, and
 * residential compound words. No real address is reproduced: the combination with a random
 * number, building and room is synthetic.
 */
export const ROAD_NAMES: readonly string[] = [
  '人民', '解放', '中山', '建设', '和平', '新华', '胜利', '文化', '朝阳', '长江', '黄河', '光明',
  '幸福', '团结', '民主', '青年', '工业', '北京', '南京', '上海', '延安', '友谊', '建国', '复兴',
  '滨江', '滨河', '环城', '迎宾', '东风', '红旗', '健康', '学府', '科技', '创业', '花园', '振兴',
];

export const ROAD_TYPES: readonly string[] = ['路', '街', '大道', '东路', '西路', '南路', '北路', '中路'];

export const COMPOUND_WORDS: readonly string[] = [
  '花园', '小区', '家园', '新村', '公寓', '嘉园', '雅苑', '华庭', '名苑', '佳苑', '苑', '府',
];

export const COMPOUND_PREFIXES: readonly string[] = [
  '阳光', '锦绣', '翠湖', '金色', '碧水', '枫林', '丽景', '书香', '御景', '海棠', '紫荆', '春晓',
];
