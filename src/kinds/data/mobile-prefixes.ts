/**
 * Three-digit prefixes (号段) of mainland mobile numbers as allocated by MIIT (工业和信息化部
 * 电信网码号资源). `VOICE_PREFIXES` are the carriers' ordinary subscriber ranges used to
 * generate numbers; `ALLOCATED_PREFIXES` adds the data-card, IoT, satellite and virtual-operator
 * (MVNO) ranges that detection still accepts as real.
 */
import { dictionary } from '../../dictionary.js';

export const VOICE_PREFIXES: Readonly<Record<string, readonly string[]>> = dictionary({
  /** China Mobile (中国移动). */
  cmcc: ['134', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '172', '178', '182', '183', '184', '187', '188', '195', '197', '198'],
  /** China Unicom (中国联通). */
  unicom: ['130', '131', '132', '155', '156', '166', '175', '176', '185', '186', '196'],
  /** China Telecom (中国电信). */
  telecom: ['133', '153', '173', '177', '180', '181', '189', '190', '191', '193', '199'],
  /** China Broadnet (中国广电). */
  broadnet: ['192'],
});

/** Data cards (145-149), IoT (144/146/148), satellite (174), MVNO (162/165/167/170/171). */
const OTHER_ALLOCATED = ['144', '145', '146', '147', '148', '149', '162', '165', '167', '170', '171', '174'];

export const ALLOCATED_PREFIXES: ReadonlySet<string> = new Set([...Object.values(VOICE_PREFIXES).flat(), ...OTHER_ALLOCATED]);

/** All voice prefixes in one list, for uniform sampling. */
export const ALL_VOICE_PREFIXES: readonly string[] = Object.values(VOICE_PREFIXES).flat();
